import { z } from 'zod';
import type { OutgoingReply } from '../../../store/mention.js';
import type { SendResult } from '../channel.js';
import type { MetaReplyContext } from './meta-events.js';

/** A reply under a comment as the Graph API lists it: Facebook says `message` and `created_time`, Instagram `text` and `timestamp`. */
const listed = z.object({
  id: z.string().min(1).max(512),
  message: z.string().optional(),
  text: z.string().optional(),
  created_time: z.string().max(64).optional(),
  timestamp: z.string().max(64).optional(),
  from: z.object({ id: z.string().optional() }).loose().optional(),
});
const page = z.object({ data: z.array(z.unknown()).max(1000) });

/** Reads cut a reply's text differently from how it was sent (line breaks, spaces): compared without them. */
const sameWords = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** Clocks differ between us and Meta: a reply listed this much before it was queued may still be ours. */
const CLOCK_SLACK_MS = 60_000;

/**
 * Our reply, when a page of replies under its comment holds it: the same text, written by the Page or
 * the Instagram account (when Meta says who wrote it and we know our ids), and not before the reply
 * was queued (an earlier reply with the same words, such as a second acknowledgement, is not this one).
 */
export function findOwnReply(
  body: unknown,
  reply: Pick<OutgoingReply, 'text' | 'queuedAt'>,
  ownIds: ReadonlySet<string>,
): SendResult | undefined {
  const parsed = page.safeParse(body);
  if (!parsed.success) return undefined;
  const notBefore = (reply.queuedAt ?? 0) - CLOCK_SLACK_MS;
  for (const item of parsed.data.data) {
    const r = listed.safeParse(item);
    if (!r.success) continue;
    const text = r.data.message ?? r.data.text;
    if (text === undefined || !sameWords(text, reply.text)) continue;
    const author = r.data.from?.id;
    if (author !== undefined && ownIds.size > 0 && !ownIds.has(author)) continue;
    const at = Date.parse(r.data.created_time ?? r.data.timestamp ?? '');
    if (Number.isFinite(at) && at < notBefore) continue;
    return { platformId: r.data.id };
  }
  return undefined;
}

/** The comment a reply is posted under, from its context (undefined without one: nothing to look in). */
export const replyTarget = (reply: OutgoingReply) => {
  const context = reply.replyContext as MetaReplyContext | undefined;
  return context?.surface && context.replyTo ? context : undefined;
};
