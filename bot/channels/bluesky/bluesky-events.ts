import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { type ItemCheck, textTime } from '../delivery-items.js';
import { BLUESKY_HANDLE, DID } from '../handles.js';

const atUri = z.string().regex(/^at:\/\/[^\s\u0000-\u001F\u007F]{1,8000}$/, 'must be an at:// URI');
const strongRef = z.object({ uri: atUri, cid: z.string().regex(/^[A-Za-z0-9]{8,256}$/, 'must be a CID') });

export type StrongRef = z.output<typeof strongRef>;

/** One entry of app.bsky.notification.listNotifications, the fields we read, checked strictly. */
const notification = z.object({
  uri: atUri,
  cid: strongRef.shape.cid,
  reason: z.string(),
  indexedAt: textTime,
  author: z.object({
    did: z.string().regex(DID, 'must be a DID'),
    handle: z.string().regex(BLUESKY_HANDLE, 'must be a Bluesky handle'),
    displayName: z.string().optional(),
    labels: z.array(z.object({ val: z.string(), src: z.string().optional(), neg: z.boolean().optional() })).optional(),
  }),
  // A record is whatever its author wrote to their repository: read only as the post it claims to be.
  record: z.object({ $type: z.unknown().optional() }).loose(),
});

/** The post record of a mention, reply or quote. Its createdAt is the author's claim: indexedAt stands in when it is no time. */
const postRecord = z.object({
  $type: z.literal('app.bsky.feed.post'),
  text: z.string(),
  createdAt: z.unknown().optional(),
  reply: z.object({ root: strongRef, parent: strongRef }).optional(),
});

export type BlueskyNotification = z.input<typeof notification>;

/** What a reply needs: strong refs to the thread's root and to the post answered. */
export interface BlueskyReplyContext extends Record<string, unknown> {
  root: StrongRef;
  parent: StrongRef;
  authorDid: string;
  authorHandle: string;
}

/** Reasons that are someone talking to the brand: a mention, a reply in its thread, a quote. */
const ANSWERABLE = new Set(['mention', 'reply', 'quote']);

/** A notification's indexedAt as a time, when it has a valid one (to find where the last poll stopped). */
export function indexedAtOf(raw: unknown): number | undefined {
  const at = (raw as { indexedAt?: unknown } | null)?.indexedAt;
  const t = typeof at === 'string' ? Date.parse(at) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

/**
 * A notification as a Mention, or undefined (likes, follows, reposts, the brand's own posts, or a
 * notification refused by `check`: malformed, logged, and the others of the page kept).
 */
export function mentionFromNotification(raw: unknown, ownDid: string, check: ItemCheck, index: number): Mention | undefined {
  const n = check.parse(notification, raw, index);
  if (!n || !ANSWERABLE.has(n.reason) || n.author.did === ownDid) return undefined;
  if (n.record.$type !== 'app.bsky.feed.post') return undefined;
  const record = check.within(postRecord, n.record, index);
  if (!record) return undefined;
  const parent = { uri: n.uri, cid: n.cid };
  // A post that is itself a reply keeps its thread's root; a new post is the root of its own thread.
  const root = record.reply?.root ?? parent;
  const rkey = n.uri.split('/').pop() ?? '';
  const written = typeof record.createdAt === 'string' ? Date.parse(record.createdAt) : NaN;
  return {
    channel: 'bluesky',
    platformId: n.uri,
    threadId: root.uri,
    author: `@${n.author.handle}`,
    // Accounts label themselves as bots with the self-label "bot".
    authorIsBot: (n.author.labels ?? []).some((l) => l.val === 'bot' && !l.neg),
    text: record.text,
    createdAt: Number.isFinite(written) ? new Date(written).toISOString() : n.indexedAt,
    permalink: `https://bsky.app/profile/${n.author.handle}/post/${encodeURIComponent(rkey)}`,
    replyContext: { root, parent, authorDid: n.author.did, authorHandle: n.author.handle } satisfies BlueskyReplyContext,
  };
}
