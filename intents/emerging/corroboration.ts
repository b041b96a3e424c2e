import { pairLikeness, type Member } from './emerging-group.js';

/**
 * Customers of one incident each write in their own words: two of them are rarely near enough alone
 * (the near-member likeness), yet each is moderately like several others. Several customers, each
 * moderately like a newcomer, vouch for it as one near one does: this many distinct authors...
 */
export const CORROBORATING_AUTHORS = 3;
/** ...each at least this much below the near-member likeness. */
export const CORROBORATION_EASE = 0.15;

/**
 * Whether a group's member is near the newcomer, or enough of its members by distinct other
 * authors are moderately near (among its latest `latest`, newest first: in a wave the newest are
 * the likeliest to be, so a newcomer is mostly compared with one or a few).
 */
export function vouchedFor(m: Member, members: readonly Member[], nearAt: number, latest: number): boolean {
  let moderately: Set<string> | undefined;
  for (let i = members.length - 1; i >= Math.max(0, members.length - latest); i--) {
    const other = members[i]!;
    const s = pairLikeness(m, other);
    if (s >= nearAt) return true;
    if (s < nearAt - CORROBORATION_EASE || other.author === m.author) continue;
    (moderately ??= new Set()).add(other.author);
    if (moderately.size >= CORROBORATING_AUTHORS) return true;
  }
  return false;
}

/**
 * Of the lone mentions scored against a newcomer alone too (each its group's only member: the group's
 * likeness is theirs, so nothing is compared twice), the newest moderately like it, one per author:
 * when enough customers are, they and the newcomer become a group (a wave whose every post is worded
 * differently never had a first pair near enough to start one).
 */
export function loneWitnesses(m: Member, lone: readonly { member: Member; likeness: number }[], nearAt: number): Member[] {
  const found = new Map<string, Member>();
  for (let i = lone.length - 1; i >= 0 && found.size < CORROBORATING_AUTHORS; i--) {
    const { member, likeness } = lone[i]!;
    if (member.author !== m.author && !found.has(member.author) && likeness >= nearAt - CORROBORATION_EASE)
      found.set(member.author, member);
  }
  return found.size >= CORROBORATING_AUTHORS ? [...found.values()] : [];
}
