import { api } from './api.js';
import { h, replaceChildren } from './dom.js';
import { resultRow } from './search-results.js';

// The queue pane's views (tabs with counts) and search. The queue's own filters (open, waiting,
// mine, and any the queue adds) stay the queue's: a tab sets the hidden filter select. Resolved,
// closed and any search list results from /api/search instead, newest activity first, a page at a time.

const PAGE = 25;
const HISTORY_VIEWS = {
  resolved: { label: 'Resolved', state: 'resolved' },
  closed: { label: 'Closed', state: 'closed' },
};
const FILTER_FIELDS = [
  { name: 'state', label: 'State', options: ['', 'waiting', 'agent', 'bot', 'resolved', 'closed'] },
  { name: 'priority', label: 'Priority', options: ['', 'urgent', 'high', 'normal', 'low'] },
  { name: 'channel', label: 'Channel', pattern: '[a-z0-9_\\-]{1,32}', placeholder: 'x, mastodon…' },
  { name: 'topic', label: 'Topic', pattern: '[\\w.\\-]{1,64}', placeholder: 'refund…' },
  { name: 'language', label: 'Language', pattern: '[a-z]{2,3}', placeholder: 'en, fr…' },
  { name: 'assignee', label: 'Assignee', maxlength: 64, placeholder: 'a user name' },
];

/**
 * Adds the view tabs and the search form above the queue list. `onSelect(key)` opens a thread;
 * `queueShown(counts)` is called by the page after each queue render (the open views' counts).
 */
export function startSearchPanel({ pane, queueList, filterSelect, onSelect, onError }) {
  const state = { view: 'queue', q: '', filters: {}, hits: [], next: null, counts: {}, queueCounts: {}, selectedKey: null };
  const tabs = h('nav', { class: 'views', 'aria-label': 'Views' });
  const input = h('input', {
    type: 'search',
    id: 'search-q',
    name: 'q',
    maxlength: 200,
    placeholder: 'Search all threads',
    title: 'Words in mentions, replies and internal notes, in every thread (open, resolved, closed)',
    'aria-label': 'Search mentions, replies and notes',
    autocomplete: 'off',
  });
  const fields = FILTER_FIELDS.map((f) =>
    h(
      'label',
      { class: 'search-field' },
      h('span', {}, f.label),
      f.options
        ? h('select', { name: f.name }, ...f.options.map((o) => h('option', { value: o }, o === '' ? 'any' : o)))
        : h('input', { name: f.name, pattern: f.pattern ?? null, maxlength: f.maxlength ?? null, placeholder: f.placeholder }),
    ),
  );
  const filterBox = h('details', { class: 'search-filters' }, h('summary', {}, 'Filters'), h('div', { class: 'search-grid' }, fields));
  const form = h(
    'form',
    {
      class: 'search',
      role: 'search',
      on: {
        submit: (e) => {
          e.preventDefault();
          run();
        },
      },
    },
    input,
    h('button', { type: 'submit', class: 'search-go' }, 'Search'),
    filterBox,
  );
  const results = h('ol', { id: 'search-results', class: 'queue results', 'aria-label': 'Search results', hidden: true });
  const title = pane.querySelector('h1');
  const pill = title?.querySelector('.count-pill');
  pane.querySelector('.pane-head').after(tabs, form);
  queueList.after(results);
  filterSelect.closest('label').hidden = true;

  const searching = () => state.view !== 'queue' || state.q !== '' || Object.keys(state.filters).length > 0;
  const query = (after) => {
    const params = new URLSearchParams({ limit: String(PAGE), ...state.filters });
    if (state.q) params.set('q', state.q);
    if (HISTORY_VIEWS[state.view]) params.set('state', HISTORY_VIEWS[state.view].state);
    if (after) params.set('after', after);
    return `/api/search?${params}`;
  };

  function showTabs() {
    const open = [...filterSelect.options].map((o) => ({
      id: o.value,
      label: o.textContent.replace(/\s*\(\d+\)$/, ''),
      count: state.queueCounts[o.value],
    }));
    const history = Object.entries(HISTORY_VIEWS).map(([id, v]) => ({ id, label: v.label, count: state.counts[id] }));
    // A search runs over every thread: no queue tab is the one shown then.
    const current = state.view !== 'queue' ? state.view : searching() ? null : filterSelect.value;
    const tab = ({ id, label, count }) =>
      h(
        'button',
        { type: 'button', class: 'view', dataset: { view: id }, 'aria-pressed': String(id === current), on: { click: () => pick(id) } },
        label,
        ' ',
        h('span', { class: 'view-count' }, count === undefined ? '…' : String(count)),
      );
    replaceChildren(
      tabs,
      [...open, ...history].map(tab),
      h(
        'a',
        { class: 'view', href: '/console/no-reply', title: 'Mentions the bot deliberately left unanswered (a thanks, spam, noise)' },
        'No reply needed ',
        h('span', { class: 'view-count' }, state.counts.noReply === undefined ? '…' : String(state.counts.noReply)),
      ),
    );
  }

  function showResults() {
    const on = searching();
    queueList.hidden = on;
    results.hidden = !on;
    if (title?.firstChild) title.firstChild.textContent = on ? `${HISTORY_VIEWS[state.view]?.label ?? 'Search'} ` : 'Queue ';
    if (!on) return;
    if (pill) {
      pill.textContent = `${state.hits.length}${state.next ? '+' : ''}`;
      pill.title = state.next ? 'more on the next pages' : '';
    }
    const rows = state.hits.map((hit) => resultRow(hit, state.q, state.selectedKey, select));
    const more = state.next
      ? h('li', { class: 'more' }, h('button', { type: 'button', class: 'more-button', on: { click: loadMore } }, `Show ${PAGE} more`))
      : null;
    replaceChildren(results, rows.length ? rows : h('li', { class: 'empty' }, 'No thread matches.'), more);
  }

  function select(key) {
    state.selectedKey = key;
    for (const row of results.querySelectorAll('button.row')) row.setAttribute('aria-current', String(row.dataset.key === key));
    onSelect(key);
  }

  const fetchPage = (path) =>
    api(path).catch((err) => {
      onError(err);
      return null;
    });

  async function run() {
    state.q = input.value.trim();
    state.filters = {};
    for (const field of form.querySelectorAll('.search-field select, .search-field input')) {
      if (field.value && field.checkValidity()) state.filters[field.name] = field.value.trim();
    }
    filterBox.querySelector('summary').textContent = Object.keys(state.filters).length
      ? `Filters (${Object.keys(state.filters).length})`
      : 'Filters';
    showTabs();
    if (!searching()) return showResults();
    const page = await fetchPage(query());
    if (!page) return;
    Object.assign(state, { hits: page.threads, next: page.next });
    showResults();
  }

  async function loadMore() {
    const page = await fetchPage(query(state.next));
    if (!page) return;
    state.hits.push(...page.threads.filter((t) => !state.hits.some((s) => s.key === t.key)));
    state.next = page.next;
    showResults();
  }

  function pick(id) {
    if (HISTORY_VIEWS[id]) state.view = id;
    else {
      state.view = 'queue';
      if (filterSelect.value !== id) {
        filterSelect.value = id;
        filterSelect.dispatchEvent(new Event('change'));
      }
    }
    showTabs();
    run();
  }

  let countsAt = 0;
  async function refreshCounts() {
    if (Date.now() - countsAt < 3000) return;
    countsAt = Date.now();
    const data = await api('/api/views').catch(() => null);
    if (data) state.counts = data.counts;
    showTabs();
  }

  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && input.value) {
      input.value = '';
      run();
    }
  });
  showTabs();
  refreshCounts();
  return {
    queueShown(counts) {
      state.queueCounts = counts ?? {};
      showTabs();
      // The page wrote the queue's total in the title's pill: the results' count stays while they are shown.
      if (searching()) showResults();
      refreshCounts();
    },
  };
}
