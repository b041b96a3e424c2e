import type { Group } from './emerging-group.js';

/**
 * How much lower the likeness is at which a forming group merges into one already raised: during an
 * incident, customers also pile on under a second post of the brand's (a status update: "hurry, fix
 * it") in words of their own, and that second group is the same incident, not a new one to raise.
 */
export const RAISED_EASE = 0.1;

/**
 * The likeness at which two groups become one: eased when one is raised and the other has grown to
 * half the raising size (a straggler or two is no second thread; it joins one mention at a time).
 */
export function mergeThreshold(a: Group, b: Group, base: number, ease: number, minSize: number): number {
  const forming = (g: Group) => g.members.length * 2 >= minSize;
  const raisedAndForming = (r: Group, f: Group) => r.raisedAt !== undefined && f.raisedAt === undefined && forming(f);
  return raisedAndForming(a, b) || raisedAndForming(b, a) ? base - ease : base;
}
