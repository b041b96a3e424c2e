import { ChannelSendError, type Channel, type ChannelContext } from '../../bot/channels/channel.js';
import type { Mention, OutgoingReply } from '../../store/mention.js';

/** What the stand-in platform does with the next send: take it, refuse it for now, refuse it for good, or hold it until `release`. */
export type SendPlan = 'ok' | { transient: string } | { permanent: string } | 'hold';

/**
 * A platform stand-in for tests of what the consoles see: mentions are handed in directly, and each
 * send follows the next plan given (`ok` when none). Posts it took are in `posted`.
 */
export function standInChannel(name = 'standin') {
  let ctx: ChannelContext | undefined;
  const plans: SendPlan[] = [];
  const posted: OutgoingReply[] = [];
  const held: ((then: SendPlan) => void)[] = [];
  let seq = 0;
  const channel: Channel = {
    name,
    limits: { maxLength: 500, measure: (text) => [...text].length },
    async start(c) {
      ctx = c;
    },
    // A held send must not keep the service from stopping.
    async stop() {
      for (const go of held.splice(0)) go({ transient: 'stopping' });
    },
    async send(reply) {
      let plan = plans.shift() ?? 'ok';
      if (plan === 'hold') plan = await new Promise<SendPlan>((resolve) => held.push(resolve));
      if (typeof plan === 'object' && 'transient' in plan) throw new ChannelSendError(plan.transient, 'transient');
      else if (typeof plan === 'object') throw new ChannelSendError(plan.permanent, 'permanent');
      posted.push(reply);
      return { platformId: `${name}-reply-${++seq}` };
    },
  };
  return {
    channel,
    posted,
    /** Plans for the next sends, in order. */
    plan: (...next: SendPlan[]) => void plans.push(...next),
    /** How many sends are held now. */
    holding: () => held.length,
    /** Lets the held sends go on: taken (`ok`, the default) or refused as `then` says. */
    release: (then: Exclude<SendPlan, 'hold'> = 'ok') => {
      for (const go of held.splice(0)) go(then);
    },
    /** A customer's post, in a thread (`threadId`, the first post's id by default). */
    async mention(author: string, text: string, threadId?: string): Promise<{ id: string; threadId: string; mentionId: number }> {
      if (!ctx) throw new Error('the stand-in channel has not started');
      const id = `${name}-post-${++seq}`;
      const mention: Mention = {
        channel: name,
        platformId: id,
        threadId: threadId ?? id,
        author,
        text,
        createdAt: new Date().toISOString(),
      };
      const accepted = await ctx.accept(mention);
      return { id, threadId: mention.threadId, mentionId: accepted.mentionId };
    },
  };
}
