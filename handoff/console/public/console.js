import { api } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { connectEvents } from './live-events.js';
import { currentUser, renderNav } from './nav.js';
import { errorReporter, noticeBoard, showLiveStatus, singleFlight } from './page-notice.js';
import { filters, onQueueKeys, renderQueue, tickWaitingTimes } from './queue-view.js';
import { renderThread } from './thread-view.js';
import { threadExtras } from './thread-extras.js';

// The queue page: the open threads on the left (pushed live), the selected thread on the right.

const queueList = byId('queue');
const threadPane = byId('thread');
const notice = byId('notice');
const filterSelect = byId('queue-filter');
const queueCount = byId('queue-count');
const liveStatus = h('span', { class: 'live-status', role: 'status' }, 'connecting…');
const customerAside = byId('customer-panel');
let extras = null; // tags, reassign and the customer panel (thread-extras.js), once signed in

// The queue comes a page at a time: the first page on load, the next when the agent scrolls to the
// end of the list (or clicks "more"); live updates reload as many threads as are on screen.
const PAGE = 50;
const PAGE_MAX = 200;

const state = {
  me: null,
  threads: [],
  next: null,
  total: 0,
  counts: { open: 0, waiting: 0, mine: 0 },
  fetchedAt: 0,
  selectedKey: decodeURIComponent(location.hash.slice(1)) || null,
  filter: 'open',
};

const say = noticeBoard(notice);
const reportError = errorReporter(say);

function queuePath(limit, after) {
  const query = new URLSearchParams({ limit: String(limit), filter: state.filter });
  if (after) query.set('after', after);
  return `/api/queue?${query}`;
}

function showQueue() {
  const remaining = state.next ? Math.max(0, state.total - state.threads.length) : 0;
  const shown = renderQueue(queueList, state.threads, {
    ...state,
    me: state.me.name,
    onSelect: select,
    more: remaining > 0 ? { count: Math.min(PAGE, remaining), remaining, onMore: loadMore } : null,
  });
  queueCount.textContent = String(state.total);
  queueCount.title = shown.length < state.total ? `${shown.length} shown of ${state.total}` : '';
  for (const option of filterSelect.options) option.textContent = `${filters[option.value].label} (${state.counts[option.value] ?? 0})`;
  document.title = `(${state.counts.waiting}) Queue · first-reply`;
  watchMore();
}

/** Takes in one page; `append` adds it after the threads on screen (a thread seen twice is shown once). */
function takePage(page, append) {
  const threads = append ? [...state.threads, ...page.threads.filter((t) => !state.threads.some((s) => s.key === t.key))] : page.threads;
  Object.assign(state, { threads, next: page.next, total: page.total, counts: page.counts, fetchedAt: Date.now() });
}

/**
 * Reloads from the top as many threads as are on screen (at least a page; a page more when the
 * whole queue was on screen, so new threads show up), a page of at most PAGE_MAX at a time.
 */
async function loadQueue(pending) {
  const whole = state.fetchedAt > 0 && !state.next;
  const want = Math.max(PAGE, state.threads.length + (whole ? PAGE : 0));
  let page = await (pending ?? api(queuePath(Math.min(want, PAGE_MAX))));
  const threads = [...page.threads];
  while (page.next && threads.length < want) {
    page = await api(queuePath(Math.min(want - threads.length, PAGE_MAX), page.next));
    threads.push(...page.threads.filter((t) => !threads.some((s) => s.key === t.key)));
  }
  takePage({ ...page, threads }, false);
  showQueue();
}

/** One queue fetch at a time; events arriving meanwhile cause exactly one more. */
const refreshQueue = singleFlight(() => loadQueue(), reportError);

/** The next page, after the last thread on screen. A reload under way is waited for, then the page follows it. */
let moreLoad = null;
function loadMore() {
  moreLoad ??= (async () => {
    const reloading = refreshQueue.current();
    if (reloading) await reloading;
    if (!state.next) return;
    const page = await api(queuePath(PAGE, state.next));
    // A keyboard user who pressed "more" goes on at the first thread of the new page.
    const fromButton = document.activeElement?.classList.contains('more-button');
    takePage(page, true);
    showQueue();
    const first = page.threads[0]?.key;
    if (fromButton && first) queueList.querySelector(`button.row[data-key="${CSS.escape(first)}"]`)?.focus();
  })()
    .catch(reportError)
    .finally(() => (moreLoad = null));
  return moreLoad;
}

// Scrolling to the end of the list loads the next page by itself.
const moreObserver =
  'IntersectionObserver' in window
    ? new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && loadMore(), { root: queueList, rootMargin: '200px' })
    : null;
function watchMore() {
  moreObserver?.disconnect();
  const more = queueList.querySelector('.more button');
  if (more) moreObserver?.observe(more);
}

async function loadThread(key) {
  const data = await api(`/api/threads/${encodeURIComponent(key)}`);
  if (key !== state.selectedKey) return; // another thread was picked meanwhile
  renderThread(threadPane, data, { me: state.me.name, fetchedAt: Date.now(), onAction: act, onSend: send });
  await extras?.(threadPane, data);
}

function select(key) {
  if (key === state.selectedKey && threadPane.dataset.key === key) return;
  state.selectedKey = key;
  history.replaceState(null, '', `#${encodeURIComponent(key)}`);
  for (const row of queueList.querySelectorAll('button.row')) row.setAttribute('aria-current', String(row.dataset.key === key));
  loadThread(key).catch(reportError);
}

async function act(action) {
  const key = state.selectedKey;
  say('');
  try {
    await api(`/api/threads/${encodeURIComponent(key)}/${action}`, { method: 'POST', body: {} });
  } catch (err) {
    reportError(err);
  }
  await Promise.all([loadThread(key).catch(reportError), refreshQueue()]);
  if (action === 'claim') document.getElementById('reply-text')?.focus();
}

async function send(text, requestId) {
  const key = state.selectedKey;
  say('');
  try {
    const { reply } = await api(`/api/threads/${encodeURIComponent(key)}/reply`, { method: 'POST', body: { text, requestId } });
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
  refreshQueue();
  if (event.key === state.selectedKey) loadThread(event.key).catch(reportError);
}

function shortcuts(event) {
  const typing =
    event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  if (queueList.contains(event.target)) onQueueKeys(queueList, event);
  if (event.defaultPrevented) return;
  if (event.key === 'c') threadPane.querySelector('button[data-action="claim"]:not([disabled])')?.click();
  else if (event.key === 'r') document.getElementById('reply-text')?.focus();
  else if (event.key === 'q') (queueList.querySelector('button[aria-current="true"]') ?? queueList.querySelector('button.row'))?.focus();
  else return;
  event.preventDefault();
}

async function start() {
  // Who I am and the queue, asked together: the first load waits for one round trip, not two.
  const firstQueue = api(queuePath(PAGE));
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
  document.addEventListener('keydown', shortcuts);
  await loadQueue(firstQueue);
  // For the console benchmark (and anyone profiling): the queue is on screen.
  performance.mark('queue-rendered');
  if (state.selectedKey) loadThread(state.selectedKey).catch(reportError);
  connectEvents({
    onEvent,
    onOpen: refreshQueue,
    onStatus: (status) => showLiveStatus(liveStatus, status),
  });
  setInterval(() => tickWaitingTimes(document), 1000);
  // A safety net for what no event announces (the SLA clock moving on).
  setInterval(refreshQueue, 30_000);
}

start().catch(reportError);
