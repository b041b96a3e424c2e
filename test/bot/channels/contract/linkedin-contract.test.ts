// The contract runs the real service on SQLite (platform-service) with LinkedIn's Community Management API stood in for.
import nock from 'nock';
import { createLinkedInChannel } from '../../../../bot/channels/linkedin/linkedin-channel.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { channelContract, type PostedReply, type StandInAnswer } from '../channel-contract.js';

const API = 'https://api.linkedin.test';
const ORG = 'urn:li:organization:5515715';
const POST = 'urn:li:share:7270000000000000001';
const COMMENT = 'urn:li:comment:(urn:li:activity:7270000000000000002,7270000000000000301)';

/** LinkedIn's answers to a comment post: 201 with the comment, 429 (no reset named), 404 for a deleted comment. */
function answer(kind: StandInAnswer, n: number): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok') {
    const created = fixture('linkedin', 'comment-created');
    created.commentUrn = `urn:li:comment:(urn:li:activity:7270000000000000002,${7270000000000000900n + BigInt(n)})`;
    return [201, created, { 'x-restli-id': created.commentUrn }];
  }
  if (kind === 'rate_limited') return [429, fixture('linkedin', 'throttled'), {}];
  return [404, fixture('linkedin', 'comment-not-found'), {}];
}

/** The post's comments, made now (the first poll skips what is older than an hour). */
function comments() {
  const list = fixture('linkedin', 'comments-on-post');
  for (const c of list.elements) c.created.time = Date.now();
  return list;
}

const headersOk = (headers: Record<string, string | string[] | undefined>) =>
  headers['linkedin-version'] === '202510' && headers['x-restli-protocol-version'] === '2.0.0';

let serving = false;

channelContract({
  name: 'linkedin',
  env: {
    LINKEDIN_ACCESS_TOKEN: 'linkedin-token',
    LINKEDIN_ORGANIZATION_ID: '5515715',
    LINKEDIN_API_URL: API,
    LINKEDIN_POLL_INTERVAL_SECONDS: '3600',
    LINKEDIN_RATE_LIMIT_WAIT_SECONDS: '1',
  },
  create: (s) => createLinkedInChannel(s.linkedin!),
  standIn(answers) {
    serving = false;
    const posts: PostedReply[] = [];
    nock(API)
      .get('/rest/posts')
      .query((q) => q.q === 'author' && q.author === ORG)
      .times(20)
      .reply(200, fixture('linkedin', 'posts-by-author'));
    // A stand-in that ignores the cursor: a comment served again is a duplicate delivery.
    nock(API)
      .get(`/rest/socialActions/${encodeURIComponent(POST)}/comments`)
      .query(true)
      .times(20)
      .reply(() => [200, serving ? comments() : { paging: { start: 0, count: 50, total: 0 }, elements: [] }]);
    nock(API)
      .post(/^\/rest\/socialActions\/[^/]+\/comments$/)
      .times(50)
      .reply(function (uri, body) {
        const b = body as { actor: string; object: string; parentComment: string; message: { text: string } };
        if (!headersOk(this.req.headers) || b.actor !== ORG || decodeURIComponent(uri.split('/')[3]!) !== b.parentComment)
          return [422, { status: 422, message: 'bad request shape' }];
        posts.push({ at: Date.now(), text: b.message.text, inReplyTo: b.parentComment });
        return answer(answers[posts.length - 1] ?? answers[answers.length - 1]!, posts.length);
      });
    return { posts };
  },
  async deliver({ channel }) {
    serving = true;
    await channel.pollOnce();
  },
  expected: {
    channel: 'linkedin',
    platformId: COMMENT,
    threadId: COMMENT,
    author: 'urn:li:person:A1b2C3d4E5',
    text: 'parcel is two weeks late',
  },
  replyUnder: COMMENT,
});
