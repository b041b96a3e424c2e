import { api } from './api.js';
import { singleFlight } from './page-notice.js';

// The queue comes a page at a time: the first page on load, the next when the agent scrolls to the
// end of the list (or clicks "more"); live updates reload as many threads as are on screen.
export const PAGE = 50;
const PAGE_MAX = 200;

/**
 * The queue's pages for the console's `state` (threads, next, total, counts, fetchedAt, filter):
 * `show` draws them; reloads keep as many threads as are on screen.
 */
export function queuePages({ state, queueList, show, reportError }) {
  function path(limit, after) {
    const query = new URLSearchParams({ limit: String(limit), filter: state.filter });
    if (after) query.set('after', after);
    if (state.team) query.set('team', state.team);
    return `/api/queue?${query}`;
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
    let page = await (pending ?? api(path(Math.min(want, PAGE_MAX))));
    const threads = [...page.threads];
    while (page.next && threads.length < want) {
      page = await api(path(Math.min(want - threads.length, PAGE_MAX), page.next));
      threads.push(...page.threads.filter((t) => !threads.some((s) => s.key === t.key)));
    }
    takePage({ ...page, threads }, false);
    show();
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
      const page = await api(path(PAGE, state.next));
      // A keyboard user who pressed "more" goes on at the first thread of the new page.
      const fromButton = document.activeElement?.classList.contains('more-button');
      takePage(page, true);
      show();
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

  return { path, loadQueue, refreshQueue, loadMore, watchMore };
}
