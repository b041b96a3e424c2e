// The contract runs the real service on SQLite (platform-service) with TikTok's API for Business stood in for.
import nock from 'nock';
import { createTikTokChannel } from '../../../../bot/channels/tiktok/tiktok-channel.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { channelContract, type PostedReply, type StandInAnswer } from '../channel-contract.js';

const API = 'https://business-api.tiktok.test';
const BUSINESS_ID = '-000AbCdEfGhIjKlMnOpQrStUvWxYz0123';

/** TikTok's answers to POST /business/comment/reply/create/: HTTP 200 and the code says (40100 throttled, 40002 refused). */
function answer(kind: StandInAnswer, n: number): [number, nock.Body] {
  if (kind === 'ok') {
    const created = fixture('tiktok', 'reply-created');
    created.data.comment_id = String(7440000000000000900n + BigInt(n));
    return [200, created];
  }
  return [200, fixture('tiktok', kind === 'rate_limited' ? 'throttled' : 'comment-not-found')];
}

/** The comment list with the comments made now (the first poll skips what is older than an hour). */
function comments() {
  const list = fixture('tiktok', 'comment-list');
  for (const c of list.data.comments) c.create_time = String(Math.floor(Date.now() / 1000));
  return list;
}

let serving = false;

channelContract({
  name: 'tiktok',
  env: {
    TIKTOK_ACCESS_TOKEN: 'tiktok-token',
    TIKTOK_BUSINESS_ID: BUSINESS_ID,
    TIKTOK_API_URL: API,
    TIKTOK_POLL_INTERVAL_SECONDS: '3600',
    TIKTOK_RATE_LIMIT_WAIT_SECONDS: '1',
  },
  create: (s) => createTikTokChannel(s.tiktok!),
  standIn(answers) {
    serving = false;
    const posts: PostedReply[] = [];
    nock(API)
      .get('/open_api/v1.3/business/video/list/')
      .query((q) => q.business_id === BUSINESS_ID)
      .times(20)
      .reply(200, fixture('tiktok', 'video-list'));
    // A stand-in that ignores the cursor: a comment served again is a duplicate delivery.
    nock(API)
      .get('/open_api/v1.3/business/comment/list/')
      .query((q) => q.video_id === '7440000000000000001')
      .times(20)
      .reply(() => [200, serving ? comments() : { code: 0, message: 'OK', data: { comments: [], has_more: false, cursor: 0 } }]);
    nock(API)
      .post('/open_api/v1.3/business/comment/reply/create/')
      .times(50)
      .reply((_uri, body) => {
        const b = body as { text: string; comment_id: string; business_id: string };
        if (b.business_id !== BUSINESS_ID) return [200, fixture('tiktok', 'comment-not-found')];
        posts.push({ at: Date.now(), text: b.text, inReplyTo: b.comment_id });
        return answer(answers[posts.length - 1] ?? answers[answers.length - 1]!, posts.length);
      });
    return { posts };
  },
  async deliver({ channel }) {
    serving = true;
    await channel.pollOnce();
  },
  expected: {
    channel: 'tiktok',
    platformId: '7440000000000000201',
    threadId: '7440000000000000201',
    author: '@ann.example',
    text: 'parcel is two weeks late',
  },
  replyUnder: '7440000000000000201',
});
