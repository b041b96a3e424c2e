// The contract runs the real service on SQLite (platform-service) with the YouTube Data API stood in for.
import nock from 'nock';
import { createYouTubeChannel } from '../../../../bot/channels/youtube/youtube-channel.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { channelContract, type PostedReply, type StandInAnswer } from '../channel-contract.js';
import { ANN_COMMENT, API, replyComment, threadsEndpoint, tokenEndpoint, youtubeEnv } from '../youtube/youtube-stand-in.js';

/** YouTube's answers to comments.insert, as documented: a 429 with Retry-After, a 400 the API will not take. */
function answer(kind: StandInAnswer, n: number, parentId: string, text: string): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok') return [200, replyComment(n, parentId, text), {}];
  if (kind === 'rate_limited') return [429, fixture('youtube', 'rate-limited'), { 'retry-after': '1' }];
  return [400, fixture('youtube', 'operation-not-supported'), {}];
}

let serving = false;

channelContract({
  name: 'youtube',
  env: youtubeEnv,
  create: (s) => createYouTubeChannel(s.youtube!),
  standIn(answers) {
    serving = false;
    const posts: PostedReply[] = [];
    tokenEndpoint();
    // A stand-in that ignores the cursor: a thread served again is a duplicate delivery.
    threadsEndpoint(() => serving);
    nock(API).get('/youtube/v3/comments').query(true).times(20).reply(200, { kind: 'youtube#commentListResponse', items: [] });
    nock(API)
      .post('/youtube/v3/comments')
      .query({ part: 'snippet' })
      .times(50)
      .reply((_uri, body) => {
        const b = body as { snippet: { parentId: string; textOriginal: string } };
        posts.push({ at: Date.now(), text: b.snippet.textOriginal, inReplyTo: b.snippet.parentId });
        return answer(answers[posts.length - 1] ?? answers[answers.length - 1]!, posts.length, b.snippet.parentId, b.snippet.textOriginal);
      });
    return { posts };
  },
  async deliver({ channel }) {
    serving = true;
    await channel.pollOnce();
  },
  expected: {
    channel: 'youtube',
    platformId: ANN_COMMENT,
    threadId: ANN_COMMENT,
    author: '@ann-customer',
    text: 'parcel is two weeks late',
  },
  replyUnder: ANN_COMMENT,
});
