// The contract runs the real service on SQLite (platform-service) with the Google Play Developer API stood in for.
import nock from 'nock';
import { expect } from 'vitest';
import { createGooglePlayChannel } from '../../../../bot/channels/google-play/play-channel.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { channelContract, type PostedReply, type StandInAnswer } from '../channel-contract.js';
import { ANN_REVIEW, API, PKG, playEnv, REVIEWS, reviewsEndpoint, tokenEndpoint } from '../google-play/play-stand-in.js';

/** Google Play's answers to reviews.reply: a 429 with Retry-After, a 404 for a review that is gone. */
function answer(kind: StandInAnswer): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok') return [200, fixture('google-play', 'reply-result'), {}];
  if (kind === 'rate_limited') return [429, fixture('google-play', 'rate-limited'), { 'retry-after': '1' }];
  return [404, fixture('google-play', 'review-not-found'), {}];
}

let serving = false;

channelContract({
  name: 'google-play',
  env: playEnv,
  create: (s) => createGooglePlayChannel(s.googlePlay!),
  onePostPerThread: true,
  standIn(answers) {
    serving = false;
    const posts: PostedReply[] = [];
    tokenEndpoint();
    // A stand-in that ignores the cursor: a review served again is a duplicate delivery.
    reviewsEndpoint(() => serving);
    nock(API)
      .get(`${REVIEWS}/${encodeURIComponent(ANN_REVIEW)}`)
      .times(20)
      .reply(200, { reviewId: ANN_REVIEW, authorName: 'Ann Example', comments: [] });
    nock(API)
      .post(`${REVIEWS}/${encodeURIComponent(ANN_REVIEW)}:reply`)
      .times(50)
      .reply((uri, body) => {
        posts.push({
          at: Date.now(),
          text: (body as { replyText: string }).replyText,
          inReplyTo: decodeURIComponent(
            uri
              .split('/')
              .at(-1)!
              .replace(/:reply$/, ''),
          ),
        });
        return answer(answers[posts.length - 1] ?? answers[answers.length - 1]!);
      });
    return { posts };
  },
  async deliver({ channel }) {
    serving = true;
    await channel.pollOnce();
  },
  expected: {
    channel: 'google-play',
    // Each version of a review is a mention of its own: the id ends with the time it was written.
    platformId: expect.stringMatching(new RegExp(`^${PKG}:${ANN_REVIEW}:\\d+$`)),
    threadId: `${PKG}:${ANN_REVIEW}`,
    author: 'Ann Example',
    text: 'parcel is two weeks late',
  },
  replyUnder: ANN_REVIEW,
});
