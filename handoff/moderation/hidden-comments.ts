/** The thread events a hide and a show record (handoff/moderation/hide-comment.ts). */
export const HIDDEN_EVENT = 'comment_hidden';
export const SHOWN_EVENT = 'comment_shown';

/** The platform ids of the thread's comments hidden now, from its events in order. */
export function hiddenComments(events: readonly { type: string; data?: Record<string, unknown> }[]): Set<string> {
  const hidden = new Set<string>();
  for (const e of events) {
    const id = e.data?.platformId;
    if (typeof id !== 'string') continue;
    if (e.type === HIDDEN_EVENT) hidden.add(id);
    else if (e.type === SHOWN_EVENT) hidden.delete(id);
  }
  return hidden;
}
