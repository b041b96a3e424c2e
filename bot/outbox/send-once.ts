import type { FastifyBaseLogger } from 'fastify';
import type { Channel, SendResult } from '../channels/channel.js';
import type { OutgoingReply } from '../../store/mention.js';

/**
 * Sends a reply, unless an earlier attempt already posted it. A reply tried before (its attempts
 * count past one: a send that failed on the network or a 5xx, or an instance that died mid-send)
 * may be out on the platform even though no answer said so. Where the platform takes no idempotency
 * key, the channel reads the thread first (`findPosted`): found there, it counts as sent and is not
 * posted twice. A rate-limited attempt is given back by the store, so its retry reads nothing.
 */
export async function sendOnce(channel: Channel, reply: OutgoingReply, log: FastifyBaseLogger): Promise<SendResult> {
  if (reply.attempts > 1 && channel.findPosted) {
    const found = await channel.findPosted(reply);
    if (found) {
      log.warn(
        { replyId: reply.id, channel: reply.channel, platformId: found.platformId },
        'reply already posted by an earlier attempt: not sent again',
      );
      return found;
    }
  }
  return channel.send(reply);
}
