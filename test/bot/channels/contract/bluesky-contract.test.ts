// The contract runs the real service on SQLite (platform-service) with the PDS stood in for.
import nock from 'nock';
import { createBlueskyChannel } from '../../../../bot/channels/bluesky/bluesky-channel.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { channelContract, type PostedReply, type StandInAnswer } from '../channel-contract.js';

const ENTRYWAY = 'https://bsky.test';
/** The PDS named in the session's DID document: the agent talks to it after logging in. */
const PDS = 'https://pds.bsky.test';
const ANN_POST = 'at://did:plc:ann3xk7q2mz5f4ld6vw7ex42/app.bsky.feed.post/3lbxq2annpost';
const ROOT = 'at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbxp7rootpost';

/** The PDS's answers to createRecord, as documented (a 429's ratelimit-reset is Unix seconds). */
function answer(kind: StandInAnswer): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok') return [200, fixture('bluesky', 'create-record'), {}];
  if (kind === 'rate_limited')
    return [
      429,
      fixture('bluesky', 'rate-limited'),
      { 'ratelimit-limit': '5000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.ceil((Date.now() + 1000) / 1000)) },
    ];
  return [400, fixture('bluesky', 'post-not-found'), {}];
}

/** Ann's reply in the brand's thread, made recent (the first poll skips what is older than an hour). */
function annReply() {
  const page = fixture('bluesky', 'list-notifications');
  page.notifications = page.notifications.filter((n: any) => n.author.handle === 'ann.bsky.social' && n.reason === 'reply');
  for (const n of page.notifications) n.indexedAt = n.record.createdAt = new Date().toISOString();
  return page;
}

let serving = false;

channelContract({
  name: 'bluesky',
  env: {
    BLUESKY_SERVICE: ENTRYWAY,
    BLUESKY_HANDLE: 'acme.bsky.social',
    BLUESKY_APP_PASSWORD: 'abcd-efgh-ijkl-mnop',
    BLUESKY_POLL_INTERVAL_SECONDS: '3600',
  },
  create: (s) => createBlueskyChannel(s.bluesky!),
  standIn(answers) {
    serving = false;
    const posts: PostedReply[] = [];
    const stored = new Map<string, unknown>();
    nock(ENTRYWAY).post('/xrpc/com.atproto.server.createSession').times(5).reply(200, fixture('bluesky', 'create-session'));
    nock(ENTRYWAY).post('/xrpc/com.atproto.server.refreshSession').times(5).reply(200, fixture('bluesky', 'refresh-session'));
    nock(PDS)
      .get('/xrpc/app.bsky.notification.listNotifications')
      .query(true)
      .times(20)
      .reply(() => [200, serving ? annReply() : { notifications: [] }]);
    nock(PDS)
      .post('/xrpc/com.atproto.repo.createRecord')
      .times(50)
      .reply((_uri, body) => {
        const b = body as { rkey: string; record: { text: string; reply: { parent: { uri: string } } } };
        posts.push({ at: Date.now(), text: b.record.text, inReplyTo: b.record.reply.parent.uri });
        const reply = answer(answers[posts.length - 1] ?? answers[answers.length - 1]!);
        if (reply[0] === 200) stored.set(b.rkey, b.record);
        return reply;
      });
    // A retry looks for the record under the key it chose before posting again.
    nock(PDS)
      .get('/xrpc/com.atproto.repo.getRecord')
      .query(true)
      .times(50)
      .reply((uri) => {
        const q = new URL(uri, PDS).searchParams;
        const value = stored.get(q.get('rkey') ?? '');
        if (!value) return [400, { error: 'RecordNotFound', message: 'Could not locate record' }];
        return [
          200,
          {
            uri: `at://${q.get('repo')}/app.bsky.feed.post/${q.get('rkey')}`,
            cid: 'bafyreiard66pqht2iuhiluhopmhpcxl7osanpuvkonnoqydu6mtr6h433i',
            value,
          },
        ];
      });
    return { posts };
  },
  async deliver({ channel }) {
    serving = true;
    await channel.pollOnce();
  },
  expected: {
    channel: 'bluesky',
    platformId: ANN_POST,
    threadId: ROOT,
    author: '@ann.bsky.social',
    text: 'my parcel is two weeks late',
  },
  replyUnder: ANN_POST,
});
