import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTeamNotifier, retryAfterMs, type TeamEvent, type TeamNotifierOptions } from '../../../handoff/notify/team-webhook.js';

const HOST = 'https://hooks.slack.example';
const PATH = '/services/T000/B000/s3cr3tW3bh00kT0k3n';
const URL_ = `${HOST}${PATH}`;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const handoff: TeamEvent = {
  type: 'handoff',
  channel: 'mastodon',
  threadKey: 'bWFzdG9kb24KMTE',
  author: '@ann@social.example',
  text: 'Why was I charged twice?',
  priority: 70,
  reason: 'no knowledge entry',
};

let lines: string[];
let sleeps: number[];

function notifier(extra: Partial<TeamNotifierOptions> = {}) {
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
  return createTeamNotifier({
    url: URL_,
    format: 'slack',
    log,
    consoleUrl: 'https://reply.example/console/#/threads/{threadKey}',
    retryBaseMs: 100,
    sleep: async (ms) => void sleeps.push(ms),
    ...extra,
  });
}

/** Captures the JSON bodies posted to the webhook. */
function accept(times = 1, status = 200): unknown[] {
  const bodies: unknown[] = [];
  nock(HOST)
    .post(PATH)
    .times(times)
    .reply(status, (_uri, body) => {
      bodies.push(body);
      return 'ok';
    });
  return bodies;
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  lines = [];
  sleeps = [];
});
afterEach(() => {
  nock.cleanAll();
  // The secret never reaches the log, whatever happened in the test.
  expect(lines.join('\n')).not.toContain('s3cr3tW3bh00kT0k3n');
});

type SlackBody = {
  text: string;
  blocks: {
    type: string;
    text?: { type: string; text: string };
    fields?: { type: string; text: string }[];
    elements?: { url: string }[];
  }[];
};
type TeamsBody = {
  type: string;
  attachments: {
    contentType: string;
    content: {
      type: string;
      version: string;
      body: { type: string; text?: string; inlines?: { type: string; text: string }[] }[];
      actions?: { type: string; url: string }[];
    };
  }[];
};

describe('Slack payload', () => {
  it('posts text for notifications and blocks: header, facts, the customer words, a console button', async () => {
    const bodies = accept();
    await notifier().notify(handoff);
    const body = bodies[0] as SlackBody;
    expect(body.text).toBe('New handoff: a customer waits for a person — @ann@social.example on mastodon');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions']);
    expect(body.blocks[1]!.fields!.map((f) => f.text)).toEqual([
      'Channel: mastodon',
      'Author: @ann@social.example',
      'Priority: 70',
      'Reason: no knowledge entry',
    ]);
    expect(body.blocks[2]!.text).toEqual({ type: 'plain_text', text: 'Why was I charged twice?', emoji: false });
    expect(body.blocks[3]!.elements![0]!.url).toBe('https://reply.example/console/#/threads/bWFzdG9kb24KMTE');
  });

  it('escapes hostile text: markup, mentions, script, link syntax', async () => {
    const bodies = accept();
    const text = 'Hi <!channel> @channel @HERE @everyone <script>alert(1)</script> & <https://evil.example|click> *bold*';
    await notifier().notify({ ...handoff, author: '<@U123> @here', text });
    const body = bodies[0] as SlackBody;
    const quote = body.blocks[2]!.text!;
    expect(quote.type).toBe('plain_text'); // no mrkdwn: *bold* stays as typed
    expect(quote.text).toBe(
      'Hi &lt;!channel&gt; @\u2060channel @\u2060HERE @\u2060everyone &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;https://evil.example|click&gt; *bold*',
    );
    const everything = JSON.stringify(body);
    expect(everything).not.toMatch(/[<>]/);
    expect(everything).not.toMatch(/@(channel|here|everyone)/i);
    expect(body.text).toContain('&lt;@U123&gt; @\u2060here');
  });

  it('cuts very long text between graphemes, never inside an emoji or an escape', async () => {
    const bodies = accept(3);
    const n = notifier();
    await n.notify({ ...handoff, text: 'x'.repeat(20_000) });
    await n.notify({ ...handoff, text: 'a'.repeat(1497) + '👨‍👩‍👧‍👦'.repeat(5) });
    await n.notify({ ...handoff, text: '&'.repeat(2000) });
    const quotes = (bodies as SlackBody[]).map((b) => b.blocks[2]!.text!.text);
    expect(quotes[0]).toBe(`${'x'.repeat(1499)}…`);
    expect(quotes[1]).toBe(`${'a'.repeat(1497)}…`);
    expect(quotes[2]).toMatch(/^(&amp;)+…$/);
    for (const q of quotes) {
      expect(q.length).toBeLessThanOrEqual(1500);
      expect(q).not.toMatch(LONE_SURROGATE);
    }
  });

  it('keeps emoji and right-to-left text, drops bidi overrides and control characters', async () => {
    const bodies = accept();
    await notifier().notify({ ...handoff, text: 'طلبي متأخر 📦 שלום\u202Egnp.exe\u202C\u0000 ok 👍🏽' });
    expect((bodies[0] as SlackBody).blocks[2]!.text!.text).toBe('طلبي متأخر 📦 שלוםgnp.exe ok 👍🏽');
  });
});

describe('issue 14 finding 3 — a reply given up, told to the team', () => {
  it('finding 3: says the thread waits for a person, why (platform text escaped), whose words, and links the thread', async () => {
    const bodies = accept();
    await notifier().notify({
      type: 'reply_failed',
      channel: 'x',
      threadKey: 'eAoxODYx',
      author: '@customer_1',
      text: 'where is my parcel?',
      reason: 'reply could not be sent: x refused it: X reply: HTTP 403 {"detail":"<b>not allowed</b> @channel"}',
      handedOff: true,
    });
    const body = bodies[0] as SlackBody;
    expect(body.text).toBe('A reply could not be sent: the thread waits for a person — @customer_1 on x was not answered');
    expect(body.blocks[1]!.fields!.map((f) => f.text)).toEqual([
      'Channel: x',
      'Author: @customer_1',
      'Reason: reply could not be sent: x refused it: X reply: HTTP 403 {"detail":"&lt;b&gt;not allowed&lt;/b&gt; @\u2060channel"}',
    ]);
    expect(body.blocks[2]!.text!.text).toBe('where is my parcel?');
    expect(body.blocks[3]!.elements![0]!.url).toBe('https://reply.example/console/#/threads/eAoxODYx');
  });
});

describe('Teams payload', () => {
  it('posts one Adaptive Card whose untrusted text is only in TextRuns (no Markdown, no mentions)', async () => {
    const bodies = accept();
    const text = '**urgent** [click](https://evil.example) <at>everyone</at> {{DATE(2017-02-14T06:08:00Z, SHORT)}}';
    await notifier({ format: 'teams' }).notify({ ...handoff, author: '_ann_', text });
    const body = bodies[0] as TeamsBody;
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const card = body.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.type).toBe('AdaptiveCard');
    expect(card.content.body.every((b) => b.type === 'RichTextBlock' && b.inlines!.every((i) => i.type === 'TextRun'))).toBe(true);
    const runs = card.content.body.flatMap((b) => b.inlines!.map((i) => i.text));
    expect(runs).toContain('_ann_');
    expect(runs).toContain('**urgent** [click](https://evil.example) <at>everyone</at> {\u2060{DATE(2017-02-14T06:08:00Z, SHORT)}}');
    expect(card.content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in the console', url: 'https://reply.example/console/#/threads/bWFzdG9kb24KMTE' },
    ]);
  });

  it('reports a rejected knowledge file with where and why, and no console link', async () => {
    const bodies = accept();
    await notifier({ format: 'teams' }).notify({
      type: 'knowledge_rejected',
      file: 'config/knowledge.yaml',
      line: 12,
      column: 5,
      message: 'entry "parcel-delays": needs at least 3 examples',
    });
    const card = (bodies[0] as TeamsBody).attachments[0]!.content;
    const runs = card.body.flatMap((b) => b.inlines!.map((i) => i.text));
    expect(runs).toEqual(
      expect.arrayContaining(['config/knowledge.yaml', 'line 12, column 5', 'entry "parcel-delays": needs at least 3 examples']),
    );
    expect(card.actions).toBeUndefined();
  });
});

describe('delivery', () => {
  it('retries 5xx and 429, waiting the Retry-After it is given', async () => {
    nock(HOST).post(PATH).reply(503, 'busy');
    nock(HOST).post(PATH).reply(429, 'slow down', { 'retry-after': '7' });
    const bodies = accept();
    await notifier().notify(handoff);
    expect(bodies).toHaveLength(1);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBe(7000);
    expect(nock.isDone()).toBe(true);
    expect(lines.filter((l) => l.includes('will retry'))).toHaveLength(2);
    expect(lines.some((l) => l.includes('team notification sent'))).toBe(true);
  });

  it('gives up after maxAttempts without throwing, and drops a 4xx at once', async () => {
    nock(HOST).post(PATH).times(3).reply(500, 'oops');
    await expect(notifier({ maxAttempts: 3 }).notify(handoff)).resolves.toBeUndefined();
    expect(nock.isDone()).toBe(true);
    expect(sleeps).toHaveLength(2);
    expect(lines.at(-1)).toContain('team notification dropped');

    lines = [];
    sleeps = [];
    nock(HOST).post(PATH).reply(404, 'no_service');
    await notifier().notify(handoff);
    expect(sleeps).toEqual([]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ reason: 'HTTP 404 no_service', attempt: 1, msg: 'team notification dropped' });
  });

  it('does not wait out a Retry-After longer than allowed', async () => {
    nock(HOST).post(PATH).reply(429, '', { 'retry-after': '3600' });
    await notifier().notify(handoff);
    expect(sleeps).toEqual([]);
    expect(lines.at(-1)).toContain('dropped');
  });

  it('times out a hanging webhook and retries', async () => {
    nock(HOST).post(PATH).delay(2000).reply(200, 'late');
    const bodies = accept();
    await notifier({ timeoutMs: 100 }).notify(handoff);
    expect(bodies).toHaveLength(1);
    expect(lines.some((l) => /aborted|timeout/i.test(l))).toBe(true);
  });

  it('keeps the URL out of the log when the network error names it', async () => {
    // No interceptor: nock refuses the connection with a message naming host and path.
    await notifier({ maxAttempts: 2 }).notify(handoff);
    const log = lines.join('\n');
    expect(log).toContain('[webhook]');
    expect(log).not.toContain('s3cr3tW3bh00kT0k3n');
    expect(log).not.toContain('hooks.slack.example/services');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('2026-10-21T07:28:00Z'))).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
