// The open thread lives in the address: `/console#<thread key>`. Opening a thread adds a history
// entry, so back and forward move between the queue and the threads seen; a link pasted into an
// open tab (or the address bar edited) opens its thread without a reload.

// Thread keys are short (base64url of the channel and thread id); anything longer is not one.
const MAX_KEY = 600;

/** The thread key in `hash` ("#<key>"), or null for none (the queue) or one that is not a key. */
export function keyFromHash(hash = location.hash) {
  if (!hash || hash === '#') return null;
  try {
    const key = decodeURIComponent(hash.slice(1));
    return key && key.length <= MAX_KEY ? key : null;
  } catch {
    return null; // a malformed %-escape: not a thread
  }
}

/** Adds a history entry for `key` (null: the queue), unless the address shows it already. */
export function showInAddress(key) {
  if (keyFromHash() === key) return;
  history.pushState(null, '', key ? `#${encodeURIComponent(key)}` : `${location.pathname}${location.search}`);
}

/** Calls `onRoute(key)` whenever the address moves to another thread or to the queue (back, forward, a pasted link). */
export function followAddress(onRoute) {
  const follow = () => onRoute(keyFromHash());
  // Back and forward fire popstate, a pasted link or an edited fragment hashchange (often both): onRoute ignores repeats.
  addEventListener('popstate', follow);
  addEventListener('hashchange', follow);
}
