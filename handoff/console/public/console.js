import { api, ApiError } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { connectEvents } from './live-events.js';
import { currentUser, renderNav } from './nav.js';
import { filters, onQueueKeys, renderQueue, tickWaitingTimes } from './queue-view.js';
import { renderThread } from './thread-view.js';

// The queue page: the open threads on the left (pushed live), the selected thread on the right.

const queueList = byId('queue');
const threadPane = byId('thread');
const notice = byId('notice');
const filterSelect = byId('queue-filter');
const queueCount = byId('queue-count');
const liveStatus = h('span', { class: 'live-status', role: 'status' }, 'connecting…');

const state = { me: null, threads: [], fetchedAt: 0, selectedKey: decodeURIComponent(location.hash.slice(1)) || null, filter: 'open' };

let noticeTimer = null;
/** A short message top right; good news fades after a few seconds, errors stay until the next action. */
function say(text, kind = 'info') {
  clearTimeout(noticeTimer);
  notice.textContent = text;
  notice.className = `notice ${kind}`;
  notice.hidden = !text;
  if (text && kind === 'ok') noticeTimer = setTimeout(() => say(''), 4000);
}

function showQueue() {
  const shown = renderQueue(queueList, state.threads, { ...state, me: state.me.name, onSelect: select });
  queueCount.textContent = String(shown.length);
  document.title = `(${state.threads.filter((t) => t.state === 'waiting').length}) Queue · first-reply`;
}

async function loadQueue(pending = api('/api/queue')) {
  const { threads } = await pending;
  state.threads = threads;
  state.fetchedAt = Date.now();
  showQueue();
}

/** One queue fetch at a time; events arriving meanwhile cause exactly one more. */
let queueLoad = null;
let queueStale = false;
function refreshQueue() {
  if (queueLoad) {
    queueStale = true;
    return queueLoad;
  }
  queueLoad = (async () => {
    do {
      queueStale = false;
      await loadQueue().catch(reportError);
    } while (queueStale);
  })().finally(() => (queueLoad = null));
  return queueLoad;
}

async function loadThread(key) {
  const data = await api(`/api/threads/${encodeURIComponent(key)}`);
  if (key !== state.selectedKey) return; // another thread was picked meanwhile
  renderThread(threadPane, data, { me: state.me.name, fetchedAt: Date.now(), onAction: act, onSend: send });
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

function reportError(err) {
  if (err instanceof ApiError && err.status === 401) return; // on the way to the sign-in page
  say(err instanceof ApiError ? err.message : `Could not reach the server (${err.message}).`, 'error');
}

function onEvent(event) {
  refreshQueue();
  if (event.key === state.selectedKey) loadThread(event.key).catch(reportError);
}

function shortcuts(event) {
  const typing = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
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
  const firstQueue = api('/api/queue');
  firstQueue.catch(() => {}); // a 401 is handled by currentUser's redirect
  state.me = await currentUser();
  renderNav('queue', state.me, liveStatus);
  replaceChildren(filterSelect, Object.entries(filters).map(([value, f]) => h('option', { value }, f.label)));
  filterSelect.addEventListener('change', () => {
    state.filter = filterSelect.value;
    showQueue();
  });
  document.addEventListener('keydown', shortcuts);
  await loadQueue(firstQueue);
  // For the console benchmark (and anyone profiling): the queue is on screen.
  performance.mark('queue-rendered');
  if (state.selectedKey) loadThread(state.selectedKey).catch(reportError);
  connectEvents({
    onEvent,
    onOpen: refreshQueue,
    onStatus(status) {
      liveStatus.textContent = { live: '● live', reconnecting: 'reconnecting…', offline: 'offline, retrying…' }[status];
      liveStatus.className = `live-status ${status}`;
    },
  });
  setInterval(() => tickWaitingTimes(document), 1000);
  // A safety net for what no event announces (the SLA clock moving on).
  setInterval(refreshQueue, 30_000);
}

start().catch(reportError);
