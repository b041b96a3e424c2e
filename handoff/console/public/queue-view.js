import { h, replaceChildren } from './dom.js';
import { duration, slaText } from './format.js';
import { labelsLine, languageBadge, priorityBadge } from './row-labels.js';
import { stripInvisible } from './visible-text.js';
import { repliedBadge, repliedFilter, slaLabel, slaTitle, unreadMark } from './customer-replied.js';
import { tagList } from './tags.js';

/** Which rows the person wants to see. */
export const filters = {
  open: { label: 'All open', keep: () => true },
  waiting: { label: 'Waiting', keep: (t) => t.state === 'waiting' },
  mine: { label: 'Mine', keep: (t, me) => t.state === 'agent' && t.assignee === me },
  replied: repliedFilter,
};

/**
 * "waiting 4m", ticking every second from the moment the thread started waiting on this browser's
 * clock (immune to clock skew); "answered" once a person has replied (the wait is over).
 */
export function waitingTime(thread, fetchedAt, { compact = false } = {}) {
  if (thread.firstHumanReplyAt && thread.customerRepliedAt == null) return h('span', { class: 'waiting answered' }, 'answered');
  const since = fetchedAt - (thread.waitingMs ?? 0);
  return h(
    'span',
    { class: 'waiting', title: thread.customerRepliedAt != null ? 'waiting since the customer wrote again' : 'waiting since the handoff' },
    compact ? null : 'waiting ',
    h('span', { dataset: { since: String(since) } }, duration(thread.waitingMs ?? 0)),
  );
}

function stateBadge(thread, me) {
  if (thread.state === 'agent') {
    const label = thread.assignee === me ? 'yours' : `with ${thread.assignee ?? 'someone'}`;
    return h('span', { class: `badge state-agent${thread.assignee === me ? ' mine' : ''}` }, label);
  }
  return h('span', { class: `badge state-${thread.state}` }, thread.state);
}

/** The SLA state of a thread waiting for a person; nothing once a person has answered. `compact` (queue rows): "SLA 59m", "SLA breached". */
export function slaBadge(thread, { compact = false } = {}) {
  const { sla } = thread;
  if (!sla && thread.firstHumanReplyAt) return null;
  const state = sla ? sla.state : 'none';
  // Compact (queue rows): which target runs, in few words: the first response's, or the next reply's.
  const which = sla?.kind === 'next' ? 'Next reply' : 'SLA';
  const text =
    compact && sla
      ? sla.remainingMs > 0
        ? `${which} ${duration(sla.remainingMs)}`
        : `${which} breached`
      : sla
        ? slaLabel(sla)
        : slaText(sla);
  return h('span', { class: `badge sla sla-${state}`, title: sla ? slaTitle(sla) : null }, text);
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
      // Two lines a thread, so a screen holds a dozen or more: who, where, whose and how urgent, how
      // long and the SLA; then why (the labels) and the customer's last words, cut to the line.
      h(
        'span',
        { class: 'row-head' },
        unreadMark(thread),
        h('bdi', { class: 'author' }, thread.author ?? '?'),
        h('span', { class: 'channel' }, thread.channel),
        stateBadge(thread, me),
        priorityBadge(thread),
        languageBadge(thread, { onRow: true }),
        h(
          'span',
          { class: 'row-meta' },
          thread.replyFailure ? h('span', { class: 'badge reply-failed', title: thread.replyFailure.reason }, 'reply failed') : null,
          repliedBadge(thread),
          waitingTime(thread, fetchedAt, { compact: true }),
          slaBadge(thread, { compact: true }),
        ),
      ),
      h(
        'span',
        { class: 'row-line', title: stripInvisible(thread.lastText ?? '') },
        labelsLine(thread, 'row-labels'),
        tagList(thread.tags),
        h('span', { class: 'row-text', dir: 'auto' }, thread.lastText ?? ''),
      ),
    ),
  );
}

/** The end of a list that has more pages: how many are not shown yet, and a button for the next page. */
function moreRow({ count, remaining, onMore }) {
  return h(
    'li',
    { class: 'more' },
    h('button', { type: 'button', class: 'more-button', on: { click: onMore } }, `Show ${count} more`),
    h('span', { class: 'more-left' }, `${remaining} not shown yet`),
  );
}

/**
 * Draws the queue list (the pages loaded so far; `options.more` when there are further pages);
 * keeps the scroll position and the keyboard focus (the same thread, or the "more" button) across redraws.
 */
export function renderQueue(list, threads, options) {
  const focused = list.contains(document.activeElement) ? document.activeElement : null;
  const focusedKey = focused?.dataset.key;
  const shown = threads.filter((t) => filters[options.filter].keep(t, options.me));
  if (shown.length === 0 && !options.more) {
    const none = options.counts ? options.counts.open === 0 : threads.length === 0;
    replaceChildren(list, h('li', { class: 'empty' }, none ? 'No open threads. Nice.' : 'Nothing here with this filter.'));
    return shown;
  }
  // Redrawn in place: an agent scrolled down the list (or past a loaded page) stays where they were.
  const scrollTop = list.scrollTop;
  replaceChildren(
    list,
    shown.map((t) => row(t, options)),
    options.more ? moreRow(options.more) : null,
  );
  list.scrollTop = scrollTop;
  // Focus given back without scrolling to it: the redraw came from the server, not from the agent.
  if (focusedKey) list.querySelector(`button[data-key="${CSS.escape(focusedKey)}"]`)?.focus({ preventScroll: true });
  else if (focused?.classList.contains('more-button')) list.querySelector('.more-button')?.focus({ preventScroll: true });
  return shown;
}

/** Every second: the waiting times move on without a refetch. */
export function tickWaitingTimes(root, now = Date.now()) {
  for (const node of root.querySelectorAll('[data-since]')) node.textContent = duration(now - Number(node.dataset.since));
}

/** Arrow keys, j and k move between threads in the list, and on to the next page at its end. */
export function onQueueKeys(list, event) {
  const moves = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };
  const step = moves[event.key];
  if (!step) return;
  const rows = [...list.querySelectorAll('button.row')];
  if (rows.length === 0) return;
  event.preventDefault();
  // Past the last row loaded: the "more" button (pressing down again there loads the next page).
  const more = list.querySelector('.more-button');
  if (more && document.activeElement === more) {
    if (step > 0) more.click();
    else rows.at(-1).focus();
    return;
  }
  if (more && step > 0 && document.activeElement === rows.at(-1)) {
    more.focus();
    return;
  }
  const at = rows.indexOf(document.activeElement);
  const next = rows[Math.max(0, Math.min(rows.length - 1, at === -1 ? 0 : at + step))];
  next.focus();
  next.click();
}
