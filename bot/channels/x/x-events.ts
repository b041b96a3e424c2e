import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { ItemCheck, numericId, textTime } from '../delivery-items.js';
import { X_SCREEN_NAME } from '../handles.js';

/** A tweet as Account Activity webhooks deliver it (v1.1 shape), the fields we read, checked strictly. */
const webhookTweet = z.object({
  id_str: numericId,
  created_at: textTime,
  text: z.string().optional(),
  full_text: z.string().optional(),
  truncated: z.boolean().optional(),
  extended_tweet: z.object({ full_text: z.string().optional() }).optional(),
  in_reply_to_status_id_str: numericId.nullable().optional(),
  /** Present on v2-enriched payloads; the thread's root tweet. */
  conversation_id: numericId.optional(),
  user: z.object({ id_str: numericId, screen_name: z.string().regex(X_SCREEN_NAME, 'must be an X screen name') }),
  retweeted_status: z.unknown().optional(),
});

export type XWebhookTweet = z.input<typeof webhookTweet>;

/** The delivery around the tweets: other event kinds (favorites, follows, DMs...) are not read. */
const webhookDelivery = z.object({ for_user_id: z.unknown().optional(), tweet_create_events: z.array(z.unknown()).optional() });

export interface XWebhookPayload {
  for_user_id?: string;
  tweet_create_events?: XWebhookTweet[];
}

/** A tweet from the v2 mentions timeline, with `expansions=author_id`. */
const timelineTweet = z.object({
  id: numericId,
  text: z.string(),
  author_id: numericId,
  conversation_id: numericId.optional(),
  created_at: textTime.optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: numericId })).optional(),
});

export type XTimelineTweet = z.input<typeof timelineTweet>;

export interface XTimelinePage {
  data?: XTimelineTweet[];
  includes?: { users?: { id: string; username: string }[] };
  meta?: { newest_id?: string; next_token?: string; result_count?: number };
}

/** Looks up the thread root already known for a tweet (our own replies and mentions seen before). */
export type ThreadRootOf = (tweetId: string) => Promise<string | undefined>;

/** Mentions found in a delivery or a page, and the check of its items (refusals to log and count). */
export interface ParsedMentions {
  mentions: Mention[];
  check: ItemCheck;
}

/**
 * Mentions in a webhook delivery: every tweet that is neither the brand's own nor a retweet; each
 * tweet checked on its own (a malformed one is refused, the others kept). Undefined when the body is
 * not a delivery at all. Thread: the conversation root when X gives it, else the root known for the
 * tweet replied to, else the tweet replied to, else the tweet itself.
 */
export async function mentionsFromWebhook(
  payload: unknown,
  brandUserId: string,
  rootOf: ThreadRootOf,
): Promise<ParsedMentions | undefined> {
  const delivery = webhookDelivery.safeParse(payload);
  if (!delivery.success) return undefined;
  const check = new ItemCheck();
  const mentions: Mention[] = [];
  // An app may subscribe other accounts: a delivery for one of them is not the brand's to answer.
  if (delivery.data.for_user_id !== undefined && delivery.data.for_user_id !== brandUserId) return { mentions, check };
  for (const [index, item] of (delivery.data.tweet_create_events ?? []).entries()) {
    const tweet = check.parse(webhookTweet, item, index);
    if (!tweet || tweet.user.id_str === brandUserId || tweet.retweeted_status != null) continue;
    const parent = tweet.in_reply_to_status_id_str ?? undefined;
    const threadId = tweet.conversation_id ?? (parent ? ((await rootOf(parent)) ?? parent) : tweet.id_str);
    mentions.push({
      channel: 'x',
      platformId: tweet.id_str,
      threadId,
      author: `@${tweet.user.screen_name}`,
      text: tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '',
      createdAt: tweet.created_at,
      permalink: `https://x.com/${tweet.user.screen_name}/status/${tweet.id_str}`,
    });
  }
  return { mentions, check };
}

/**
 * Mentions in one page of the v2 mentions timeline (the same rules as the webhook). An author X
 * did not expand, or expanded with a malformed username, is kept by id: never named in a reply.
 */
export function mentionsFromTimeline(body: XTimelinePage, brandUserId: string): ParsedMentions {
  const page: XTimelinePage = body && typeof body === 'object' ? body : {};
  const users = new Map<string, string>();
  for (const u of Array.isArray(page.includes?.users) ? page.includes.users : []) {
    if (typeof u?.id === 'string' && typeof u.username === 'string' && X_SCREEN_NAME.test(u.username)) users.set(u.id, u.username);
  }
  const check = new ItemCheck();
  const mentions: Mention[] = [];
  for (const [index, item] of (Array.isArray(page.data) ? page.data : []).entries()) {
    const tweet = check.parse(timelineTweet, item, index);
    if (!tweet || tweet.author_id === brandUserId || tweet.referenced_tweets?.some((r) => r.type === 'retweeted')) continue;
    const username = users.get(tweet.author_id);
    mentions.push({
      channel: 'x',
      platformId: tweet.id,
      threadId: tweet.conversation_id ?? tweet.id,
      author: username ? `@${username}` : tweet.author_id,
      text: tweet.text,
      createdAt: tweet.created_at ?? new Date().toISOString(),
      permalink: username ? `https://x.com/${username}/status/${tweet.id}` : `https://x.com/i/web/status/${tweet.id}`,
    });
  }
  return { mentions, check };
}
