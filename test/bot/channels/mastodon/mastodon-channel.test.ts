import { Writable } from 'node:stream';
import fc from 'fast-check';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createMastodonChannel } from '../../../../bot/channels/mastodon/mastodon-channel.js';
import { mastodonLength, statusHtmlToText } from '../../../../bot/channels/mastodon/status-text.js';
import { platformService } from '../../../helpers/platform-service.js';
import { waitFor } from '../../../helpers/start-service.js';
import { fixture } from '../../../fixtures/load-fixture.js';

const INSTANCE = 'https://mastodon.test';
const env = { MASTODON_URL: INSTANCE, MASTODON_TOKEN: 'masto-token', MASTODON_POLL_INTERVAL_SECONDS: '3600' };

/** The fixture's mentions, made recent (the first poll skips mentions older than an hour). */
function recentMentions(only?: 'ann' | 'bot') {
  const list = fixture<any[]>('mastodon', 'notifications-mentions');
  const now = new Date().toISOString();
  for (const n of list) n.created_at = n.status.created_at = now;
  if (only === 'ann') return list.filter((n) => !n.account.bot);
  if (only === 'bot') return list.filter((n) => n.account.bot);
  return list;
}

interface Sent {
  at: number;
  body: { status: string; in_reply_to_id: string; visibility: string };
  idempotencyKey: string | undefined;
  auth: string | undefined;
}

function mastodon(opts: {
  notifications: () => unknown[];
  statuses?: (() => [number, unknown, Record<string, string>?])[];
  instance?: unknown;
}) {
  const queries: Record<string, string>[] = [];
  const sent: Sent[] = [];
  const statuses = opts.statuses ?? [() => [200, fixture('mastodon', 'status-created')]];
  nock(INSTANCE)
    .get('/api/v2/instance')
    .reply(200, (opts.instance ?? fixture('mastodon', 'instance-v2')) as nock.Body);
  nock(INSTANCE)
    .get('/api/v1/notifications')
    .query(true)
    .times(20)
    .reply((uri) => {
      queries.push(Object.fromEntries(new URL(uri, INSTANCE).searchParams));
      return [
        200,
        opts.notifications() as nock.Body,
        { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': new Date(Date.now() + 300_000).toISOString() },
      ];
    });
  nock(INSTANCE)
    .post('/api/v1/statuses')
    .times(20)
    .reply(function (_uri, body) {
      sent.push({
        at: Date.now(),
        body: body as Sent['body'],
        idempotencyKey: this.req.headers['idempotency-key'] as string | undefined,
        auth: this.req.headers.authorization as string | undefined,
      });
      const [status, payload, headers] = (statuses[sent.length - 1] ?? statuses[statuses.length - 1]!)();
      return [status, payload as nock.Body, headers ?? {}];
    });
  return { queries, sent };
}

describe('Mastodon channel', () => {
  const startWith = platformService(env, (s) => createMastodonChannel(s.mastodon!));
  const start = async () => {
    const { service, channel } = await startWith();
    return { s: service, channel };
  };

  it('answers a mention in its thread with its visibility and an Idempotency-Key; never a bot', async () => {
    let first = true;
    const { queries, sent } = mastodon({ notifications: () => (first ? ((first = false), recentMentions()) : []) });
    const { s, channel } = await start();
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    expect(sent[0]!.auth).toBe('Bearer masto-token');
    expect(sent[0]!.body.in_reply_to_id).toBe('113500000000000101');
    expect(sent[0]!.body.visibility).toBe('unlisted');
    expect(sent[0]!.body.status).toContain('Hi @ann@social.example, sorry your parcel is late');
    expect(sent[0]!.idempotencyKey).toBeTruthy();
    expect(queries[0]).toMatchObject({ 'types[]': 'mention' });
    expect(queries[0]!.since_id).toBeUndefined();
    // The cursor is kept: the next poll asks only for newer notifications.
    await channel.pollOnce();
    expect(queries[1]!.since_id).toBe('34975862');
    await waitFor(async () => ((await s.store.stats()).mentions.ignored === 1 ? true : undefined), 5000, 'bot ignored');
    expect(sent).toHaveLength(1);
  });

  it('waits for X-RateLimit-Reset after a 429, then sends', async () => {
    const reset = new Date(Date.now() + 1500);
    let first = true;
    const { sent } = mastodon({
      notifications: () => (first ? ((first = false), recentMentions('ann')) : []),
      statuses: [
        () => [
          429,
          fixture('mastodon', 'rate-limited'),
          { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset.toISOString() },
        ],
        () => [200, fixture('mastodon', 'status-created')],
      ],
    });
    const { s } = await start();
    await waitFor(() => (sent.length >= 2 ? true : undefined), 8000, 'the retried reply');
    expect(sent[1]!.at).toBeGreaterThanOrEqual(reset.getTime());
    expect(sent[1]!.body).toEqual(sent[0]!.body);
    expect(sent[1]!.idempotencyKey).toBe(sent[0]!.idempotencyKey);
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
  });

  it('answers a mention delivered twice once', async () => {
    // A stand-in that ignores since_id: every poll returns the same mention again.
    const { sent } = mastodon({ notifications: () => recentMentions('ann') });
    const { s, channel } = await start();
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    expect(await channel.pollOnce()).toBe(0);
    await new Promise((r) => setTimeout(r, 400));
    expect(sent).toHaveLength(1);
    expect((await s.store.stats()).mentions).toEqual({ answered: 1 });
  });

  it("uses the instance's own length limit", async () => {
    const instance = fixture('mastodon', 'instance-v2');
    instance.configuration.statuses.max_characters = 120;
    let first = true;
    const { sent } = mastodon({ instance, notifications: () => (first ? ((first = false), recentMentions('ann')) : []) });
    const { channel } = await start();
    await waitFor(() => (sent.length >= 2 ? true : undefined), 5000, 'two parts');
    expect(channel.limits.maxLength).toBe(120);
    for (const part of sent) expect(mastodonLength(part.body.status)).toBeLessThanOrEqual(120);
  });

  it('records a deleted status (404) as a permanent failure', async () => {
    let first = true;
    const { sent } = mastodon({
      notifications: () => (first ? ((first = false), recentMentions('ann')) : []),
      statuses: [() => [404, fixture('mastodon', 'status-not-found')]],
    });
    const { s } = await start();
    await waitFor(async () => ((await s.store.stats()).outbox.failed === 1 ? true : undefined), 5000, 'failed');
    expect(sent).toHaveLength(1);
  });

  it('reads status HTML as text and counts links as 23', () => {
    expect(statusHtmlToText('<p>a &amp; b<br>c</p><p>d &#39;e&#x27;</p>')).toBe("a & b\nc\n\nd 'e'");
    expect(mastodonLength(`see https://example.com/${'x'.repeat(100)}`)).toBe(4 + 23);
    expect(mastodonLength('Hi @ann@social.example')).toBe('Hi @ann'.length);
  });
});

describe('issue 14 finding 5 — each Mastodon notification checked on its own', () => {
  const startWith = platformService(env, (s) => createMastodonChannel(s.mastodon!));

  it('finding 5: malformed notifications are refused and logged, the good ones beside them stored, the cursor moves past them', async () => {
    const [, ann] = recentMentions();
    const bad = (i: number, change: (n: any) => void) => {
      const n = structuredClone(ann);
      n.id = `3497590${i}`;
      n.status.id = `11350000000000090${i}`;
      change(n);
      return n;
    };
    const page = [
      bad(9, (n) => (n.status.created_at = 'not a time')), // newest first: its id is still the cursor
      bad(1, (n) => (n.status.account.acct = 'x FREE GIFT CARDS at https://phish.example/claim')),
      bad(2, (n) => (n.status.account.acct = null)),
      bad(3, (n) => (n.status.id = 113500000000000903)),
      bad(4, (n) => (n.status.id = '')),
      bad(5, (n) => (n.status.visibility = 'limited')),
      bad(6, (n) => (n.status.content = { html: 1 })),
      bad(7, (n) => delete n.status.account),
      bad(8, (n) => (n.status.url = 'javascript:alert(1)')),
      null,
      42,
      ann,
    ];
    let first = true;
    const { queries } = mastodon({ notifications: () => (first ? ((first = false), page) : []) });
    let log = '';
    const logDestination = new Writable({ write: (chunk, _enc, done) => ((log += String(chunk)), done()) });
    const { service, channel } = await startWith({ LOG_LEVEL: 'warn' }, { logDestination });
    await waitFor(
      async () => (await service.store.stats()).mentions.handed_off ?? (await service.store.stats()).mentions.answered,
      5000,
      'the good mention',
    );
    const stored = await service.store.getMention(1);
    expect(stored).toMatchObject({ platformId: '113500000000000101', author: '@ann@social.example' });
    expect(await service.store.getMention(2)).toBeUndefined();
    expect(log).toContain('mastodon notifications: items refused');
    expect(log).toContain('"refusedCount":11');
    expect(log).not.toContain('phish.example');
    // The next poll starts after the page, bad ones included: they are not read again and again.
    await channel.pollOnce();
    expect(queries.at(-1)?.since_id).toBe('34975909');
  });

  it('finding 5: an entity past the last code point is left as written, not a crash', () => {
    expect(statusHtmlToText('<p>a &#x110000; b &#99999999999; c</p>')).toBe('a &#x110000; b &#99999999999; c');
  });
});

describe('issue 14 finding 2 — status HTML read in linear time', () => {
  it('finding 2: a status of 200,000 "<" with no ">" is read in bounded time', () => {
    const started = performance.now();
    // The former /<[^>]*>/g scanned to the end from every "<": quadratic.
    expect(statusHtmlToText('<'.repeat(200_000))).toHaveLength(200_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('finding 2: takes out the tags the former pattern took out, on any text', () => {
    const former = (html: string) => html.replace(/<[^>]*>/g, '');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<', '>', 'a', 'p', '/', ' ', 'b'), { maxLength: 40 }), (chars) => {
        const html = chars.join('');
        expect(statusHtmlToText(html)).toBe(former(html).trim());
      }),
      { numRuns: 2000 },
    );
  });
});
