// Unknown send outcomes on Bot Framework: the reply is looked for through Direct Line where the
// conversation can be read, and handed to a person where it cannot (no double answer either way).
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createBotFrameworkChannel } from '../../../../bot/channels/botframework/botframework-channel.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { platformService } from '../../../helpers/platform-service.js';
import { postJson, type RunningService, waitFor } from '../../../helpers/start-service.js';

const CONNECTOR = 'http://localhost:3978';
const DIRECTLINE = 'https://directline.botframework.com';
const SECRET = 'dl-secret-not-logged';
const CONVERSATION = 'Dxk3Zq1LyBp8tWn0aFhG-us';
const ACTIVITY = `${CONVERSATION}|0000000`;
const BOT = 'acme-support-bot@8Xq1';

/** A message as Direct Line delivers it to the bot (channelId directline; the connector stood in on loopback). */
const activity = (channelId: string) => ({
  ...fixture<Record<string, unknown>>('botframework', 'message-activity'),
  channelId,
  id: ACTIVITY,
  serviceUrl: CONNECTOR,
  conversation: { id: CONVERSATION },
  recipient: { id: BOT, name: 'ACME Support', role: 'bot' },
});

type Cut = 'after' | 'before' | 'refused' | 'none';

/**
 * The Bot Connector stand-in: each reply POST answered as `cuts` says, in order: the connection cut
 * after the activity was taken ('after'), before ('before'), refused ('refused'), or a ResourceResponse.
 * Direct Line's GET activities lists the conversation as the connector holds it (an ActivitySet).
 */
function platform(cuts: Cut[], directLine: 'ok' | 'forbidden' = 'ok') {
  const taken: Record<string, unknown>[] = [];
  const bodies: Record<string, unknown>[] = [];
  let reads = 0;
  const user = { type: 'message', id: ACTIVITY, from: { id: 'dl_user42' }, text: 'my parcel is two weeks late', channelId: 'directline' };
  for (const cut of cuts) {
    const scope = nock(CONNECTOR).post(`/v3/conversations/${encodeURIComponent(CONVERSATION)}/activities/${encodeURIComponent(ACTIVITY)}`);
    if (cut === 'refused') {
      scope.replyWithError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3978'), { code: 'ECONNREFUSED' }));
      continue;
    }
    scope.reply(function (_uri, body) {
      const b = body as Record<string, unknown>;
      bodies.push(b);
      const id = `${CONVERSATION}|000000${taken.length + 1}`;
      const take = () => taken.push({ ...b, id, from: { id: BOT, name: 'ACME Support' }, conversation: { id: CONVERSATION } });
      if (cut === 'none') {
        take();
        return [200, { id }];
      }
      if (cut === 'after') take();
      this.req.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      return [200, {}];
    });
  }
  nock(DIRECTLINE)
    .get(`/v3/directline/conversations/${encodeURIComponent(CONVERSATION)}/activities`)
    .query(true)
    .times(10)
    .matchHeader('authorization', `Bearer ${SECRET}`)
    .reply((uri) => {
      reads++;
      if (directLine === 'forbidden') return [403, { error: { code: 'BadArgument', message: 'Unknown conversation' } }];
      // One page; asked again from its watermark, nothing new.
      if (uri.includes('watermark=')) return [200, { activities: [], watermark: String(taken.length + 1) }];
      return [200, { activities: [user, ...taken], watermark: String(taken.length + 1) }];
    });
  return { taken, bodies, reads: () => reads };
}

const outbox = async (s: RunningService) => (await s.store.stats()).outbox;

describe('Bot Framework: unknown outcomes (no idempotency key, no read in the Bot Connector API)', () => {
  const startWith = platformService({ BOTFRAMEWORK_ENABLED: 'true' }, (s) => createBotFrameworkChannel(s.botframework!));
  const start = async (extra: Record<string, string> = { BOTFRAMEWORK_DIRECTLINE_SECRET: SECRET }) => (await startWith(extra)).service;
  const deliver = async (s: RunningService, channelId = 'directline') =>
    expect((await postJson(`${s.url}/api/messages`, activity(channelId))).status).toBe(200);
  const sent = (s: RunningService) =>
    waitFor(async () => ((await outbox(s)).sent === 1 ? true : undefined), 10_000, 'the reply counted as sent');
  const handedOff = (s: RunningService) =>
    waitFor(async () => ((await outbox(s)).failed === 1 ? true : undefined), 10_000, 'the reply given up to a person');

  it('Direct Line, the connection cut after the connector took the reply: found in the conversation by its marker, not sent again', async () => {
    const stand = platform(['after', 'none']);
    const s = await start();
    await deliver(s);
    await sent(s);
    expect(stand.taken).toHaveLength(1);
    // botbuilder's own retry of the POST is off: one request per attempt.
    expect(stand.bodies).toHaveLength(1);
    expect(stand.bodies[0]!.replyToId).toBe(ACTIVITY);
    expect((stand.bodies[0]!.channelData as Record<string, unknown>).firstReplyKey).toEqual(expect.any(String));
    expect(stand.reads()).toBeGreaterThanOrEqual(1);
  });

  it('Direct Line, the connection cut before it took the reply: not in the conversation, so sent again once', async () => {
    const stand = platform(['before', 'none']);
    const s = await start();
    await deliver(s);
    await sent(s);
    expect(stand.bodies).toHaveLength(2);
    expect(stand.taken).toHaveLength(1);
    expect(stand.reads()).toBeGreaterThanOrEqual(1);
  });

  it('Direct Line refuses the read (a wrong secret, an expired conversation): nothing sent again, the thread goes to a person', async () => {
    const stand = platform(['after', 'none'], 'forbidden');
    const s = await start();
    await deliver(s);
    await handedOff(s);
    expect(stand.taken).toHaveLength(1);
    expect(stand.reads()).toBe(1);
    expect((await s.store.getThread('botframework', CONVERSATION))?.state).toBe('waiting');
  });

  it('Teams (no read): a cut after the request went out is not sent again, the thread goes to a person', async () => {
    const stand = platform(['after', 'none']);
    const s = await start();
    await deliver(s, 'msteams');
    await handedOff(s);
    expect(stand.bodies).toHaveLength(1);
    // No marker sent where it is never read back.
    expect(stand.bodies[0]!.channelData).toBeUndefined();
    expect(stand.reads()).toBe(0);
    expect((await s.store.getThread('botframework', CONVERSATION))?.state).toBe('waiting');
  });

  it('Teams (no read): a connection refused (nothing went out) is sent again, once', async () => {
    const stand = platform(['refused', 'none']);
    const s = await start();
    await deliver(s, 'msteams');
    await sent(s);
    expect(stand.taken).toHaveLength(1);
    expect(stand.reads()).toBe(0);
  });

  it('Direct Line without its secret configured: handled as a channel that cannot be read', async () => {
    const stand = platform(['after', 'none']);
    const s = await start({});
    await deliver(s);
    await handedOff(s);
    expect(stand.taken).toHaveLength(1);
    expect(stand.reads()).toBe(0);
  });
});
