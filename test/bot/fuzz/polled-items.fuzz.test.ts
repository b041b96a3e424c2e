import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentionFromNotification as blueskyMention } from '../../../bot/channels/bluesky/bluesky-events.js';
import { ItemCheck } from '../../../bot/channels/delivery-items.js';
import { mastodonNotification, mentionFromNotification as mastodonMention } from '../../../bot/channels/mastodon/mastodon-events.js';
import { mentionsFromTimeline } from '../../../bot/channels/x/x-events.js';
import { jsonWithFields } from './arbitraries.js';
import { mutatedItem } from './mutate.js';

// The polled channels (X timeline, Mastodon, Bluesky) read pages of items: each item is checked on
// its own, so a malformed one never throws (a throw would fail the poll every time, the cursor
// stuck before it) and the good item beside it is always kept.
const RUNS = Number(process.env.FUZZ_RUNS ?? 40) * 5;
const BRAND = '1600000000000000001';

const timelineTweet = (id: string) => ({
  id,
  text: `@acme parcel ${id}`,
  author_id: '1500000000000000042',
  conversation_id: id,
  created_at: '2026-11-23T21:00:00.000Z',
  referenced_tweets: [{ type: 'replied_to', id: '1860000000000000001' }],
});
const mastodon = (id: string) => ({
  id: `n${id}`,
  type: 'mention',
  created_at: '2026-11-23T21:00:00.000Z',
  account: { id: '42', username: 'ann', acct: 'ann@social.example' },
  status: {
    id,
    created_at: '2026-11-23T21:00:00.000Z',
    in_reply_to_id: null,
    visibility: 'public',
    content: '<p>my parcel is late &amp; <br>lost &#x1F600;</p>',
    spoiler_text: '',
    url: `https://social.example/@ann/${id}`,
    uri: `https://social.example/users/ann/statuses/${id}`,
    account: { id: '42', username: 'ann', acct: 'ann@social.example', bot: false },
  },
});
const bluesky = (id: string) => ({
  uri: `at://did:plc:ann3xk7q2mz5f4ld6vw7ex42/app.bsky.feed.post/${id}`,
  cid: 'bafyreigjza46q7n3gypoi2yt2txhf54pmt36oxevjef7vmtgo445vmsh7a',
  reason: 'reply',
  indexedAt: '2026-11-23T21:20:00.500Z',
  author: { did: 'did:plc:ann3xk7q2mz5f4ld6vw7ex42', handle: 'ann.bsky.social', labels: [] },
  record: {
    $type: 'app.bsky.feed.post',
    text: 'my parcel is late',
    createdAt: '2026-11-23T21:20:00.000Z',
    reply: {
      root: {
        uri: 'at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbxp7rootpost',
        cid: 'bafyreih55ailn36flpapl4fhoxlal6strxugs7qrwbpu2uvdqmrdttdtom',
      },
      parent: {
        uri: 'at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbxp7rootpost',
        cid: 'bafyreih55ailn36flpapl4fhoxlal6strxugs7qrwbpu2uvdqmrdttdtom',
      },
    },
  },
});

const anyJson = jsonWithFields([
  'id',
  'text',
  'status',
  'account',
  'acct',
  'uri',
  'cid',
  'record',
  'author',
  'handle',
  'created_at',
  'indexedAt',
]);
const fuzzed = <T>(good: T, fields: string[]) =>
  fc.oneof(
    mutatedItem(good, fields).map((m) => m.item as unknown),
    anyJson,
  );

describe('issue 14 finding 5 — polled items under bad input (fast-check)', () => {
  it('X timeline: a good tweet beside fuzzed ones is kept; nothing throws', () => {
    const fields = [
      'id',
      'text',
      'author_id',
      'conversation_id',
      'created_at',
      'referenced_tweets',
      'referenced_tweets.0',
      'referenced_tweets.0.id',
    ];
    fc.assert(
      fc.property(
        fc.array(fuzzed(timelineTweet('1860000000000000099'), fields), { maxLength: 4 }),
        fc.nat(4),
        anyJson,
        (bad, at, users) => {
          const data: unknown[] = [...bad];
          data.splice(Math.min(at, data.length), 0, timelineTweet('1860000000000000500'));
          const page = { data, includes: { users: [{ id: '1500000000000000042', username: 'ann_example' }, users] } } as never;
          const { mentions } = mentionsFromTimeline(page, BRAND);
          expect(mentions.map((m) => m.platformId)).toContain('1860000000000000500');
          expect(mentions.find((m) => m.platformId === '1860000000000000500')?.author).toBe('@ann_example');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('Mastodon: a good notification beside fuzzed ones is kept; nothing throws', async () => {
    const fields = [
      'id',
      'type',
      'created_at',
      'status',
      'status.id',
      'status.created_at',
      'status.in_reply_to_id',
      'status.visibility',
      'status.content',
      'status.spoiler_text',
      'status.url',
      'status.uri',
      'status.account',
      'status.account.acct',
      'status.account.bot',
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzed(mastodon('113500000000000099'), fields), { maxLength: 4 }), fc.nat(4), async (bad, at) => {
        const page: unknown[] = [...bad];
        page.splice(Math.min(at, page.length), 0, mastodon('113500000000000500'));
        const check = new ItemCheck();
        const found = [];
        for (const [i, raw] of page.entries()) {
          const n = check.parse(mastodonNotification, raw, i);
          const m = n && (await mastodonMention(n, async () => undefined));
          if (m) found.push(m);
        }
        expect(found.map((m) => m.platformId)).toContain('113500000000000500');
      }),
      { numRuns: RUNS },
    );
  });

  it('Bluesky: a good notification beside fuzzed ones is kept; nothing throws', () => {
    const fields = [
      'uri',
      'cid',
      'reason',
      'indexedAt',
      'author',
      'author.did',
      'author.handle',
      'author.labels',
      'record',
      'record.$type',
      'record.text',
      'record.createdAt',
      'record.reply',
      'record.reply.root',
      'record.reply.root.uri',
      'record.reply.parent.cid',
    ];
    fc.assert(
      fc.property(fc.array(fuzzed(bluesky('3lbxq2bad'), fields), { maxLength: 4 }), fc.nat(4), (bad, at) => {
        const page: unknown[] = [...bad];
        page.splice(Math.min(at, page.length), 0, bluesky('3lbxq2good'));
        const check = new ItemCheck();
        const found = page.map((n, i) => blueskyMention(n, 'did:plc:brand', check, i)).filter((m) => m !== undefined);
        expect(found.map((m) => m.platformId)).toContain(bluesky('3lbxq2good').uri);
        for (const m of found) expect(Number.isFinite(Date.parse(m.createdAt))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
