// What a live event means for the page: the queue of open threads and the thread on screen.
// Mirrors changesQueue in store/handoff-events.ts (the server drops its shared queue listing by the same rule).

/** A thread's conversation moving on, with no change of ownership. */
const ACTIVITY = new Set(['mention', 'reply_queued', 'reply_sent', 'reply_retry']);
const OPEN = new Set(['waiting', 'agent']);

/** Whether the queue may look different after `event`, for a queue showing the threads `shownKeys`. */
export function queueMayChange(event, shownKeys) {
  if (!ACTIVITY.has(event.type)) return true;
  if (event.type === 'mention' && OPEN.has(event.state)) return true;
  // A bot-owned thread the list shows anyway (another view, a filter of [search]): its row may change.
  return shownKeys.has(event.key);
}
