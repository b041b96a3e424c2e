import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { loadChannelSettings } from '../../../../config/channel-settings.js';
import { createMetaChannel } from '../../../../bot/channels/meta/meta-channel.js';
import { platformService } from '../../../helpers/platform-service.js';
import { waitFor, type RunningService } from '../../../helpers/start-service.js';
import { fixture, rawFixture } from '../../../fixtures/load-fixture.js';

const SECRET = 'meta-app-secret-for-tests';
const GRAPH = 'https://graph.facebook.test';
const env = {
  META_APP_SECRET: SECRET,
  META_VERIFY_TOKEN: 'verify-me',
  META_PAGE_ACCESS_TOKEN: 'page-token',
  META_GRAPH_URL: GRAPH,
};

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function deliver(service: RunningService, body: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-hub-signature-256'] = signature;
  const res = await fetch(`${service.url}/webhooks/meta`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

interface Sent {
  at: number;
  path: string;
  body: { message: string };
  auth: string | undefined;
}

/** Stands in for the Graph API reply edges; `responses` served in order, the last one repeated. */
function graph(responses: (() => [number, unknown, Record<string, string>?])[]): Sent[] {
  const sent: Sent[] = [];
  nock(GRAPH)
    .post(/^\/v23\.0\/[^/]+\/(comments|replies)$/)
    .times(20)
    .reply(function (uri, body) {
      sent.push({ at: Date.now(), path: uri, body: body as Sent['body'], auth: this.req.headers.authorization as string | undefined });
      const [status, payload, headers] = (responses[sent.length - 1] ?? responses[responses.length - 1]!)();
      return [status, payload as nock.Body, headers ?? {}];
    });
  return sent;
}

const ok = (): [number, unknown, Record<string, string>] => [
  200,
  { id: '990000000000001_880000000000009' },
  { 'x-app-usage': '{"call_count":2,"total_cputime":1,"total_time":1}' },
];

describe('Meta channel (Facebook Page and Instagram comments)', () => {
  const startWith = platformService(env, (s) => createMetaChannel(s.meta!));
  const start = async () => (await startWith()).service;

  it('answers the verification GET with the challenge, and only with the right token', async () => {
    const s = await start();
    const good = await fetch(`${s.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('1158201444');
    const bad = await fetch(`${s.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`);
    expect(bad.status).toBe(403);
  });

  it('refuses bad and missing signatures with 401 and stores nothing', async () => {
    const s = await start();
    const body = rawFixture('meta', 'page-feed-comment');
    expect((await deliver(s, body)).status).toBe(401);
    expect((await deliver(s, body, sign(body, 'other-secret'))).status).toBe(401);
    expect((await deliver(s, body, 'sha256=zz')).status).toBe(401);
    expect((await deliver(s, body.replace('two weeks', 'ten weeks'), sign(body))).status).toBe(401);
    expect((await s.store.stats()).mentions).toEqual({});
  });

  it('answers a Page comment in place with POST /{comment-id}/comments', async () => {
    const sent = graph([ok]);
    const s = await start();
    const body = rawFixture('meta', 'page-feed-comment');
    expect(await deliver(s, body, sign(body))).toEqual({ status: 200, body: { accepted: 1, duplicates: 0 } });
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    expect(sent[0]!.path).toBe('/v23.0/990000000000001_880000000000001/comments');
    expect(sent[0]!.auth).toBe('Bearer page-token');
    expect(sent[0]!.body.message).toContain('Hi Ann Example, sorry your parcel is late');
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
  });

  it('answers an Instagram reply under its top-level comment with /replies', async () => {
    const sent = graph([() => [200, { id: '17950000000000009' }]]);
    const s = await start();
    const body = rawFixture('meta', 'instagram-comment');
    await deliver(s, body, sign(body));
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    expect(sent[0]!.path).toBe('/v23.0/17950000000000000/replies');
    expect(sent[0]!.body.message).toContain('Hi @bob.example, thanks for reaching out');
    expect((await s.store.getThread('meta', '17950000000000000'))?.state).toBe('waiting');
  });

  it("skips the Page's own comments, edits and reactions", async () => {
    const s = await start();
    const body = rawFixture('meta', 'page-feed-own-and-edits');
    expect((await deliver(s, body, sign(body))).body).toEqual({ accepted: 0, duplicates: 0 });
    expect((await s.store.stats()).mentions).toEqual({});
  });

  it('waits when throttled (code 32, X-Business-Use-Case-Usage), then sends', async () => {
    const throttledAt = Date.now();
    const sent = graph([
      () => [
        400,
        fixture('meta', 'graph-throttled'),
        {
          'x-business-use-case-usage':
            '{"104000000000001":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":30,"estimated_time_to_regain_access":0}]}',
        },
      ],
      ok,
    ]);
    const s = await start();
    const body = rawFixture('meta', 'page-feed-comment');
    await deliver(s, body, sign(body));
    await waitFor(() => (sent.length >= 2 ? true : undefined), 8000, 'the retried reply');
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(sent[1]!.at).toBeGreaterThan(throttledAt);
    expect(sent[1]!.body).toEqual(sent[0]!.body);
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
  });

  it('answers a duplicate delivery once', async () => {
    const sent = graph([ok]);
    const s = await start();
    const body = rawFixture('meta', 'page-feed-comment');
    expect((await deliver(s, body, sign(body))).body).toEqual({ accepted: 1, duplicates: 0 });
    expect((await deliver(s, body, sign(body))).body).toEqual({ accepted: 0, duplicates: 1 });
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    await new Promise((r) => setTimeout(r, 400));
    expect(sent).toHaveLength(1);
  });

  it('records a deleted comment as a permanent failure', async () => {
    const sent = graph([() => [400, fixture('meta', 'graph-comment-deleted')]]);
    const s = await start();
    const body = rawFixture('meta', 'page-feed-comment');
    await deliver(s, body, sign(body));
    await waitFor(async () => ((await s.store.stats()).outbox.failed === 1 ? true : undefined), 5000, 'failed');
    expect(sent).toHaveLength(1);
  });

  it('never writes its secrets to the log', async () => {
    const sent = graph([ok]);
    let log = '';
    const logDestination = new Writable({ write: (chunk, _enc, done) => ((log += String(chunk)), done()) });
    const { service } = await startWith({ LOG_LEVEL: 'trace' }, { logDestination });
    await fetch(`${service.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=42`);
    const body = rawFixture('meta', 'page-feed-comment');
    await deliver(service, body, sign(body));
    await deliver(service, body, sign(body, 'wrong'));
    await waitFor(() => (sent.length ? true : undefined), 5000, 'the reply');
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
    expect(log).toContain('/webhooks/meta');
    for (const secret of ['verify-me', SECRET, 'page-token', sign(body)]) expect(log).not.toContain(secret);
  });

  it('is off without settings and names a missing one', () => {
    expect(loadChannelSettings({}).meta).toBeUndefined();
    expect(() => loadChannelSettings({ META_APP_SECRET: 's', META_PAGE_ACCESS_TOKEN: 't' })).toThrow(/META_VERIFY_TOKEN/);
  });
});
