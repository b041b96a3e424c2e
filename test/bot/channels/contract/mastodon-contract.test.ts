// The contract runs the real service on SQLite (platform-service) with the instance stood in for.
import nock from 'nock';
import { createMastodonChannel } from '../../../../bot/channels/mastodon/mastodon-channel.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { channelContract, type PostedReply, type StandInAnswer } from '../channel-contract.js';

const INSTANCE = 'https://mastodon.test';

/** Mastodon's answers to POST /api/v1/statuses, as documented (a 429's reset is an ISO time). */
function answer(kind: StandInAnswer, n: number): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok')
    return [200, { ...fixture<Record<string, unknown>>('mastodon', 'status-created'), id: String(113500000000000900n + BigInt(n)) }, {}];
  if (kind === 'rate_limited')
    return [
      429,
      fixture('mastodon', 'rate-limited'),
      { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(Date.now() + 1000).toISOString() },
    ];
  return [404, fixture('mastodon', 'status-not-found'), {}];
}

/** Ann's mention, made recent (the first poll skips what is older than an hour). */
function annMention() {
  const list = fixture<any[]>('mastodon', 'notifications-mentions').filter((n) => !n.account.bot);
  const now = new Date().toISOString();
  for (const n of list) n.created_at = n.status.created_at = now;
  return list;
}

let serving = false;

channelContract({
  name: 'mastodon',
  env: { MASTODON_URL: INSTANCE, MASTODON_TOKEN: 'masto-token', MASTODON_POLL_INTERVAL_SECONDS: '3600' },
  create: (s) => createMastodonChannel(s.mastodon!),
  standIn(answers) {
    serving = false;
    const posts: PostedReply[] = [];
    nock(INSTANCE).get('/api/v2/instance').reply(200, fixture('mastodon', 'instance-v2'));
    // A stand-in that ignores since_id: a mention served again is a duplicate delivery.
    nock(INSTANCE)
      .get('/api/v1/notifications')
      .query(true)
      .times(20)
      .reply(() => [200, serving ? annMention() : []]);
    nock(INSTANCE)
      .post('/api/v1/statuses')
      .times(50)
      .reply((_uri, body) => {
        const b = body as { status: string; in_reply_to_id: string };
        posts.push({ at: Date.now(), text: b.status, inReplyTo: b.in_reply_to_id });
        return answer(answers[posts.length - 1] ?? answers[answers.length - 1]!, posts.length);
      });
    return { posts };
  },
  async deliver({ channel }) {
    serving = true;
    await channel.pollOnce();
  },
  expected: {
    channel: 'mastodon',
    platformId: '113500000000000101',
    threadId: '113500000000000101',
    author: '@ann@social.example',
    text: 'parcel is two weeks late',
  },
  replyUnder: '113500000000000101',
});
