import type { HandoffStore, HandoffThread } from '../../store/handoff-store.js';
import { previewText } from '../../shared/text-preview.js';
import { latestCustomerMention } from '../transcript.js';

/** What a refused hand-back or resolve shows the person: the customer's follow-up nobody answered (its start). */
export interface UnansweredMention {
  author: string;
  text: string;
  textTruncated: boolean;
  at: number;
}

/** The thread's latest customer mention, as the 409 of an unconfirmed hand-back or resolve carries it. */
export async function unansweredMention(handoff: HandoffStore, thread: HandoffThread): Promise<UnansweredMention | null> {
  const latest = latestCustomerMention(await handoff.transcript(thread.channel, thread.threadId));
  if (!latest) return null;
  const preview = previewText(latest.text);
  return { author: latest.author, text: preview.text, textTruncated: preview.truncated, at: latest.receivedAt };
}
