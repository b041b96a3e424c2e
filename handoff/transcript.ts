import { hiddenComments } from './moderation/hidden-comments.js';
import type { ThreadTranscript } from '../store/handoff-store.js';

export interface TranscriptItem {
  from: 'customer' | 'bot' | 'agent' | 'brand';
  author: string;
  text: string;
  at: number;
  /** Outgoing replies: pending, sent, failed, cancelled. */
  status?: string;
  /** A reply not sent (yet): why its last try failed or it was cancelled, as the platform or the outbox said. */
  reason?: string;
  platformId?: string;
  /** Replies: the brand handle the reply was posted as on the platform. */
  postedAs?: string;
  /** Agent replies: the person who sent it (also `author`, kept for older clients). */
  agent?: string;
  /** A customer's comment hidden on the platform (moderation): still shown here, marked. */
  hidden?: boolean;
}

/**
 * The customer's latest post in the thread: the one a reply answers and the queue shows. Ignored
 * posts (the brand's own, other bots) never count; the store's listings apply the same rule.
 */
export const latestCustomerMention = (t: ThreadTranscript) => t.mentions.findLast((m) => m.status !== 'ignored');

const normalise = (h: string) => h.trim().replace(/^@/, '').toLowerCase();

/**
 * The conversation as the customer sees it: their posts, the bot's and people's replies (cancelled
 * ones shown as such, for the agent), and brand posts made natively on the platform, in time order.
 */
export function buildTranscript(t: ThreadTranscript, brandHandles: readonly string[]): TranscriptItem[] {
  const brand = new Set(brandHandles.map(normalise));
  const hidden = hiddenComments(t.events);
  const items: TranscriptItem[] = [];
  for (const m of t.mentions) {
    const isBrand = brand.has(normalise(m.author));
    // The bot's own replies come back from some platforms as posts in the thread: shown once, as replies.
    if (isBrand && m.status === 'ignored' && (m.decision as { reason?: string } | null)?.reason === 'own_post') continue;
    items.push({
      from: isBrand ? 'brand' : 'customer',
      author: m.author,
      text: m.text,
      at: m.receivedAt,
      platformId: m.platformId,
      ...(!isBrand && hidden.has(m.platformId) ? { hidden: true } : {}),
    });
  }
  for (const r of t.replies) {
    const postedAs = brandHandles[0] ?? 'brand';
    items.push({
      from: r.kind === 'agent' ? 'agent' : 'bot',
      author: r.author ?? postedAs,
      text: r.text,
      at: r.sentAt ?? r.createdAt,
      status: r.status,
      ...(r.lastError && r.status !== 'sent' ? { reason: r.lastError } : {}),
      postedAs,
      ...(r.kind === 'agent' && r.author ? { agent: r.author } : {}),
    });
  }
  return items.sort((a, b) => a.at - b.at);
}
