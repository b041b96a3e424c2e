import type { Mention } from '../../store/mention.js';
import type { ChannelContext } from './channel.js';

/**
 * Hands a delivery's mentions to the inbox, one after the other, and counts what was new. `onAccepted`
 * runs for each new one (e.g. to remember the thread a post belongs to).
 */
export async function acceptMentions(
  ctx: ChannelContext,
  mentions: Iterable<Mention>,
  onAccepted?: (mention: Mention) => Promise<void> | void,
): Promise<{ accepted: number; duplicates: number }> {
  let accepted = 0;
  let duplicates = 0;
  for (const mention of mentions) {
    if ((await ctx.accept(mention)).duplicate) duplicates++;
    else {
      accepted++;
      await onAccepted?.(mention);
    }
  }
  return { accepted, duplicates };
}
