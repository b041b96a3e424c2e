import { api } from './api.js';
import { h } from './dom.js';
import { duration } from './format.js';

// Issue 17, lifecycle: the customer wrote again in a thread people hold. The queue row and the thread
// say so in words (not colour only): "new" while the owner has not read it, "customer replied" until
// a person answers, and which SLA runs (first reply after the handoff, or the next reply).

/** The queue filter of threads whose customer wrote again and waits for an answer. */
export const repliedFilter = { label: 'Customer replied', keep: (t) => t.customerRepliedAt != null };

/** "new": a customer mention came after the owner last read the thread. */
export function unreadMark(thread) {
  if (!thread.unread) return null;
  return h('span', { class: 'badge unread', title: 'The customer wrote since the thread was last read' }, 'new');
}

/** "customer replied": the follow-up nobody has answered yet. */
export function repliedBadge(thread) {
  if (thread.customerRepliedAt == null) return null;
  return h('span', { class: 'badge replied', title: 'The customer wrote again; nobody has answered yet' }, 'customer replied');
}

/** "First reply 12m left", "Next reply breached 3m ago": which target runs, as the server computed it. */
export function slaLabel(sla) {
  if (!sla) return 'no SLA';
  const which = sla.kind === 'next' ? 'Next reply' : 'First reply';
  return sla.remainingMs > 0 ? `${which} ${duration(sla.remainingMs)} left` : `${which} breached ${duration(-sla.remainingMs)} ago`;
}

/** The SLA badge's tooltip: the target it is measured against. */
export function slaTitle(sla) {
  return `${sla.kind === 'next' ? 'Next-reply' : 'First-response'} target ${duration(sla.targetMs)} (business hours)`;
}

/** Actions that leave a customer's follow-up unanswered: the console asks first. */
export const LEAVES_UNANSWERED = new Set(['hand-back', 'resolve', 'close']);

/** The follow-up nobody answered (the customer's latest post), from a thread view; null when none waits. */
export function unansweredOf(view) {
  if (!view || view.thread.customerRepliedAt == null) return null;
  const latest = view.transcript.findLast((item) => item.from === 'customer');
  return latest ? { author: latest.author, text: latest.text } : { author: view.thread.author, text: '' };
}

/** Whether a person (not the platform) owns the thread. */
export const personOwned = (thread) => thread.state === 'agent' && !!thread.assignee && !thread.assignee.startsWith('platform:');

/** The owner opened the thread: its unread marker goes (for everyone's queue). Others leave it as it is. */
export async function readIfMine(thread, me) {
  if (!thread.unread || (personOwned(thread) && thread.assignee !== me)) return false;
  await api(`/api/threads/${encodeURIComponent(thread.key)}/read`, { method: 'POST', body: {} });
  return true;
}
