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

export type AnswerOutcome =
  | { ok: true; answered: string[]; skipped: { threadKey: string; reason: string }[] }
  | { ok: false; status: 404 | 409; error: string };

/**
 * Answers a raised group's waiting threads with the entry published for it, once: the group is
 * settled first (compare-and-set, so a double submit or a second editor answers nothing), then each
 * thread still waiting is claimed by the editor (a thread a person claimed meanwhile fails the claim
 * and is skipped), answered through the outbox with the entry's reply (the sender keeps the
 * platforms' rate limits), recorded as answered by that entry, and handed back to the bot, which
 * answers the customer's next posts as usual.
 */
export async function answerGroup(deps: AnswerGroupDeps, id: string, entryId: string, user: User): Promise<AnswerOutcome> {
  const group = await deps.groups.getGroup(id);
  if (!group) return { ok: false, status: 404, error: 'no such group' };
  if (group.status !== 'open') return { ok: false, status: 409, error: `this group was ${group.status} already` };
  if (!(await deps.groups.settleGroup(id, 'answered', user.name, deps.now(), entryId)))
    return { ok: false, status: 409, error: 'this group was settled meanwhile' };
  const answered: string[] = [];
  const skipped: { threadKey: string; reason: string }[] = [];
  for (const threadKey of group.threadKeys) {
    const reason = await answerThread(deps, threadKey, id, entryId, user).catch((err: unknown) => `failed: ${(err as Error).message}`);
    if (reason) skipped.push({ threadKey, reason });
    else answered.push(threadKey);
  }
  return { ok: true, answered, skipped };
}

/** Answers one thread; returns why not, or undefined when its reply is queued. */
async function answerThread(
  deps: AnswerGroupDeps,
  threadKey: string,
  id: string,
  entryId: string,
  user: User,
): Promise<string | undefined> {
  const ref = parseThreadKey(threadKey);
  if (!ref) return 'not a thread key';
  const thread = await deps.handoff.getThread(ref.channel, ref.threadId);
  if (thread?.state !== 'waiting')
    return thread ? `the thread is ${thread.state}${thread.assignee ? ` (${thread.assignee})` : ''}` : 'no such thread';
  const customer = latestCustomerMention(await deps.handoff.transcript(ref.channel, ref.threadId));
  if (!customer) return 'no customer post';
  const text = deps.replyFor(entryId, { channel: ref.channel, author: customer.author, text: customer.text, at: new Date(deps.now()) });
  if (!text) return `the entry is not active on ${ref.channel}`;
  const claimed = await deps.actions.perform('claim', ref, user);
  if (!claimed.ok) return claimed.error ?? 'claimed by someone else meanwhile';
  // One request id per group and thread: a retried request queues the reply once.
  const sent = await deps.actions.reply(ref, user, text, `emerging-${id}-${threadKey}`);
  if (!sent.ok) return sent.error ?? 'the reply was refused';
  await deps.handoff.recordEvent({ ...ref, type: 'answered_with_entry', actor: user.name, at: deps.now(), data: { entryId, group: id } });
  await deps.actions.perform('hand_back', ref, user, { confirm: true });
  return undefined;
}
