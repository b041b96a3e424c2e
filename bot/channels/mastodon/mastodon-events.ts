import type { Mention } from '../../mention.js';
import { statusHtmlToText } from './status-text.js';

export interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  bot?: boolean;
}

export interface MastodonStatus {
  id: string;
  created_at: string;
  in_reply_to_id: string | null;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  content: string;
  spoiler_text?: string;
  url?: string | null;
  uri: string;
  account: MastodonAccount;
}

export interface MastodonNotification {
  id: string;
  type: string;
  created_at: string;
  account: MastodonAccount;
  status?: MastodonStatus;
}

export type ThreadRootOf = (statusId: string) => Promise<string | undefined>;

/**
 * A mention notification as a Mention. The thread is the root known for the status replied to
 * (a mention seen or a reply we sent), else that status, else the mention itself.
 */
export async function mentionFromNotification(n: MastodonNotification, rootOf: ThreadRootOf): Promise<Mention | undefined> {
  if (n.type !== 'mention' || !n.status) return undefined;
  const status = n.status;
  const parent = status.in_reply_to_id ?? undefined;
  const threadId = parent ? ((await rootOf(parent)) ?? parent) : status.id;
  const spoiler = status.spoiler_text ? `${status.spoiler_text}\n` : '';
  return {
    channel: 'mastodon',
    platformId: status.id,
    threadId,
    author: `@${status.account.acct}`,
    authorIsBot: Boolean(status.account.bot),
    text: spoiler + statusHtmlToText(status.content),
    createdAt: status.created_at,
    permalink: status.url ?? status.uri,
    // A reply keeps the conversation's audience: a private mention is never answered in public.
    replyContext: { visibility: status.visibility },
  };
}
