import type { Mention } from '../../mention.js';

export interface StrongRef {
  uri: string;
  cid: string;
}

/** One entry of app.bsky.notification.listNotifications, the fields we read. */
export interface BlueskyNotification {
  uri: string;
  cid: string;
  reason: string;
  indexedAt: string;
  author: { did: string; handle: string; displayName?: string; labels?: { val: string; src?: string; neg?: boolean }[] };
  record: { $type?: string; text?: string; createdAt?: string; reply?: { root: StrongRef; parent: StrongRef } };
}

/** What a reply needs: strong refs to the thread's root and to the post answered. */
export interface BlueskyReplyContext extends Record<string, unknown> {
  root: StrongRef;
  parent: StrongRef;
  authorDid: string;
  authorHandle: string;
}

/** Reasons that are someone talking to the brand: a mention, a reply in its thread, a quote. */
const ANSWERABLE = new Set(['mention', 'reply', 'quote']);

/** A notification as a Mention, or undefined (likes, follows, reposts, the brand's own posts). */
export function mentionFromNotification(n: BlueskyNotification, ownDid: string): Mention | undefined {
  if (!ANSWERABLE.has(n.reason) || n.author.did === ownDid) return undefined;
  if (n.record.$type !== 'app.bsky.feed.post' || typeof n.record.text !== 'string') return undefined;
  const parent = { uri: n.uri, cid: n.cid };
  // A post that is itself a reply keeps its thread's root; a new post is the root of its own thread.
  const root = n.record.reply?.root ?? parent;
  const rkey = n.uri.split('/').pop() ?? '';
  return {
    channel: 'bluesky',
    platformId: n.uri,
    threadId: root.uri,
    author: `@${n.author.handle}`,
    // Accounts label themselves as bots with the self-label "bot".
    authorIsBot: (n.author.labels ?? []).some((l) => l.val === 'bot' && !l.neg),
    text: n.record.text,
    createdAt: n.record.createdAt ?? n.indexedAt,
    permalink: `https://bsky.app/profile/${n.author.handle}/post/${rkey}`,
    replyContext: { root, parent, authorDid: n.author.did, authorHandle: n.author.handle } satisfies BlueskyReplyContext,
  };
}
