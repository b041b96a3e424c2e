import { h } from './dom.js';

const LEVELS = { urgent: 'Urgent', high: 'High' };

/** "Urgent" or "High" where a thread must be seen first; nothing for normal and low (most of the queue). */
export function priorityBadge(thread) {
  const label = LEVELS[thread.priorityLevel];
  if (!label) return null;
  const why = (thread.reasons ?? [])[0];
  return h('span', { class: `badge priority-${thread.priorityLevel}`, title: why ? `${label}: ${why}` : label }, label);
}

/** The thread's one plain label set ("Safety: burn injury · Refund request · Angry complaint"), each once. */
export function labelsLine(thread, className) {
  const labels = [...new Set(thread.reasons ?? [])];
  return labels.length ? h('span', { class: className, dir: 'auto' }, labels.join(' · ')) : null;
}
