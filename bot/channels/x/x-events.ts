import type { Mention } from '../../mention.js';

/** A tweet as Account Activity webhooks deliver it (v1.1 shape), the fields we read. */
export interface XWebhookTweet {
  id_str: string;
  created_at: string;
  text?: string;
  full_text?: string;
  truncated?: boolean;
  extended_tweet?: { full_text?: string };
  in_reply_to_status_id_str?: string | null;
  /** Present on v2-enriched payloads; the thread's root tweet. */
  conversation_id?: string;
  user: { id_str: string; screen_name: string };
  retweeted_status?: unknown;
}

export interface XWebhookPayload {
  for_user_id?: string;
  tweet_create_events?: XWebhookTweet[];
}

/** A tweet from the v2 mentions timeline, with `expansions=author_id`. */
export interface XTimelineTweet {
  id: string;
  text: string;
  author_id: string;
  conversation_id?: string;
  created_at?: string;
  referenced_tweets?: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
}

export interface XTimelinePage {
  data?: XTimelineTweet[];
  includes?: { users?: { id: string; username: string }[] };
  meta?: { newest_id?: string; next_token?: string; result_count?: number };
}

/** Looks up the thread root already known for a tweet (our own replies and mentions seen before). */
export type ThreadRootOf = (tweetId: string) => Promise<string | undefined>;

/**
 * Mentions in a webhook delivery: every tweet that is neither the brand's own nor a retweet.
 * Thread: the conversation root when X gives it, else the root known for the tweet replied to,
 * else the tweet replied to, else the tweet itself.
 */
export async function mentionsFromWebhook(payload: XWebhookPayload, brandUserId: string, rootOf: ThreadRootOf): Promise<Mention[]> {
  const mentions: Mention[] = [];
  for (const tweet of payload.tweet_create_events ?? []) {
    if (tweet.user.id_str === brandUserId || tweet.retweeted_status) continue;
    const parent = tweet.in_reply_to_status_id_str ?? undefined;
    const threadId = tweet.conversation_id ?? (parent ? ((await rootOf(parent)) ?? parent) : tweet.id_str);
    mentions.push({
      channel: 'x',
      platformId: tweet.id_str,
      threadId,
      author: `@${tweet.user.screen_name}`,
      text: tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '',
      createdAt: new Date(tweet.created_at).toISOString(),
      permalink: `https://x.com/${tweet.user.screen_name}/status/${tweet.id_str}`,
    });
  }
  return mentions;
}

/** Mentions in one page of the v2 mentions timeline (the same rules as the webhook). */
export function mentionsFromTimeline(page: XTimelinePage, brandUserId: string): Mention[] {
  const users = new Map((page.includes?.users ?? []).map((u) => [u.id, u.username]));
  const mentions: Mention[] = [];
  for (const tweet of page.data ?? []) {
    if (tweet.author_id === brandUserId || tweet.referenced_tweets?.some((r) => r.type === 'retweeted')) continue;
    const username = users.get(tweet.author_id) ?? tweet.author_id;
    mentions.push({
      channel: 'x',
      platformId: tweet.id,
      threadId: tweet.conversation_id ?? tweet.id,
      author: `@${username}`,
      text: tweet.text,
      createdAt: tweet.created_at ?? new Date().toISOString(),
      permalink: `https://x.com/${username}/status/${tweet.id}`,
    });
  }
  return mentions;
}
