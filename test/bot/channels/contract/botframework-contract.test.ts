// The contract runs the real service on SQLite (platform-service) with the Bot Connector stood in for.
import { createHmac } from 'node:crypto';
import nock from 'nock';
import { createBotFrameworkChannel } from '../../../../bot/channels/botframework/botframework-channel.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { postJson } from '../../../helpers/start-service.js';
import { channelContract, type PostedReply, type StandInAnswer } from '../channel-contract.js';

/** A loopback serviceUrl, as the Emulator's (the only kind accepted without authentication). */
const CONNECTOR = 'http://localhost:3978';
const CONVERSATION = 'b1e2c3d4-0000-11ee-9a1b-conv00000001|livechat';
const ACTIVITY = '9f5e0c40a9d311eeb5b14d1d0c1a1a11';

/** The Connector's answers to "reply to activity", as documented (ResourceResponse; 429 with Retry-After; 403 bot removed). */
function answer(kind: StandInAnswer, n: number): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok') return [200, { id: `reply-${n}` }, {}];
  if (kind === 'rate_limited') return [429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '1' }];
  return [403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }, {}];
}

const activity = () => ({ ...fixture<Record<string, unknown>>('botframework', 'message-activity'), serviceUrl: CONNECTOR });

/** A token shaped like a Bot Framework JWT but signed by someone else, for another issuer. */
function forgedToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${part({ alg: 'HS256', typ: 'JWT', kid: 'forged' })}.${part({
    iss: 'https://attacker.example',
    aud: '00000000-0000-0000-0000-000000000001',
    exp: Math.floor(Date.now() / 1000) + 600,
    serviceurl: CONNECTOR,
  })}`;
  return `${head}.${createHmac('sha256', 'attacker-key').update(head).digest('base64url')}`;
}

channelContract({
  name: 'botframework',
  env: { BOTFRAMEWORK_ENABLED: 'true' },
  create: (s) => createBotFrameworkChannel(s.botframework!),
  standIn(answers) {
    const posts: PostedReply[] = [];
    nock(CONNECTOR)
      .post(/^\/v3\/conversations\/[^/]+\/activities\/[^/]+$/)
      .times(50)
      .reply((uri, body) => {
        const b = body as { text: string; replyToId: string };
        const target = decodeURIComponent(uri.split('/')[5]!);
        posts.push({ at: Date.now(), text: b.text, inReplyTo: `${decodeURIComponent(uri.split('/')[3]!)}|${target}` });
        return answer(answers[posts.length - 1] ?? answers[answers.length - 1]!, posts.length);
      });
    return { posts };
  },
  async deliver({ service }) {
    const res = await postJson(`${service.url}/api/messages`, activity());
    if (res.status !== 200) throw new Error(`/api/messages answered ${res.status}`);
  },
  expected: {
    channel: 'botframework',
    platformId: `${CONVERSATION}|${ACTIVITY}`,
    threadId: CONVERSATION,
    author: 'Ann Example',
    text: 'my parcel is two weeks late',
  },
  // The conversation and the activity answered: the Connector's reply-to-activity route names both.
  replyUnder: `${CONVERSATION}|${ACTIVITY}`,
  async forged(start) {
    const { service } = await start({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'not-logged' });
    const url = `${service.url}/api/messages`;
    const statuses = [
      (await postJson(url, activity())).status,
      (await postJson(url, activity(), { authorization: 'Bearer not-a-jwt' })).status,
      (await postJson(url, activity(), { authorization: `Bearer ${forgedToken()}` })).status,
    ];
    return { service, statuses };
  },
});
