// The agent API, seen from the pages: JSON in and out, the session cookie sent along, and a 401
// (signed out, session expired) sends the person to the sign-in page and back here afterwards.

export class ApiError extends Error {
  constructor(status, message, data = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    // The error's other fields (a refused hand-back's `unanswered` mention).
    this.data = data;
  }
}

export function loginUrl(next = location.pathname + location.search + location.hash) {
  return `/console/login?next=${encodeURIComponent(next)}`;
}

/** api('/api/queue') or api('/api/threads/k/claim', { method: 'POST', body: {} }). */
export async function api(path, { method = 'GET', body, redirectOn401 = true } = {}) {
  const init = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (res.status === 401 && redirectOn401) {
    location.assign(loginUrl());
    throw new ApiError(401, 'signed out');
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) throw new ApiError(res.status, (data && (data.message || data.error)) || `${res.status} ${res.statusText}`, data);
  return data;
}

/** The console only ever sends people back to its own pages after sign-in (no open redirect). */
export function safeNext(next) {
  return typeof next === 'string' && /^\/console(?:[/?#]|$)/.test(next) && !next.startsWith('//') ? next : '/console';
}
