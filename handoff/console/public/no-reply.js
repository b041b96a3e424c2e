import { api } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { clock, isoTime } from './format.js';
import { connectEvents } from './live-events.js';
import { currentUser, renderNav } from './nav.js';
import { errorReporter, noticeBoard, showLiveStatus, singleFlight } from './page-notice.js';

// The no-reply page (issue 15): mentions the bot decided need no person, newest first, a page at a
// time, with what the bot did about each (a courtesy reply, or nothing); an agent who sees one that
// needed a person hands it to the queue. Customer text goes through h() only: escaped, and stripped
// of the invisible characters that could hide or reorder it.

const list = byId('no-reply-list');
const filterSelect = byId('no-reply-filter');
const say = noticeBoard(byId('notice'));
const reportError = errorReporter(say);
const liveStatus = h('span', { class: 'live-status', role: 'status' }, 'connecting…');

const PAGE = 50;
const PAGE_MAX = 200;
const REASONS = { courtesy: 'thanks/praise', spam: 'spam', noise: 'noise', chatter: 'chatter' };
const COURTESY_STATUS = {
  sent: 'Replied',
  pending: 'Replying (queued)',
  failed: 'Courtesy reply failed',
  cancelled: 'Courtesy reply cancelled',
};

const state = { filter: 'all', items: [], next: null, busy: new Set() };

const pagePath = (limit, after) => {
  const query = new URLSearchParams({ limit: String(limit), filter: state.filter });
  if (after) query.set('after', after);
  return `/api/no-reply?${query}`;
};

function courtesyLine(item) {
  if (!item.courtesy) return h('p', { class: 'nr-courtesy' }, 'No reply sent.');
  const label = COURTESY_STATUS[item.courtesy.status] ?? `Courtesy reply ${item.courtesy.status}`;
  return h('p', { class: `nr-courtesy status-${item.courtesy.status}` }, `${label}: `, h('q', { dir: 'auto' }, item.courtesy.text));
}

function footer(item) {
  const thread = h(
    'a',
    { class: 'open', href: `/console#${encodeURIComponent(item.key)}` },
    item.handedOff ? 'Open in the queue' : 'View thread',
  );
  if (item.handedOff) {
    return h(
      'div',
      { class: 'nr-foot' },
      h('span', { class: 'done' }, 'Handed to the queue by ', h('bdi', {}, item.handedOff.by), ` · ${clock(item.handedOff.at)}`),
      thread,
    );
  }
  const busy = state.busy.has(item.id);
  return h(
    'div',
    { class: 'nr-foot' },
    h(
      'button',
      {
        type: 'button',
        class: 'hand-off',
        dataset: { id: String(item.id) },
        disabled: busy,
        'aria-label': `Hand the mention of ${item.author} to the queue`,
        on: { click: () => handOff(item) },
      },
      busy ? 'Handing off…' : 'Hand to the queue',
    ),
    thread,
  );
}

function row(item) {
  return h(
    'li',
    { class: `nr-item${item.handedOff ? ' handed-off' : ''}`, dataset: { id: String(item.id) } },
    h(
      'div',
      { class: 'nr-head' },
      h('bdi', { class: 'author' }, item.author),
      h('span', { class: 'channel' }, item.channel),
      h('span', { class: `badge reason reason-${item.reason}` }, REASONS[item.reason] ?? item.reason),
      h('time', { datetime: isoTime(item.receivedAt), title: isoTime(item.receivedAt) }, clock(item.receivedAt)),
    ),
    h('p', { class: 'nr-text', dir: 'auto' }, item.text),
    courtesyLine(item),
    footer(item),
  );
}

function show() {
  // Focus kept across redraws (another agent's handoff redraws the list): the same row's button or link.
  const focused = list.contains(document.activeElement) ? document.activeElement : null;
  const focusedRow = focused?.closest('.nr-item')?.dataset.id;
  const focusedKind = focused?.matches('a.open') ? 'a.open' : 'button.hand-off';
  if (state.items.length === 0) {
    replaceChildren(
      list,
      h('li', { class: 'empty' }, state.filter === 'all' ? 'Nothing decided to need no reply yet.' : 'None with this filter.'),
    );
    return;
  }
  const more = state.next
    ? h(
        'li',
        { class: 'more' },
        h('button', { type: 'button', class: 'more-button', on: { click: () => loadMore().catch(reportError) } }, `Show ${PAGE} more`),
      )
    : null;
  replaceChildren(list, state.items.map(row), more);
  const same = focusedRow && list.querySelector(`.nr-item[data-id="${CSS.escape(focusedRow)}"]`);
  if (same) (same.querySelector(`${focusedKind}:not([disabled])`) ?? same.querySelector('a.open'))?.focus({ preventScroll: true });
}

/** Reloads from the top as many mentions as are on screen (at least a page), PAGE_MAX at a time. */
async function reload() {
  const want = Math.max(PAGE, state.items.length);
  const items = [];
  let after = null;
  do {
    const page = await api(pagePath(Math.min(want - items.length, PAGE_MAX), after));
    items.push(...page.mentions);
    after = page.next;
  } while (after && items.length < want);
  Object.assign(state, { items, next: after });
  show();
}

async function loadMore() {
  if (!state.next) return;
  const page = await api(pagePath(PAGE, state.next));
  const seen = new Set(state.items.map((i) => i.id));
  Object.assign(state, { items: [...state.items, ...page.mentions.filter((m) => !seen.has(m.id))], next: page.next });
  show();
}

async function handOff(item) {
  if (state.busy.has(item.id)) return;
  state.busy.add(item.id);
  show();
  say('');
  try {
    const done = await api(`/api/no-reply/${item.id}/handoff`, { method: 'POST', body: {} });
    Object.assign(item, { handedOff: done.handedOff, key: done.key });
    say(
      done.created
        ? done.state === 'waiting'
          ? 'Handed to the queue.'
          : 'Handed off: a person already has this thread.'
        : `${done.handedOff.by} had already handed it to the queue.`,
      'ok',
    );
  } catch (err) {
    reportError(err);
  } finally {
    state.busy.delete(item.id);
    show();
  }
  // The button is gone: a keyboard user goes on from the row's link to the thread.
  if (item.handedOff) list.querySelector(`.nr-item[data-id="${item.id}"] a.open`)?.focus({ preventScroll: true });
}

/** One reload at a time; events arriving meanwhile cause exactly one more. */
const refresh = singleFlight(() => reload(), reportError);

async function start() {
  const first = api(pagePath(PAGE));
  first.catch(() => {}); // a 401 is handled by currentUser's redirect
  renderNav('no-reply', await currentUser(), liveStatus);
  const page = await first;
  Object.assign(state, { items: page.mentions, next: page.next });
  show();
  filterSelect.addEventListener('change', () => {
    Object.assign(state, { filter: filterSelect.value, items: [], next: null });
    refresh();
  });
  // Another agent's handoff shows here at once; new no-reply mentions come with the periodic reload.
  connectEvents({
    onEvent: (event) => event.type === 'hand_off' && refresh(),
    onOpen: () => {},
    onStatus: (status) => showLiveStatus(liveStatus, status),
  });
  setInterval(() => document.visibilityState === 'visible' && refresh(), 30_000);
}

start().catch(reportError);
