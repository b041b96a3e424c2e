import { h, replaceChildren } from './dom.js';
import { duration, slaText } from './format.js';

/** Which rows the person wants to see. */
export const filters = {
  open: { label: 'All open', keep: () => true },
  waiting: { label: 'Waiting', keep: (t) => t.state === 'waiting' },
  mine: { label: 'Mine', keep: (t, me) => t.state === 'agent' && t.assignee === me },
};

/**
 * "waiting 4m", ticking every second from the moment the thread started waiting on this browser's
 * clock (immune to clock skew); "answered" once a person has replied (the wait is over).
 */
export function waitingTime(thread, fetchedAt) {
  if (thread.firstHumanReplyAt) return h('span', { class: 'waiting answered' }, 'answered');
  const since = fetchedAt - (thread.waitingMs ?? 0);
  return h('span', { class: 'waiting', title: 'waiting since the handoff' }, 'waiting ', h('span', { dataset: { since: String(since) } }, duration(thread.waitingMs ?? 0)));
}

function stateBadge(thread, me) {
  if (thread.state === 'agent') {
    const label = thread.assignee === me ? 'yours' : `with ${thread.assignee ?? 'someone'}`;
    return h('span', { class: `badge state-agent${thread.assignee === me ? ' mine' : ''}` }, label);
  }
  return h('span', { class: `badge state-${thread.state}` }, thread.state);
}

/** The SLA state of a thread waiting for a person; nothing once a person has answered. */
export function slaBadge(thread) {
  const { sla } = thread;
  if (!sla && thread.firstHumanReplyAt) return null;
  const state = sla ? sla.state : 'none';
  return h('span', { class: `badge sla sla-${state}`, title: sla ? `SLA target ${duration(sla.targetMs)}` : null }, slaText(sla));
}

function row(thread, { selectedKey, me, fetchedAt, onSelect }) {
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: 'row',
        dataset: { key: thread.key },
        'aria-current': thread.key === selectedKey ? 'true' : null,
        on: { click: () => onSelect(thread.key) },
      },
      h('span', { class: 'row-head' }, h('bdi', { class: 'author' }, thread.author ?? '?'), h('span', { class: 'channel' }, thread.channel), stateBadge(thread, me)),
      h('span', { class: 'row-text', dir: 'auto' }, thread.lastText ?? ''),
      h(
        'span',
        { class: 'row-meta' },
        waitingTime(thread, fetchedAt),
        slaBadge(thread),
        thread.replyFailure ? h('span', { class: 'badge reply-failed', title: thread.replyFailure.reason }, 'reply failed') : null,
        thread.priority ? h('span', { class: 'priority', title: (thread.reasons ?? []).join(', ') }, `P${thread.priority}`) : null,
      ),
    ),
  );
}

/** Draws the queue list; keeps keyboard focus on the same thread across redraws. */
export function renderQueue(list, threads, options) {
  const focusedKey = list.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
  const shown = threads.filter((t) => filters[options.filter].keep(t, options.me));
  if (shown.length === 0) {
    replaceChildren(list, h('li', { class: 'empty' }, threads.length === 0 ? 'No open threads. Nice.' : 'Nothing here with this filter.'));
    return shown;
  }
  replaceChildren(list, shown.map((t) => row(t, options)));
  if (focusedKey) list.querySelector(`button[data-key="${CSS.escape(focusedKey)}"]`)?.focus();
  return shown;
}

/** Every second: the waiting times move on without a refetch. */
export function tickWaitingTimes(root, now = Date.now()) {
  for (const node of root.querySelectorAll('[data-since]')) node.textContent = duration(now - Number(node.dataset.since));
}

/** Arrow keys, j and k move between threads in the list. */
export function onQueueKeys(list, event) {
  const moves = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };
  const step = moves[event.key];
  if (!step) return;
  const rows = [...list.querySelectorAll('button.row')];
  if (rows.length === 0) return;
  event.preventDefault();
  const at = rows.indexOf(document.activeElement);
  const next = rows[Math.max(0, Math.min(rows.length - 1, at === -1 ? 0 : at + step))];
  next.focus();
  next.click();
}
