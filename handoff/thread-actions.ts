import { fitToChannel } from '../shared/fit-to-channel.js';
import type { ChannelPosts, HandoffMetrics } from './service-parts.js';
import { hasRole, type User } from './access/roles.js';
import type { HandoffEvents } from '../store/handoff-events.js';
import type { HandoffStore, HandoffThread, NoReplyHandoff, TransitionRequest, TransitionResult } from '../store/handoff-store.js';
import { threadKey } from './thread-key.js';
import { latestCustomerMention } from './transcript.js';
import { TRANSITIONS, type ThreadAction } from '../store/thread-state.js';

export interface ThreadRef {
  channel: string;
  threadId: string;
}

/** `unanswered`: refused because a customer's follow-up waits for an answer; the person may confirm and retry. */
export type ActionResult = TransitionResult & { error?: string; unanswered?: boolean };

/** Leaving a thread with an unanswered follow-up asks the person to confirm (the customer would hear nothing). */
const CONFIRM_UNANSWERED: readonly ThreadAction[] = ['hand_back', 'resolve', 'close'];

const overCapMessage = (owner: string, actor: string, cap: number, action: ThreadAction) =>
  owner === actor
    ? `you already have ${cap} claimed ${cap === 1 ? 'thread' : 'threads'}, your cap: resolve or release one first`
    : `${owner} already has ${cap} claimed ${cap === 1 ? 'thread' : 'threads'}, their cap${action === 'reassign' ? ': an admin may assign anyway' : ''}`;

export interface ThreadActions {
  /** A person acts on a thread's ownership. Refused (ok false, with the reason) when the state or owner does not allow it. */
  perform(
    action: Exclude<ThreadAction, 'idle_release'>,
    ref: ThreadRef,
    user: User,
    options?: { to?: string; confirm?: boolean; overCap?: boolean },
  ): Promise<ActionResult>;
  /** A person's reply, fitted to the channel, queued in the outbox into the platform thread. */
  reply(
    ref: ThreadRef,
    user: User,
    text: string,
    requestId: string,
  ): Promise<{ ok: boolean; parts: string[]; error?: string; thread?: HandoffThread }>;
  /**
   * A person turns a mention decided to need no reply into a handoff (once: a second request changes
   * nothing); the consoles are told, as of any thread action.
   */
  handOffNoReply(mentionId: number, user: User): Promise<NoReplyHandoff>;
  /** Claims nobody worked on since `idleMs` go back to the queue. Returns how many. */
  releaseIdle(idleMs: number): Promise<number>;
  /** Tells the consoles about a thread event that did not go through an action (a handoff, a new mention). */
  announce(ref: ThreadRef, type: string, actor: string, thread?: HandoffThread): Promise<void>;
}

export interface ThreadActionDeps {
  handoff: HandoffStore;
  events: HandoffEvents;
  channels: ReadonlyMap<string, ChannelPosts>;
  /** Whether `name` is a person who may own threads (reassign). */
  isAgent: (name: string) => Promise<boolean>;
  /** The most threads `name` may have claimed at once (undefined: no cap): claims and assignments past it are refused. */
  claimCap?: (name: string) => Promise<number | undefined>;
  /** A thread went back to the queue from a person (release): auto-assignment gives it to the next one. */
  onReturned?: (ref: ThreadRef, from: string) => void;
  metrics?: HandoffMetrics;
  /** Wakes the outbox: a person's reply goes out at once. */
  onReplyQueued?: () => void;
  /** A person answered a handoff (first) or a customer's follow-up (next), waiting since `since`: the reports count it. */
  onAgentReplied?: (r: ThreadRef & { agent: string; kind: 'first' | 'next'; since: number; at: number }) => void;
  now: () => number;
}

export function createThreadActions(deps: ThreadActionDeps): ThreadActions {
  const announce = async (ref: ThreadRef, type: string, actor: string, thread?: HandoffThread) => {
    const t = thread ?? (await deps.handoff.getThread(ref.channel, ref.threadId));
    await deps.events.publish({
      key: threadKey(ref.channel, ref.threadId),
      channel: ref.channel,
      threadId: ref.threadId,
      type,
      state: t?.state ?? null,
      assignee: t?.assignee ?? null,
      actor,
      at: deps.now(),
    });
  };

  const run = async (
    action: ThreadAction,
    ref: ThreadRef,
    actor: string,
    request: Omit<TransitionRequest, 'channel' | 'threadId' | 'to' | 'event' | 'now'>,
    extra: Record<string, unknown> = {},
  ) => {
    const rule = TRANSITIONS[action];
    const data = { ...(request.assignee ? { assignee: request.assignee } : {}), ...extra };
    const result = await deps.handoff.transition({
      ...ref,
      ...request,
      to: rule.to,
      event: { type: action, actor, ...(Object.keys(data).length > 0 ? { data } : {}) },
      now: deps.now(),
    });
    if (result.ok) await announce(ref, action, actor, result.thread);
    return result;
  };

  return {
    announce,
    async perform(action, ref, user, options = {}) {
      const current = await deps.handoff.getThread(ref.channel, ref.threadId);
      if (!current) return { ok: false, thread: undefined, error: 'no such thread' };
      const rule = TRANSITIONS[action];
      // A thread the brand answered natively and kept open (agent, held by platform:) is nobody's: it
      // may be claimed. The store's compare-and-set on that assignee keeps it to one claim.
      const platformHeld = current.state === 'agent' && !!current.assignee?.startsWith('platform:');
      if (!rule.from.includes(current.state) && !(action === 'claim' && platformHeld)) {
        const error =
          current.state === 'agent' && current.assignee !== user.name
            ? `${current.assignee} owns this thread`
            : `cannot ${action.replace('_', ' ')} a thread in state ${current.state}`;
        return { ok: false, thread: current, error };
      }
      // Owner-only actions on a thread a person owns (or owned, resolved): the owner, or an admin. A
      // waiting thread, the bot's, or one the brand answered natively (platform:) any agent may act on.
      const personOwned =
        (current.state === 'agent' || current.state === 'resolved') && !!current.assignee && !current.assignee.startsWith('platform:');
      const guardOwner = rule.ownerOnly && personOwned && !hasRole(user, 'admin');
      if (guardOwner && current.assignee !== user.name)
        return { ok: false, thread: current, error: `${current.assignee ?? 'nobody'} owns this thread` };
      let assignee: string | null | undefined;
      if (action === 'claim') assignee = user.name;
      else if (action === 'reassign') {
        if (!options.to || !(await deps.isAgent(options.to)))
          return { ok: false, thread: current, error: `${options.to ?? '(nobody)'} is not an agent` };
        assignee = options.to;
      } else if (action === 'release' || action === 'hand_back') assignee = null;
      // The workload cap of whoever would own the thread; an admin may assign past it (recorded on the event).
      const overrideCap = action === 'reassign' && options.overCap === true && hasRole(user, 'admin');
      const claimCap = assignee && !overrideCap ? await deps.claimCap?.(assignee) : undefined;
      const confirmable = CONFIRM_UNANSWERED.includes(action);
      if (confirmable && current.customerRepliedAt !== null && !options.confirm)
        return { ok: false, thread: current, unanswered: true, error: 'the customer wrote again and nobody has answered yet' };
      const result = await run(
        action,
        ref,
        user.name,
        {
          from: [current.state],
          // A follow-up arriving meanwhile makes the unconfirmed action fail rather than leave it unanswered.
          ...(confirmable && !options.confirm ? { ifNoCustomerReply: true } : {}),
          ...(assignee !== undefined ? { assignee } : {}),
          // Compare-and-set on what was read: someone acting in between makes this one fail, not overwrite.
          ...(current.assignee ? { ifAssignee: current.assignee } : {}),
          ...(claimCap !== undefined ? { claimCap } : {}),
        },
        overrideCap ? { overCap: true } : {},
      );
      if (result.ok) {
        if (action === 'release') deps.onReturned?.(ref, user.name);
        return result;
      }
      if (result.overCap) return { ...result, overCap: true, error: overCapMessage(assignee!, user.name, claimCap!, action) };
      const now = result.thread;
      return {
        ...result,
        error:
          now?.state === 'agent' && now.assignee !== user.name
            ? `${now.assignee} owns this thread`
            : 'the thread changed meanwhile: reload it',
      };
    },
    async reply(ref, user, text, requestId) {
      const channel = deps.channels.get(ref.channel);
      const customer = latestCustomerMention(await deps.handoff.transcript(ref.channel, ref.threadId));
      if (!customer) return { ok: false, parts: [], error: 'no customer post in this thread to answer' };
      const parts = channel ? fitToChannel(text, channel.limits) : [text];
      const waitingSince = deps.onAgentReplied ? (await deps.handoff.getThread(ref.channel, ref.threadId))?.customerRepliedAt : null;
      const at = deps.now();
      const result = await deps.handoff.queueAgentReply({
        ...ref,
        actor: user.name,
        parts,
        inReplyTo: customer.platformId,
        recipient: customer.author,
        ...(customer.replyContext ? { replyContext: customer.replyContext } : {}),
        requestId,
        now: at,
      });
      if (!result.ok) {
        const t = result.thread;
        return {
          ok: false,
          parts: [],
          error: t?.state === 'agent' ? `${t.assignee} owns this thread` : 'claim the thread before replying',
          ...(t ? { thread: t } : {}),
        };
      }
      if (result.firstResponseMs !== null) deps.metrics?.observeHumanFirstResponse(result.firstResponseMs / 1000);
      const kind = result.firstResponseMs !== null ? 'first' : waitingSince ? 'next' : undefined;
      if (kind) {
        const since = result.firstResponseMs !== null ? at - result.firstResponseMs : (waitingSince ?? at);
        deps.onAgentReplied?.({ ...ref, agent: user.name, kind, since, at });
      }
      deps.onReplyQueued?.();
      await announce(ref, 'agent_reply', user.name, result.thread);
      return { ok: true, parts, ...(result.thread ? { thread: result.thread } : {}) };
    },
    async handOffNoReply(mentionId, user) {
      const result = await deps.handoff.handOffNoReply({ mentionId, actor: user.name, now: deps.now() });
      if (result.outcome === 'handed_off') await announce(result, 'hand_off', user.name, result.thread);
      return result;
    },
    async releaseIdle(idleMs) {
      let released = 0;
      for (const t of await deps.handoff.idleClaims(deps.now() - idleMs)) {
        const result = await run('idle_release', t, 'system', {
          from: ['agent'],
          assignee: null,
          ...(t.assignee ? { ifAssignee: t.assignee } : {}),
          ifLastActivityAt: t.lastAgentActivityAt,
        });
        if (result.ok) released++;
      }
      return released;
    },
  };
}
