import { z } from 'zod';
import type { OutgoingReply } from '../../../store/mention.js';
import type { SendResult } from '../channel.js';

const listed = z.object({
  id: z.string().min(1).max(512),
  text: z.string().max(10_000).optional(),
  username: z.string().max(64).optional(),
  timestamp: z.string().max(64).optional(),
  is_reply_owned_by_me: z.boolean().optional(),
});
const page = z.object({ data: z.array(z.unknown()).max(1000) });

/** Threads may give the text back with other spacing than it was sent with: compared without it. */
const sameWords = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
/** Clocks differ between us and Meta: a reply listed this much before it was queued may still be ours. */
const CLOCK_SLACK_MS = 60_000;

/**
 * Our reply among the replies under the media it answers: the same words, written by the brand's
 * profile, and not before the reply was queued (an earlier reply with the same words is not this one).
 * A container created but never published is not listed: the reply is then sent (published) again.
 */
export function findOwnThreadsReply(
  body: unknown,
  reply: Pick<OutgoingReply, 'text' | 'queuedAt'>,
  ownUsername: string,
): SendResult | undefined {
  const parsed = page.safeParse(body);
  if (!parsed.success) return undefined;
  const notBefore = (reply.queuedAt ?? 0) - CLOCK_SLACK_MS;
  for (const item of parsed.data.data) {
    const r = listed.safeParse(item);
    if (!r.success || r.data.text === undefined || !sameWords(r.data.text, reply.text)) continue;
    const ours = r.data.is_reply_owned_by_me ?? r.data.username?.toLowerCase() === ownUsername.toLowerCase();
    if (!ours) continue;
    const at = Date.parse(r.data.timestamp ?? '');
    if (Number.isFinite(at) && at < notBefore) continue;
    return { platformId: r.data.id };
  }
  return undefined;
}
