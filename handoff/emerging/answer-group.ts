import type { User } from '../access/roles.js';
import type { EmergingGroups } from '../../store/emerging-groups.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { ThreadActions } from '../thread-actions.js';
import { parseThreadKey } from '../thread-key.js';
import { latestCustomerMention } from '../transcript.js';

/** The customer's post a group's thread is answered under. */
export interface AnsweredMention {
  channel: string;
  author: string;
  text: string;
  at: Date;
}

export interface AnswerGroupDeps {
  groups: EmergingGroups;
  handoff: HandoffStore;
  actions: ThreadActions;
  /** The entry's reply as the bot would post it to that customer on that channel; undefined when the entry is not active there. */
  replyFor(entryId: string, mention: AnsweredMention): string | undefined;
  now: () => number;
}

/** Threads answered per page: a request answers one, the rest go on a page at a time. */
export const ANSWER_PAGE = 50;
/** A thread taken longer ago than this without an outcome was left by an instance that stopped: taken again. */
export const ANSWER_LEASE_MS = 120_000;

export interface AnsweredPage {
  answered: string[];
  skipped: { threadKey: string; reason: string }[];
  /** Threads of the group still to answer after this page. */
  remaining: number;
  /** Threads this page took (0: none left to take). */
  taken: number;
}

export type AnswerOutcome = ({ ok: true } & AnsweredPage) | { ok: false; status: 404 | 409; error: string };

/**
 * Answers a raised group's waiting threads with the entry published for it, once: the group is
 * settled first (compare-and-set, so a double submit or a second editor answers nothing), then its
 * first page of threads is answered here; the rest go on a page at a time (answer-runner.ts).
 */
export async function answerGroup(deps: AnswerGroupDeps, id: string, entryId: string, user: User): Promise<AnswerOutcome> {
  const group = await deps.groups.getGroup(id);
  if (!group) return { ok: false, status: 404, error: 'no such group' };
  if (group.status !== 'open') return { ok: false, status: 409, error: `this group was ${group.status} already` };
  if (!(await deps.groups.settleGroup(id, 'answered', user.name, deps.now(), entryId)))
    return { ok: false, status: 409, error: 'this group was settled meanwhile' };
  return { ok: true, ...(await answerPage(deps, id, entryId, user)) };
}

/**
 * Answers the next page of an answered group's threads: each taken once (across instances), each
 * thread still waiting is claimed by the editor (a thread a person claimed meanwhile fails the claim
 * and is skipped), answered through the outbox with the entry's reply (the sender keeps the platforms'
 * rate limits), recorded as answered by that entry, handed back to the bot, and its outcome kept.
 */
export async function answerPage(deps: AnswerGroupDeps, id: string, entryId: string, user: User): Promise<AnsweredPage> {
  const now = deps.now();
  const taken = await deps.groups.takeAnswerThreads(id, ANSWER_PAGE, now, now - ANSWER_LEASE_MS);
  const answered: string[] = [];
  const skipped: { threadKey: string; reason: string }[] = [];
  for (const { threadKey, retaken } of taken) {
    const reason = await answerThread(deps, threadKey, retaken, id, entryId, user).catch(
      (err: unknown) => `failed: ${(err as Error).message}`,
    );
    await deps.groups.finishAnswerThread(id, threadKey, reason ?? '');
    if (reason) skipped.push({ threadKey, reason });
    else answered.push(threadKey);
  }
  const { pending } = await deps.groups.answerProgress(id);
  return { answered, skipped, remaining: pending, taken: taken.length };
}

/** Answers one thread; returns why not, or undefined when its reply is queued. */
async function answerThread(
  deps: AnswerGroupDeps,
  threadKey: string,
  retaken: boolean,
  id: string,
  entryId: string,
  user: User,
): Promise<string | undefined> {
  const ref = parseThreadKey(threadKey);
  if (!ref) return 'not a thread key';
  const thread = await deps.handoff.getThread(ref.channel, ref.threadId);
  if (!thread) return 'no such thread';
  const transcript = await deps.handoff.transcript(ref.channel, ref.threadId);
  // Taken again: whoever took it stopped mid-way (a restart). Its claim, its reply (one per request id)
  // and its record are not done twice; the answering goes on from where it stopped.
  const mine = retaken && thread.state === 'agent' && thread.assignee === user.name;
  const recorded = retaken && transcript.events.some((e) => e.type === 'answered_with_entry' && e.data?.group === id);
  if (recorded) {
    if (mine) await deps.actions.perform('hand_back', ref, user, { confirm: true });
    return undefined;
  }
  if (thread.state !== 'waiting' && !mine) return `the thread is ${thread.state}${thread.assignee ? ` (${thread.assignee})` : ''}`;
  const customer = latestCustomerMention(transcript);
  if (!customer) return 'no customer post';
  const text = deps.replyFor(entryId, { channel: ref.channel, author: customer.author, text: customer.text, at: new Date(deps.now()) });
  if (!text) return `the entry is not active on ${ref.channel}`;
  if (!mine) {
    const claimed = await deps.actions.perform('claim', ref, user);
    if (!claimed.ok) return claimed.error ?? 'claimed by someone else meanwhile';
  }
  // One request id per group and thread: a retried request queues the reply once.
  const sent = await deps.actions.reply(ref, user, text, `emerging-${id}-${threadKey}`);
  if (!sent.ok) return sent.error ?? 'the reply was refused';
  await deps.handoff.recordEvent({ ...ref, type: 'answered_with_entry', actor: user.name, at: deps.now(), data: { entryId, group: id } });
  await deps.actions.perform('hand_back', ref, user, { confirm: true });
  return undefined;
}
