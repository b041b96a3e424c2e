import type { Channel } from '../channels/channel.js';
import type { LiveKnowledge } from '../../config/knowledge/live-knowledge.js';
import type { Settings } from '../../config/settings.js';
import type { Understander } from '../../intents/understanding.js';
import type { ReplyKind, StoredMention } from '../../store/mention.js';
import { fitToChannel } from '../../shared/fit-to-channel.js';
import type { Store, TurnOutcome } from '../../store/store.js';
import {
  DEFAULT_ANSWER_THRESHOLD,
  decideAcknowledgement,
  decideTurn,
  type AfterHours,
  type DecideDeps,
  type TurnDecision,
} from './decide-turn.js';
import { FirstReplyBot } from './first-reply-bot.js';
import { EARLIER_MENTIONS_READ } from './thread-context.js';
import { MentionAdapter } from './mention-adapter.js';

export interface TurnDeps {
  store: Store;
  understander: Understander;
  knowledge: LiveKnowledge;
  channels: ReadonlyMap<string, Channel>;
  settings: Pick<Settings, 'BRAND_HANDLES' | 'KNOWN_BOTS' | 'AUTHOR_REPLY_CAP' | 'AUTHOR_REPLY_WINDOW_SECONDS'> &
    Partial<Pick<Settings, 'NO_REPLY_DECISIONS' | 'COURTESY_MAX_WORDS' | 'NATIVE_REPLY_RESOLVES'>>;
  answerThreshold?: number;
  now?: () => number;
  /** Business hours: outside them the acknowledgement says when a person will answer. */
  afterHours?: (at: number) => AfterHours | undefined;
}

export interface TurnRunner {
  /** The full turn: the bot's ActivityHandler decides; the outcome is ready to commit. */
  run(mention: StoredMention): Promise<TurnOutcome>;
  /** No understanding: the deadline passed or the turn kept failing. */
  acknowledge(mention: StoredMention, reason: 'deadline' | 'turn_failed'): Promise<TurnOutcome>;
}

export function createTurnRunner(deps: TurnDeps): TurnRunner {
  const now = deps.now ?? Date.now;
  const afterHours = deps.afterHours ?? (() => undefined);
  // The brand answered natively: done (resolved), unless the settings keep such threads open with the platform.
  const nativeReplyState = (deps.settings.NATIVE_REPLY_RESOLVES ?? true) ? ('resolved' as const) : ('agent' as const);
  const adapter = new MentionAdapter(deps.settings.BRAND_HANDLES[0] ?? 'brand');

  const decideDeps = async (mention: StoredMention): Promise<DecideDeps> => {
    const thread = await deps.store.getThread(mention.channel, mention.threadId);
    const closed = afterHours(now());
    return {
      understander: deps.understander,
      knowledge: deps.knowledge.current(),
      threadState: thread?.state ?? 'bot',
      recentRepliesToAuthor: () =>
        deps.store.countBotReplies(mention.channel, mention.author, now() - deps.settings.AUTHOR_REPLY_WINDOW_SECONDS * 1000),
      brandHandles: deps.settings.BRAND_HANDLES,
      knownBots: deps.settings.KNOWN_BOTS,
      authorReplyCap: deps.settings.AUTHOR_REPLY_CAP,
      answerThreshold: deps.answerThreshold ?? DEFAULT_ANSWER_THRESHOLD,
      now: new Date(now()),
      noReply: deps.settings.NO_REPLY_DECISIONS ?? true,
      courtesyWords: deps.settings.COURTESY_MAX_WORDS,
      earlierMentions: () => deps.store.earlierMentions(mention.channel, mention.threadId, mention.id, EARLIER_MENTIONS_READ),
      isOwnReply: () => deps.store.isOwnReply(mention.channel, mention.threadId, mention.platformId, mention.text),
      ...(closed ? { afterHours: closed } : {}),
    };
  };
  const bot = new FirstReplyBot(async (mention) => decideTurn(mention, await decideDeps(mention)));

  return {
    async run(mention) {
      const result = await adapter.runMention(mention, bot);
      return toOutcome(mention, result.decision, result.messages, deps.channels, nativeReplyState);
    },
    async acknowledge(mention, reason) {
      const decision = await decideAcknowledgement(mention, reason, await decideDeps(mention));
      return toOutcome(mention, decision, decision.reply ? [decision.reply] : [], deps.channels, nativeReplyState);
    },
  };
}

function toOutcome(
  mention: StoredMention,
  decision: TurnDecision,
  messages: { text: string; kind: ReplyKind }[],
  channels: ReadonlyMap<string, Channel>,
  nativeReplyState: 'agent' | 'resolved',
): TurnOutcome {
  const limits = channels.get(mention.channel)?.limits;
  const replies = messages.flatMap((m) => (limits ? fitToChannel(m.text, limits) : [m.text]).map((text) => ({ text, kind: m.kind })));
  return {
    status: decision.status,
    decision: {
      reason: decision.reason,
      ...(decision.entryId ? { entryId: decision.entryId } : {}),
      ...(decision.understanding ? { understanding: decision.understanding } : {}),
      ...(decision.followUp ? { followUp: decision.followUp } : {}),
      ...(decision.language ? { language: decision.language } : {}),
      ...(decision.languageNote ? { languageNote: decision.languageNote } : {}),
    },
    replies,
    ...(decision.handoff ? { threadState: 'waiting' as const } : {}),
    ...(decision.takenOverBy ? { threadState: nativeReplyState, assignee: decision.takenOverBy } : {}),
    ...(decision.dropThread ? { dropThread: true } : {}),
  };
}
