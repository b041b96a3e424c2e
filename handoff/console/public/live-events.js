import { api } from './api.js';

/**
 * Live thread events from the agent API (Server-Sent Events). The browser's EventSource retries
 * by itself after a dropped connection; when the server refused the stream (signed out, server
 * restarting) it gives up, so we check the session and open a new one with a growing delay.
 * `onOpen` runs on every (re)connection: events missed while away are caught up by refetching.
 */
export function connectEvents({ onEvent, onOpen, onStatus }) {
  let source = null;
  let retryMs = 1000;
  let timer = null;

  function open() {
    source = new EventSource('/api/events');
    source.addEventListener('open', () => {
      retryMs = 1000;
      onStatus('live');
      onOpen();
    });
    source.addEventListener('thread', (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      onEvent(event);
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) return onStatus('reconnecting');
      onStatus('offline');
      source.close();
      timer = setTimeout(reopen, retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    });
  }

  async function reopen() {
    try {
      await api('/api/me'); // a 401 here goes to the sign-in page
    } catch (err) {
      if (err.status === 401) return;
    }
    open();
  }

  open();
  return {
    close() {
      clearTimeout(timer);
      source?.close();
    },
  };
}
