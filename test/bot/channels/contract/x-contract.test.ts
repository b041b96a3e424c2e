import { createHmac } from 'node:crypto';
import nock from 'nock';
import { createXChannel } from '../../../../bot/channels/x/x-channel.js';
import { fixture, rawFixture } from '../../../fixtures/load-fixture.js';
import type { RunningService } from '../../../helpers/start-service.js';
import { channelContract, type PostedReply, type StandInAnswer } from '../channel-contract.js';

const SECRET = 'x-consumer-secret-for-contract';
const API = 'https://api.x.test';

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;

async function deliver(service: RunningService, body: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-twitter-webhooks-signature'] = signature;
  return (await fetch(`${service.url}/webhooks/x`, { method: 'POST', headers, body })).status;
}

/** X API v2's answers to POST /2/tweets, as documented (a 429 names its reset in Unix seconds). */
function answer(kind: StandInAnswer): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok') return [201, fixture('x', 'tweet-created'), {}];
  if (kind === 'rate_limited')
    return [
      429,
      fixture('x', 'rate-limited'),
      { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil((Date.now() + 1000) / 1000)) },
    ];
  return [
    403,
    {
      title: 'Forbidden',
      type: 'about:blank',
      status: 403,
      detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.',
    },
    {},
  ];
}

channelContract({
  name: 'x',
  env: { X_CONSUMER_SECRET: SECRET, X_ACCESS_TOKEN: 'user-token', X_USER_ID: '1600000000000000001', X_API_URL: API },
  create: (s) => createXChannel(s.x!),
  standIn(answers) {
    const posts: PostedReply[] = [];
    nock(API)
      .post('/2/tweets')
      .times(50)
      .reply((_uri, body) => {
        const b = body as { text: string; reply: { in_reply_to_tweet_id: string } };
        posts.push({ at: Date.now(), text: b.text, inReplyTo: b.reply.in_reply_to_tweet_id });
        const [status, payload, headers] = answer(answers[posts.length - 1] ?? answers[answers.length - 1]!);
        // Each post its own id: the channel remembers the thread of every reply it made.
        const withId = status === 201 ? { data: { id: String(1860000000000000900n + BigInt(posts.length)), text: b.text } } : payload;
        return [status, withId, headers];
      });
    return { posts };
  },
  async deliver({ service }) {
    const body = rawFixture('x', 'tweet-create-mention');
    expectOk(await deliver(service, body, sign(body)));
  },
  expected: {
    channel: 'x',
    platformId: '1860000000000000101',
    threadId: '1860000000000000101',
    author: '@ann_example',
    text: 'my parcel is two weeks late',
  },
  replyUnder: '1860000000000000101',
  async forged(start) {
    const { service } = await start();
    const body = rawFixture('x', 'tweet-create-mention');
    const statuses = [
      await deliver(service, body),
      await deliver(service, body, sign(body, 'not-the-secret')),
      await deliver(service, body, 'sha256=AAAA'),
      await deliver(service, body.replace('two weeks', 'six weeks'), sign(body)),
    ];
    return { service, statuses };
  },
});

function expectOk(status: number) {
  if (status !== 200) throw new Error(`the webhook answered ${status}`);
}
