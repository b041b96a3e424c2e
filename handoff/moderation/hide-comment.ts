import type { HandoffStore } from '../../store/handoff-store.js';
import type { ChannelPosts } from '../service-parts.js';
import type { ThreadRef } from '../thread-actions.js';
import { HIDDEN_EVENT, SHOWN_EVENT } from './hidden-comments.js';

/** How a hide or show went: done, or why not, as the HTTP status it answers with. */
export type ModerationResult = { ok: true; hidden: boolean } | { ok: false; status: 404 | 409 | 502 | 503; message: string };

export interface Moderation {
  /** Whether comments on this channel can be hidden from here. */
  can(channel: string): boolean;
  /** Hides (or shows again) one customer comment of the thread; recorded on the thread with who (or which rule) did it. */
  setHidden(ref: ThreadRef, platformId: string, hidden: boolean, actor: string): Promise<ModerationResult>;
}

export interface ModerationDeps {
  handoff: Pick<HandoffStore, 'transcript' | 'recordEvent'>;
  channels: ReadonlyMap<string, ChannelPosts>;
  /** Tells the consoles showing the thread (thread-actions' announce). */
  announce(ref: ThreadRef, type: string, actor: string): Promise<void>;
  brandHandles: readonly string[];
  now: () => number;
}

const normalise = (h: string) => h.trim().replace(/^@/, '').toLowerCase();

/**
 * Hiding a customer's public comment on the platforms that allow it (Facebook Page and Instagram
 * comments): from the console and by routing rule. Only the thread's customer comments, never the
 * brand's own posts; every change is a thread event (who or which rule, which comment).
 */
export function createModeration(deps: ModerationDeps): Moderation {
  const brand = new Set(deps.brandHandles.map(normalise));
  return {
    can: (channel) => typeof deps.channels.get(channel)?.moderate === 'function',
    async setHidden(ref, platformId, hidden, actor) {
      const channel = deps.channels.get(ref.channel);
      if (!channel?.moderate)
        return { ok: false, status: 409, message: `comments on ${ref.channel} cannot be hidden from here: the platform does not allow it` };
      const transcript = await deps.handoff.transcript(ref.channel, ref.threadId);
      const mention = transcript.mentions.find((m) => m.platformId === platformId && !brand.has(normalise(m.author)));
      if (!mention) return { ok: false, status: 404, message: 'no such customer comment in this thread' };
      try {
        await channel.moderate({ platformId, ...(mention.replyContext ? { replyContext: mention.replyContext } : {}) }, hidden);
      } catch (err) {
        const kind = (err as { kind?: string }).kind;
        const why = (err as Error).message;
        return kind === 'permanent'
          ? { ok: false, status: 502, message: `the platform refused: ${why}` }
          : { ok: false, status: 503, message: `the platform could not be reached or is limiting us, try again: ${why}` };
      }
      const type = hidden ? HIDDEN_EVENT : SHOWN_EVENT;
      await deps.handoff.recordEvent({ ...ref, type, actor, at: deps.now(), data: { platformId } });
      await deps.announce(ref, type, actor);
      return { ok: true, hidden };
    },
  };
}
