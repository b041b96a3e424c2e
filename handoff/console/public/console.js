import { api } from './api.js';
import { byId, h, keepFocus, replaceChildren } from './dom.js';
import { followAddress, keyFromHash, showInAddress } from './hash-route.js';
import { connectEvents } from './live-events.js';
import { queueMayChange } from './live-thread.js';
import { currentUser, renderNav } from './nav.js';
import { errorReporter, noticeBoard, showLiveStatus, singleFlight } from './page-notice.js';
import { PAGE, queuePages } from './queue-pages.js';
import { filters, onQueueKeys, renderQueue, tickWaitingTimes } from './queue-view.js';
import { renderThread } from './thread-view.js';
import { LEAVES_UNANSWERED, readIfMine, unansweredOf } from './customer-replied.js';
import { confirmUnanswered } from './confirm-dialog.js';
import { startSearchPanel } from './search-panel.js';
import { showNotes } from './notes.js';
import { threadExtras } from './thread-extras.js';
import { startTeamPicker } from './queue-teams.js';
import { startEmergingBanner } from './emerging-banner.js';

// The queue page: the open threads on the left (pushed live), the selected thread on the right, live
// too; its key in the address (hash-route.js). On a phone one pane at a time: the queue, or the thread.

const queueList = byId('queue');
const threadPane = byId('thread');
const notice = byId('notice');
const filterSelect = byId('queue-filter');
const queueCount = byId('queue-count');
const liveStatus = h('span', { class: 'live-status', role: 'status' }, 'connecting…');
const customerAside = byId('customer-panel');
let extras = null; // tags, reassign and the customer panel (thread-extras.js), once signed in

const state = {
  me: null,
  threads: [],
  next: null,
  total: 0,
  counts: { open: 0, waiting: 0, mine: 0, replied: 0 },
  fetchedAt: 0,
  selectedKey: keyFromHash(),
  filter: 'open',
  /** '' : the agent's teams' queues; all; or one team's. */
  team: '',
};

const say = noticeBoard(notice);
/** The view tabs and search above the queue (search-panel.js). */
let searchPanel = null;
let emerging = null; // the emerging incidents banner (emerging-banner.js), once signed in
const reportError = errorReporter(say);

function showQueue() {
  const remaining = state.next ? Math.max(0, state.total - state.threads.length) : 0;
  const shown = renderQueue(queueList, state.threads, {
    ...state,
    me: state.me.name,
    onSelect: select,
    more: remaining > 0 ? { count: Math.min(PAGE, remaining), remaining, onMore: pages.loadMore } : null,
  });
  queueCount.textContent = String(state.total);
  queueCount.title = shown.length < state.total ? `${shown.length} shown of ${state.total}` : '';
  for (const option of filterSelect.options) option.textContent = `${filters[option.value].label} (${state.counts[option.value] ?? 0})`;
  document.title = `(${state.counts.waiting}) Queue · first-reply`;
  searchPanel?.queueShown(state.counts);
  pages.watchMore();
}

// The queue's pages: the first on load, the next on scrolling to the end, reloads on live events.
const pages = queuePages({ state, queueList, show: showQueue, reportError });
const { refreshQueue, loadQueue } = pages;

async function loadThread(key) {
  const data = await api(`/api/threads/${encodeURIComponent(key)}`);
  if (key !== state.selectedKey) return; // another thread was picked meanwhile
  state.view = data;
  const restoreFocus = keepFocus(threadPane);
  const reply = renderThread(threadPane, data, { me: state.me.name, fetchedAt: Date.now(), onAction: act, onSend: send, onClose: toQueue });
  // The owner opened it: the unread marker goes (the event that follows refreshes the queue).
  readIfMine(data.thread, state.me.name).catch(reportError);
  // Started in the same tick as the draw: what they put back (the tag bar) never blinks out on a live redraw.
  const shown = Promise.all([showNotes(threadPane, key, say), extras?.(threadPane, data, reply)]);
  restoreFocus(); // what was put back at once (the tag box)
  await shown;
  restoreFocus(); // what was drawn anew after its data came (the note box, the entry search, the picker)
}

/** The open thread again, for live events: one fetch at a time, events meanwhile cause exactly one more. */
const refreshThread = singleFlight(async () => state.selectedKey && loadThread(state.selectedKey), reportError);

function markCurrent() {
  for (const row of queueList.querySelectorAll('button.row'))
    row.setAttribute('aria-current', String(row.dataset.key === state.selectedKey));
  document.body.classList.toggle('thread-open', state.selectedKey !== null);
}

/** Shows the thread `key`, or none (null: the queue alone); nothing to do when it is on screen already. */
function open(key) {
  if (key === state.selectedKey && (key === null || threadPane.dataset.key === key)) return;
  state.selectedKey = key;
  markCurrent();
  if (key) {
    loadThread(key).catch((err) => {
      reportError(err);
      // A link to a thread that is not there: say so where the thread would be, not the previous one.
      if (err.status === 404 && key === state.selectedKey) showPlaceholder('There is no such thread: pick one in the queue.');
    });
    return;
  }
  showPlaceholder('Pick a thread in the queue.');
}

function showPlaceholder(text) {
  delete threadPane.dataset.key;
  threadPane.replyBox = null;
  replaceChildren(threadPane, h('p', { class: 'placeholder', id: 'thread-title' }, text));
}

/** A thread picked in the queue: a history entry of its own. */
function select(key) {
  showInAddress(key);
  open(key);
}

/** Back to the queue (the narrow layout's "Queue" link): the row of the thread just seen keeps the focus. */
function toQueue() {
  const seen = state.selectedKey;
  select(null);
  if (seen) queueList.querySelector(`button.row[data-key="${CSS.escape(seen)}"]`)?.focus();
}

async function act(action) {
  const key = state.selectedKey;
  say('');
  const path = `/api/threads/${encodeURIComponent(key)}/${action}`;
  // A customer's follow-up is unanswered: asked in the page first (the API refuses it unconfirmed).
  const unanswered = LEAVES_UNANSWERED.has(action) && state.view?.thread.key === key ? unansweredOf(state.view) : null;
  if (unanswered && !(await confirmUnanswered(action, unanswered))) return;
  try {
    await api(path, { method: 'POST', body: unanswered ? { confirm: true } : {} });
  } catch (err) {
    // A follow-up arrived after the thread was drawn: asked now, then retried as confirmed.
    if (err.status === 409 && err.data?.unanswered && (await confirmUnanswered(action, err.data.unanswered)))
      await api(path, { method: 'POST', body: { confirm: true } }).catch(reportError);
    else reportError(err);
  }
  await Promise.all([loadThread(key).catch(reportError), refreshQueue()]);
  if (action === 'claim') document.getElementById('reply-text')?.focus();
}

async function send(text, requestId, entryId) {
  const key = state.selectedKey;
  say('');
  try {
    const body = { text, requestId, ...(entryId ? { entryId } : {}) };
    const { reply } = await api(`/api/threads/${encodeURIComponent(key)}/reply`, { method: 'POST', body });
    const parts = reply?.parts?.length ?? 1;
    say(parts > 1 ? `Reply queued as ${parts} posts.` : 'Reply queued.', 'ok');
  } catch (err) {
    reportError(err);
    throw err; // the draft stays in the box
  } finally {
    await loadThread(key).catch(reportError);
  }
}

function onEvent(event) {
  if (event.type === 'emerging') return emerging?.refresh();
  if (queueMayChange(event, new Set(state.threads.map((t) => t.key)))) refreshQueue();
  if (event.key === state.selectedKey) refreshThread();
}

function shortcuts(event) {
  const typing =
    event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  if (queueList.contains(event.target)) onQueueKeys(queueList, event);
  if (event.defaultPrevented) return;
  if (event.key === 'c') threadPane.querySelector('button[data-action="claim"]:not([disabled])')?.click();
  else if (event.key === 'r') document.getElementById('reply-text')?.focus();
  else if (/^[1-3]$/.test(event.key)) threadPane.querySelector(`.suggestion[data-rank="${event.key}"] button.use:not([disabled])`)?.click();
  // On a phone the queue is hidden behind the open thread: "q" goes back to it.
  else if (event.key === 'q' && queueList.offsetParent === null) toQueue();
  else if (event.key === 'q') (queueList.querySelector('button[aria-current="true"]') ?? queueList.querySelector('button.row'))?.focus();
  else return;
  event.preventDefault();
}

async function start() {
  // Who I am and the queue, asked together: the first load waits for one round trip, not two.
  const firstQueue = api(pages.path(PAGE));
  firstQueue.catch(() => {}); // a 401 is handled by currentUser's redirect
  state.me = await currentUser();
  renderNav('queue', state.me, liveStatus);
  extras = threadExtras({
    panel: customerAside,
    me: state.me,
    onOpen: select,
    onChanged: () => Promise.all([loadThread(state.selectedKey).catch(reportError), refreshQueue()]),
    say,
    reportError,
  });
  replaceChildren(
    filterSelect,
    Object.entries(filters).map(([value, f]) => h('option', { value }, f.label)),
  );
  filterSelect.addEventListener('change', () => {
    // Filters apply on the server (each has its own pages and total): start again from the top.
    Object.assign(state, { filter: filterSelect.value, threads: [], next: null, fetchedAt: 0 });
    refreshQueue();
  });
  startTeamPicker({
    select: byId('queue-team'),
    state,
    onChange: () => {
      Object.assign(state, { threads: [], next: null, fetchedAt: 0 });
      refreshQueue();
    },
  }).catch(reportError);
  document.addEventListener('keydown', shortcuts);
  emerging = startEmergingBanner({ host: byId('emerging'), me: state.me, say, reportError });
  searchPanel = startSearchPanel({ pane: queueList.closest('section'), queueList, filterSelect, onSelect: select, onError: reportError });
  await loadQueue(firstQueue);
  // For the console benchmark (and anyone profiling): the queue is on screen.
  performance.mark('queue-rendered');
  markCurrent();
  if (state.selectedKey) loadThread(state.selectedKey).catch(reportError);
  followAddress(open);
  connectEvents({
    onEvent,
    // Events missed while away: the queue and the open thread are fetched again.
    onOpen: () => Promise.all([refreshQueue(), refreshThread(), emerging?.refresh()]),
    onStatus: (status) => showLiveStatus(liveStatus, status),
  });
  setInterval(() => tickWaitingTimes(document), 1000);
  // A safety net for what no event announces (the SLA clock moving on).
  setInterval(refreshQueue, 30_000);
}

start().catch(reportError);
