import { z } from 'zod';
import { ChannelSendError } from '../channel.js';
import type { ThreadsApi } from './threads-api.js';

const usage = z.object({
  data: z
    .array(
      z
        .object({
          reply_quota_usage: z.number().int().min(0),
          reply_config: z.object({ quota_total: z.number().int().min(1), quota_duration: z.number().int().min(1).optional() }).loose(),
        })
        .loose(),
    )
    .min(1),
});

/** A reply past the cap waits this long before it is tried again: the window is rolling, so replies drop out of it over time. */
const CAP_RECHECK_MS = 60 * 60_000;

/**
 * A publish refused for good may be the profile's reply cap (1,000 per moving 24 hours): Meta's
 * documentation names no error code for it, so the usage is read (`threads_publishing_limit`) and,
 * when it is at the cap (replies published outside first-reply count too), the refusal becomes a
 * wait instead of a failure. Anything else, or a usage that cannot be read, is left as it was.
 */
export async function capOrRefusal(api: ThreadsApi, refusal: ChannelSendError, now = Date.now()): Promise<ChannelSendError> {
  if (refusal.kind !== 'permanent') return refusal;
  let read: unknown;
  try {
    read = await api.publishingLimit();
  } catch {
    return refusal;
  }
  const parsed = usage.safeParse(read);
  if (!parsed.success) return refusal;
  const { reply_quota_usage: used, reply_config: config } = parsed.data.data[0]!;
  if (used < config.quota_total) return refusal;
  return new ChannelSendError(
    `Threads reply cap reached (${used} of ${config.quota_total} replies in the moving 24 hours): ${refusal.message}`,
    'rate_limited',
    now + CAP_RECHECK_MS,
  );
}
