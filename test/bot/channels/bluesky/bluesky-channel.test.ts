import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createBlueskyChannel } from '../../../../bot/channels/bluesky/bluesky-channel.js';
import { platformService } from '../../../helpers/platform-service.js';
import { waitFor } from '../../../helpers/start-service.js';
import { fixture } from '../../../fixtures/load-fixture.js';

const ENTRYWAY = 'https://bsky.test';
/** The PDS named in the session's DID document: the agent talks to it after logging in. */
const PDS = 'https://pds.bsky.test';
const env = {
  BLUESKY_SERVICE: ENTRYWAY,
  BLUESKY_HANDLE: 'acme.bsky.social',
  BLUESKY_APP_PASSWORD: 'abcd-efgh-ijkl-mnop',
  BLUESKY_POLL_INTERVAL_SECONDS: '3600',
};
const ANN_POST = 'at://did:plc:ann3xk7q2mz5f4ld6vw7ex42/app.bsky.feed.post/3lbxq2annpost';
const ROOT = {
  uri: 'at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbxp7rootpost',
  cid: 'bafyreih55ailn36flpapl4fhoxlal6strxugs7qrwbpu2uvdqmrdttdtom',
};

/** The fixture's notifications, made recent (the first poll skips what is older than an hour). */
function recentNotifications(only?: 'ann') {
  const page = fixture('bluesky', 'list-notifications');
  page.notifications.forEach((n: any, i: number) => (n.indexedAt = n.record.createdAt = new Date(Date.now() - i * 1000).toISOString()));
  if (only === 'ann') page.notifications = page.notifications.filter((n: any) => n.author.handle === 'ann.bsky.social');
  return page;
}

interface Sent {
  at: number;
  body: { repo: string; collection: string; rkey?: string; record: any };
  auth: string | undefined;
}

function bluesky(opts: {
  notifications: () => unknown;
  createRecord?: (() => [number, unknown, Record<string, string>?])[];
  lostAnswers?: number;
}) {
  const calls = { createSession: 0, refreshSession: 0, getRecord: 0, authsSeen: [] as string[] };
  /** Records the stand-in PDS holds, by rkey. */
  const stored = new Map<string, unknown>();
  const sent: Sent[] = [];
  const records = opts.createRecord ?? [() => [200, fixture('bluesky', 'create-record')]];
  nock(ENTRYWAY)
    .post('/xrpc/com.atproto.server.createSession')
    .times(5)
    .reply((_uri, body) => {
      calls.createSession++;
      expect(body).toMatchObject({ identifier: 'acme.bsky.social', password: 'abcd-efgh-ijkl-mnop' });
      return [200, fixture('bluesky', 'create-session')];
    });
  // Session calls go to the entryway the agent was created with; the rest to the account's PDS.
  nock(ENTRYWAY)
    .post('/xrpc/com.atproto.server.refreshSession')
    .times(5)
    .reply(() => {
      calls.refreshSession++;
      return [200, fixture('bluesky', 'refresh-session')];
    });
  nock(PDS)
    .get('/xrpc/app.bsky.notification.listNotifications')
    .query(true)
    .times(20)
    .reply(function () {
      calls.authsSeen.push(String(this.req.headers.authorization));
      return [
        200,
        opts.notifications() as nock.Body,
        { 'ratelimit-limit': '3000', 'ratelimit-remaining': '2999', 'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 300) },
      ];
    });
  nock(PDS)
    .post('/xrpc/com.atproto.repo.createRecord')
    .times(20)
    .reply(function (_uri, body) {
      sent.push({ at: Date.now(), body: body as Sent['body'], auth: this.req.headers.authorization as string | undefined });
      const [status, payload, headers] = (records[sent.length - 1] ?? records[records.length - 1]!)();
      const rkey = (body as Sent['body']).rkey;
      if (status === 200 && rkey) stored.set(rkey, (body as Sent['body']).record);
      // The post was made, but the answer never reached the service (a dropped connection).
      if (status === 200 && rkey && sent.length <= (opts.lostAnswers ?? 0))
        return [502, { error: 'UpstreamFailure', message: 'Bad Gateway' }];
      return [status, payload as nock.Body, headers ?? {}];
    });
  nock(PDS)
    .get('/xrpc/com.atproto.repo.getRecord')
    .query(true)
    .times(20)
    .reply((uri) => {
      calls.getRecord++;
      const q = new URL(uri, PDS).searchParams;
      const value = stored.get(q.get('rkey') ?? '');
      if (!value)
        return [
          400,
          { error: 'RecordNotFound', message: `Could not locate record: at://${q.get('repo')}/${q.get('collection')}/${q.get('rkey')}` },
        ];
      return [
        200,
        {
          uri: `at://${q.get('repo')}/${q.get('collection')}/${q.get('rkey')}`,
          cid: 'bafyreiard66pqht2iuhiluhopmhpcxl7osanpuvkonnoqydu6mtr6h433i',
          value,
        },
      ];
    });
  return { calls, sent };
}

const created = (): [number, unknown] => [200, fixture('bluesky', 'create-record')];
const session = fixture('bluesky', 'create-session');
const refreshed = fixture('bluesky', 'refresh-session');

describe('Bluesky channel', () => {
  const startWith = platformService(env, (s) => createBlueskyChannel(s.bluesky!));
  const start = async (extra: Record<string, string> = {}) => {
    const { service, channel } = await startWith(extra);
    return { s: service, channel };
  };

  it('answers a reply in its thread with root and parent strong refs; never a bot, never a like', async () => {
    let first = true;
    const { calls, sent } = bluesky({ notifications: () => (first ? ((first = false), recentNotifications()) : { notifications: [] }) });
    const { s, channel } = await start();
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    const { body } = sent[0]!;
    expect(sent[0]!.auth).toBe(`Bearer ${session.accessJwt}`);
    expect(body.repo).toBe('did:plc:z72i7hdynmk6r22z27h6tvur');
    expect(body.collection).toBe('app.bsky.feed.post');
    expect(body.rkey).toMatch(/^[2-7a-j][2-7a-z]{12}$/);
    expect(body.record.reply).toEqual({
      root: ROOT,
      parent: { uri: ANN_POST, cid: 'bafyreigjza46q7n3gypoi2yt2txhf54pmt36oxevjef7vmtgo445vmsh7a' },
    });
    expect(body.record.text).toContain('Hi @ann.bsky.social, sorry your parcel is late');
    // The customer's handle is a mention facet with their DID; the tracking link is a link facet.
    const features = body.record.facets.flatMap((f: any) => f.features);
    expect(features).toContainEqual({ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:ann3xk7q2mz5f4ld6vw7ex42' });
    expect(features).toContainEqual({ $type: 'app.bsky.richtext.facet#link', uri: 'https://acme.example/track' });
    await waitFor(async () => ((await s.store.stats()).mentions.ignored === 1 ? true : undefined), 5000, 'bot ignored');
    expect((await s.store.stats()).mentions).toEqual({ answered: 1, ignored: 1 });
    expect(await s.store.getThread('bluesky', ROOT.uri)).toBeDefined();
    // One session for everything: no new login per call.
    await channel.pollOnce();
    expect(calls.createSession).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('refreshes an expired access token once and keeps the session across restarts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'first-reply-bsky-'));
    try {
      let first = true;
      const { calls, sent } = bluesky({
        notifications: () => (first ? ((first = false), recentNotifications('ann')) : { notifications: [] }),
        createRecord: [() => [400, fixture('bluesky', 'expired-token')], created],
      });
      const { s } = await start({ DATA_DIR: dataDir });
      await waitFor(() => (sent.length >= 2 ? true : undefined), 5000, 'the reply after refresh');
      expect(sent[1]!.auth).toBe(`Bearer ${refreshed.accessJwt}`);
      expect(calls).toMatchObject({ createSession: 1, refreshSession: 1 });
      await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
      // Restarted (start stops the running service first): the kept session is resumed (a refresh),
      // not a new createSession.
      await start({ DATA_DIR: dataDir });
      await waitFor(() => (calls.authsSeen.length >= 2 ? true : undefined), 5000, 'the poll after restart');
      expect(calls).toMatchObject({ createSession: 1, refreshSession: 2 });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('waits for ratelimit-reset after a 429, then sends', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 2;
    let first = true;
    const { sent } = bluesky({
      notifications: () => (first ? ((first = false), recentNotifications('ann')) : { notifications: [] }),
      createRecord: [
        () => [
          429,
          fixture('bluesky', 'rate-limited'),
          { 'ratelimit-limit': '5000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset), 'ratelimit-policy': '5000;w=3600' },
        ],
        created,
      ],
    });
    const { s } = await start();
    await waitFor(() => (sent.length >= 2 ? true : undefined), 8000, 'the retried reply');
    expect(sent[1]!.at).toBeGreaterThanOrEqual(reset * 1000);
    expect(sent[1]!.body.record.text).toBe(sent[0]!.body.record.text);
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
  });

  it('never posts a reply twice when the first answer was lost', async () => {
    let first = true;
    const { calls, sent } = bluesky({
      notifications: () => (first ? ((first = false), recentNotifications('ann')) : { notifications: [] }),
      lostAnswers: 1,
    });
    const { s } = await start();
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
    // The retry asked for the record under the reply's key, found it, and posted nothing new.
    expect(sent).toHaveLength(1);
    expect(calls.getRecord).toBe(1);
  });

  it('answers a notification seen twice once', async () => {
    // A stand-in that returns the same page on every poll (and a cursor moved back in time).
    const page = recentNotifications('ann');
    const { sent } = bluesky({ notifications: () => page });
    const { s, channel } = await start();
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    expect(await channel.pollOnce()).toBe(0);
    await new Promise((r) => setTimeout(r, 400));
    expect(sent).toHaveLength(1);
    expect((await s.store.stats()).mentions).toEqual({ answered: 1 });
  });

  it('never writes the app password or session tokens to the log', async () => {
    let first = true;
    const { sent } = bluesky({
      notifications: () => (first ? ((first = false), recentNotifications('ann')) : { notifications: [] }),
      createRecord: [() => [400, fixture('bluesky', 'expired-token')], created],
    });
    let log = '';
    const logDestination = new Writable({ write: (chunk, _enc, done) => ((log += String(chunk)), done()) });
    const { service } = await startWith({ LOG_LEVEL: 'trace' }, { logDestination });
    await waitFor(() => (sent.length >= 2 ? true : undefined), 5000, 'the reply');
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
    expect(log.length).toBeGreaterThan(0);
    for (const secret of ['abcd-efgh-ijkl-mnop', session.accessJwt, session.refreshJwt, refreshed.accessJwt, refreshed.refreshJwt])
      expect(log).not.toContain(secret);
  });

  it('records a deleted post as a permanent failure', async () => {
    let first = true;
    const { sent } = bluesky({
      notifications: () => (first ? ((first = false), recentNotifications('ann')) : { notifications: [] }),
      createRecord: [() => [400, fixture('bluesky', 'post-not-found')]],
    });
    const { s } = await start();
    await waitFor(async () => ((await s.store.stats()).outbox.failed === 1 ? true : undefined), 5000, 'failed');
    expect(sent).toHaveLength(1);
  });
});

describe('issue 14 finding 5 — each Bluesky notification checked on its own', () => {
  const startWith = platformService(env, (s) => createBlueskyChannel(s.bluesky!));

  it('finding 5: records and notifications that are malformed are refused and logged; the good one beside them is stored', async () => {
    const page = recentNotifications('ann');
    const ann = page.notifications[0];
    const bad = (i: number, change: (n: any) => void) => {
      const n = structuredClone(ann);
      n.uri = `${ANN_POST}${i}`;
      change(n);
      return n;
    };
    // The record is whatever its author wrote to their repository.
    page.notifications = [
      bad(1, (n) => (n.record.text = { a: 1 })),
      bad(2, (n) => (n.record.reply = { root: 'x', parent: null })),
      bad(3, (n) => (n.uri = '')),
      bad(4, (n) => (n.record.reply.root.uri = 'javascript:alert(1)')),
      bad(5, (n) => (n.cid = 'not a cid')),
      // Also refused by the XRPC client's check of the page, which alone would fail every poll.
      bad(7, (n) => (n.author.handle = 'x FREE GIFT CARDS at https://phish.example/claim')),
      ann,
      bad(6, (n) => (n.record.createdAt = 'not a time')), // kept: indexedAt stands in
    ];
    let first = true;
    const { sent } = bluesky({ notifications: () => (first ? ((first = false), page) : { notifications: [] }) });
    let log = '';
    const logDestination = new Writable({ write: (chunk, _enc, done) => ((log += String(chunk)), done()) });
    const { service } = await startWith({ LOG_LEVEL: 'warn' }, { logDestination });
    await waitFor(() => (sent.length >= 2 ? true : undefined), 8000, 'the replies');
    const stored = [await service.store.getMention(1), await service.store.getMention(2), await service.store.getMention(3)];
    expect(stored.map((m) => m?.platformId).sort()).toEqual([ANN_POST, `${ANN_POST}6`, undefined].sort());
    const late = stored.find((m) => m?.platformId === `${ANN_POST}6`)!;
    expect(Number.isFinite(Date.parse(late.createdAt))).toBe(true);
    expect(log).toContain('bluesky notifications: items refused');
    expect(log).toContain('"refusedCount":6');
    expect(log).not.toContain('phish.example');
  });
});
