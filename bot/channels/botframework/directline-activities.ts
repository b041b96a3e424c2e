import { z } from 'zod';
import type { SendResult } from '../channel.js';
import { ChannelSendError } from '../channel.js';
import { httpCall, type HttpResponse } from '../http-call.js';

/** The marker put in a reply's channelData on the channels read back, to know it again. */
export const MARKER = 'firstReplyKey';

/** An activity of a Direct Line ActivitySet, the fields read to recognise our reply. */
const activity = z.object({
  type: z.string().max(100),
  id: z.string().min(1).max(512),
  replyToId: z.string().max(512).optional(),
  text: z.string().max(100_000).optional(),
  from: z
    .object({ id: z.string().max(512).optional(), role: z.string().max(100).optional() })
    .loose()
    .optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});
const activitySet = z.object({ activities: z.array(z.unknown()).max(10_000), watermark: z.string().max(512).optional() });

export interface OwnReply {
  /** The activity answered (the mention's), the bot's id in the conversation, and the marker sent. */
  replyToId: string;
  botId: string | undefined;
  key: string;
  text: string;
}

const sameWords = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/**
 * Our reply among a page of activities: a message under the mention's activity carrying our marker, or
 * (when the channel did not give channelData back) one by the bot under it with the same words.
 */
export function findOwnActivity(items: readonly unknown[], own: OwnReply): SendResult | undefined {
  for (const item of items) {
    const a = activity.safeParse(item);
    if (!a.success || a.data.type !== 'message' || a.data.replyToId !== own.replyToId) continue;
    if (a.data.channelData?.[MARKER] === own.key) return { platformId: a.data.id };
    const byBot = own.botId ? a.data.from?.id === own.botId : a.data.from?.role === 'bot';
    if (byBot && a.data.text !== undefined && sameWords(a.data.text, own.text)) return { platformId: a.data.id };
  }
  return undefined;
}

export interface DirectLineRead {
  baseUrl: string;
  secret: string;
  timeoutMs: number;
  /** Pages read at most (each answer says where the next starts: its watermark). */
  maxPages: number;
}

/**
 * Reads a conversation's activities through Direct Line 3.0 (`GET /v3/directline/conversations/{id}/activities`,
 * the secret as bearer: it opens every conversation of its channel) until our reply is found or the
 * pages end. 401, 403, 404 (a wrong secret, a conversation expired): the outcome cannot be known.
 */
export async function findInDirectLine(
  read: DirectLineRead,
  conversationId: string,
  own: OwnReply,
): Promise<SendResult | undefined | 'unreadable'> {
  let watermark: string | undefined;
  for (let page = 0; page < read.maxPages; page++) {
    const query = watermark === undefined ? '' : `?watermark=${encodeURIComponent(watermark)}`;
    const url = `${read.baseUrl}/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities${query}`;
    let res: HttpResponse;
    try {
      res = await httpCall(url, { method: 'GET', headers: { authorization: `Bearer ${read.secret}` }, timeoutMs: read.timeoutMs });
    } catch (err) {
      throw new ChannelSendError(`Direct Line read: ${(err as Error).message}`, 'transient');
    }
    if ([401, 403, 404].includes(res.status)) return 'unreadable';
    if (res.status === 429) throw new ChannelSendError('Direct Line read: HTTP 429', 'transient');
    if (!res.ok) throw new ChannelSendError(`Direct Line read: HTTP ${res.status}`, 'transient');
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ChannelSendError('Direct Line read: the answer is not JSON', 'transient');
    }
    const set = activitySet.safeParse(body);
    if (!set.success) throw new ChannelSendError('Direct Line read: not an ActivitySet', 'transient');
    const found = findOwnActivity(set.data.activities, own);
    if (found) return found;
    // No activities past the watermark, or no watermark to go on from: the whole conversation was read.
    if (set.data.activities.length === 0 || set.data.watermark === undefined || set.data.watermark === watermark) return undefined;
    watermark = set.data.watermark;
  }
  return 'unreadable';
}
