import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadChannelSettings } from '../../../../config/channel-settings.js';
import { createBotFrameworkChannel } from '../../../../bot/channels/botframework/botframework-channel.js';
import { platformService } from '../../../helpers/platform-service.js';
import { postJson, waitFor } from '../../../helpers/start-service.js';
import { fixture } from '../../../fixtures/load-fixture.js';

interface Captured {
  at: number;
  path: string;
  body: { type: string; text: string; replyToId?: string; conversation?: { id: string }; from?: { id: string } };
  auth: string | undefined;
}

/** A loopback stand-in for the Bot Connector service: captures the bot's reply activities. */
async function connector(responses: ((n: number) => [number, Record<string, string>?])[] = [() => [200]]) {
  const captured: Captured[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      captured.push({
        at: Date.now(),
        path: decodeURIComponent(req.url ?? ''),
        body: JSON.parse(data || '{}'),
        auth: req.headers.authorization,
      });
      const [status, headers] = (responses[captured.length - 1] ?? responses[responses.length - 1]!)(captured.length);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(
        JSON.stringify(status < 300 ? { id: `reply-${captured.length}` } : { error: { code: 'TooManyRequests', message: 'slow down' } }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, captured, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const activity = (serviceUrl: string) => ({ ...fixture<Record<string, unknown>>('botframework', 'message-activity'), serviceUrl });

describe('Bot Framework channel over real HTTP', () => {
  let stand: Awaited<ReturnType<typeof connector>> | undefined;
  const startWith = platformService({}, (s) => createBotFrameworkChannel(s.botframework!));
  afterEach(async () => {
    await stand?.close();
    stand = undefined;
  });

  const start = async (extra: Record<string, string> = { BOTFRAMEWORK_ENABLED: 'true' }) => (await startWith(extra)).service;

  it('stores a message, answers 200, then replies to the activity through the connector', async () => {
    stand = await connector();
    const s = await start();
    const res = await postJson(`${s.url}/api/messages`, activity(stand.url));
    expect(res.status).toBe(200);
    await waitFor(() => (stand!.captured.length ? true : undefined), 5000, 'the reply activity');
    const [reply] = stand.captured;
    expect(reply!.path).toBe('/v3/conversations/b1e2c3d4-0000-11ee-9a1b-conv00000001|livechat/activities/9f5e0c40a9d311eeb5b14d1d0c1a1a11');
    expect(reply!.body.type).toBe('message');
    expect(reply!.body.replyToId).toBe('9f5e0c40a9d311eeb5b14d1d0c1a1a11');
    expect(reply!.body.text).toContain('Hi Ann Example, sorry your parcel is late');
    expect(reply!.body.from?.id).toBe('7a3f6b10-2222-4c4d-8e9f-bot000000001');
    expect(reply!.auth).toBeUndefined();
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
  });

  it('answers a message delivered twice once, and ignores conversation updates', async () => {
    stand = await connector();
    const s = await start();
    expect(
      (
        await postJson(`${s.url}/api/messages`, {
          ...fixture<Record<string, unknown>>('botframework', 'conversation-update'),
          serviceUrl: stand.url,
        })
      ).status,
    ).toBe(200);
    expect((await postJson(`${s.url}/api/messages`, activity(stand.url))).status).toBe(200);
    expect((await postJson(`${s.url}/api/messages`, activity(stand.url))).status).toBe(200);
    await waitFor(() => (stand!.captured.length ? true : undefined), 5000, 'the reply activity');
    await new Promise((r) => setTimeout(r, 400));
    expect(stand.captured).toHaveLength(1);
    expect((await s.store.stats()).mentions).toEqual({ answered: 1 });
  });

  it('waits for Retry-After on a 429 from the connector, then sends', async () => {
    stand = await connector([() => [429, { 'retry-after': '1' }], () => [200]]);
    const s = await start();
    await postJson(`${s.url}/api/messages`, activity(stand.url));
    await waitFor(() => (stand!.captured.length >= 2 ? true : undefined), 10_000, 'the retried reply');
    expect(stand.captured[1]!.at - stand.captured[0]!.at).toBeGreaterThanOrEqual(950);
    expect(stand.captured[1]!.body.text).toBe(stand.captured[0]!.body.text);
    await waitFor(async () => ((await s.store.stats()).outbox.sent === 1 ? true : undefined), 5000, 'sent');
  });

  it('with MICROSOFT_APP_ID, refuses requests without a valid token (401) and stores nothing', async () => {
    stand = await connector();
    const s = await start({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'not-logged' });
    expect((await postJson(`${s.url}/api/messages`, activity(stand.url))).status).toBe(401);
    expect((await postJson(`${s.url}/api/messages`, activity(stand.url), { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    expect((await s.store.stats()).mentions).toEqual({});
    expect(stand.captured).toHaveLength(0);
  });

  it('is off without settings; an app id needs its password', () => {
    expect(loadChannelSettings({}).botframework).toBeUndefined();
    expect(loadChannelSettings({ BOTFRAMEWORK_ENABLED: 'true' }).botframework?.authEnabled).toBe(false);
    expect(() => loadChannelSettings({ MICROSOFT_APP_ID: 'abc' })).toThrow(/MICROSOFT_APP_PASSWORD/);
  });
});

describe('issue 14 findings 1 and 5 — Bot Framework activities checked before the turn', () => {
  const startWith = platformService({}, (s) => createBotFrameworkChannel(s.botframework!));

  it('finding 5: a malformed message activity is refused with 400 (never 500), nothing stored; a good one still is', async () => {
    const s = (await startWith({ BOTFRAMEWORK_ENABLED: 'true' })).service;
    const good = activity('http://127.0.0.1:9');
    const BAD: Record<string, unknown>[] = [
      { timestamp: 'not a time' }, // Invalid time value
      { id: 12345 },
      { id: '' },
      { conversation: { id: '' } },
      { conversation: { id: { a: 1 } } },
      { from: { id: 'u1', name: { a: 1 } } }, // was stored as an object
      { from: { id: 42, name: 'Ann' } },
      { text: 42 },
      { serviceUrl: 'javascript:alert(1)' },
    ];
    for (const over of BAD) {
      const res = await postJson(`${s.url}/api/messages`, { ...good, ...over });
      expect(res.status, JSON.stringify(over)).toBe(400);
    }
    expect((await s.store.stats()).mentions).toEqual({});
    expect((await postJson(`${s.url}/api/messages`, good)).status).toBe(200);
    expect((await s.store.getMention(1))?.author).toBe('Ann Example');
  });

  it('finding 1: a Teams or Web Chat name is stored without invisible characters and bounded', async () => {
    const s = (await startWith({ BOTFRAMEWORK_ENABLED: 'true' })).service;
    const name = `\u202EAnn\u200B Example ${'y'.repeat(100)}`;
    const res = await postJson(`${s.url}/api/messages`, { ...activity('http://127.0.0.1:9'), from: { id: 'u1', name, role: 'user' } });
    expect(res.status).toBe(200);
    expect((await s.store.getMention(1))?.author).toBe(`Ann Example ${'y'.repeat(52)}`);
  });
});

describe('issue 14 — Bot Framework without authentication', () => {
  const startWith = platformService({}, (s) => createBotFrameworkChannel(s.botframework!));

  it('accepts only a local serviceUrl, so nobody can make the service post to another host', async () => {
    const s = (await startWith({ BOTFRAMEWORK_ENABLED: 'true' })).service;
    for (const serviceUrl of ['https://attacker.example/', 'http://10.0.0.5:8080/', 'http://169.254.169.254/']) {
      expect((await postJson(`${s.url}/api/messages`, activity(serviceUrl))).status, serviceUrl).toBe(400);
    }
    expect((await s.store.stats()).mentions).toEqual({});
    for (const serviceUrl of ['http://localhost:9/', 'http://[::1]:9/']) {
      expect(
        (await postJson(`${s.url}/api/messages`, { ...activity(serviceUrl), id: `local-${serviceUrl.length}` })).status,
        serviceUrl,
      ).toBe(200);
    }
  });
});
