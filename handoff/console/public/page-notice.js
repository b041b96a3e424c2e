import { ApiError } from './api.js';

// What the console's pages share around their data: the notice top right, errors told there, the
// live-status text, and reloads that never overlap.

/** say(text, kind): a short message in `notice`; good news fades after a few seconds, errors stay until the next action. */
export function noticeBoard(notice) {
  let timer = null;
  return function say(text, kind = 'info') {
    clearTimeout(timer);
    notice.textContent = text;
    notice.className = `notice ${kind}`;
    notice.hidden = !text;
    if (text && kind === 'ok') timer = setTimeout(() => say(''), 4000);
  };
}

/** Tells an error in the notice; a 401 says nothing (the page is on its way to the sign-in page). */
export function errorReporter(say) {
  return function reportError(err) {
    if (err instanceof ApiError && err.status === 401) return;
    say(err instanceof ApiError ? err.message : `Could not reach the server (${err.message}).`, 'error');
  };
}

/** The live-status text and class for connectEvents' onStatus. */
export function showLiveStatus(node, status) {
  node.textContent = { live: '● live', reconnecting: 'reconnecting…', offline: 'offline, retrying…' }[status];
  node.className = `live-status ${status}`;
}

/**
 * One `load` at a time: a call while one runs makes exactly one more run after it (however many
 * calls came); errors go to `onError`. Returns the function to call, which resolves when done;
 * its `current()` is the run under way, if any.
 */
export function singleFlight(load, onError) {
  let running = null;
  let stale = false;
  run.current = () => running;
  return run;
  function run() {
    if (running) {
      stale = true;
      return running;
    }
    running = (async () => {
      do {
        stale = false;
        await load().catch(onError);
      } while (stale);
    })().finally(() => (running = null));
    return running;
  }
}
