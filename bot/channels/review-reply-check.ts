import type { OutgoingReply } from '../../store/mention.js';

/** A review's one reply as the platform shows it now. */
export interface ReplyOnReview {
  text: string;
  /** When it was last written (ms epoch), when the platform says. */
  at?: number;
}

const sameWords = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/**
 * On platforms with one reply per review (Google Business Profile, App Store) a retried reply is
 * not sent again when the review's reply is already it (an earlier attempt went out), or when the
 * reply there was written after this one was queued: a newer reply (ours, or a person's in the
 * platform's own tool) is never replaced by an older one arriving late.
 */
export function reviewReplyVerdict(
  existing: ReplyOnReview | undefined,
  reply: Pick<OutgoingReply, 'text' | 'queuedAt'>,
): 'posted' | 'superseded' | undefined {
  if (!existing) return undefined;
  if (sameWords(existing.text, reply.text)) return 'posted';
  if (existing.at !== undefined && reply.queuedAt !== undefined && existing.at > reply.queuedAt) return 'superseded';
  return undefined;
}
