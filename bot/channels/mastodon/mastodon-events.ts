import { z } from 'zod';
import type { Mention } from '../../../store/mention.js';
import { platformId, textTime } from '../delivery-items.js';
import { MASTODON_ACCT } from '../handles.js';
import { statusHtmlToText } from './status-text.js';

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

const account = z.object({
  id: platformId,
  username: z.string(),
  acct: z.string().regex(MASTODON_ACCT, 'must be a Mastodon acct (user or user@domain)'),
  bot: z.boolean().nullable().optional(),
});

const status = z.object({
  id: platformId,
  created_at: textTime,
  in_reply_to_id: platformId.nullable().optional(),
  // A visibility we do not know could be narrower than any we would answer with: refused, not guessed.
  visibility: z.enum(['public', 'unlisted', 'private', 'direct']),
  content: z.string(),
  spoiler_text: z.string().optional(),
  url: httpUrl.nullable().optional(),
  uri: httpUrl,
  account,
});

/** A mention notification, the fields we read, checked strictly (the poller asks for mentions only). */
export const mastodonNotification = z.object({
  id: platformId,
  type: z.string(),
  created_at: textTime,
  status: status.optional(),
});

export type MastodonAccount = z.input<typeof account>;
export type MastodonStatus = z.input<typeof status>;
export type MastodonNotification = z.output<typeof mastodonNotification>;

export type ThreadRootOf = (statusId: string) => Promise<string | undefined>;

/**
 * A mention notification (already checked) as a Mention. The thread is the root known for the status
 * replied to (a mention seen or a reply we sent), else that status, else the mention itself.
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
