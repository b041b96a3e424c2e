import { loginUrl } from './api.js';
import { byId } from './dom.js';

// The knowledge editor's requests and its notice: POSTs that keep the body of an error answer.

/** POST with JSON, keeping the body of an error answer (a 422 carries the problems). */
export async function send(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status === 401) {
    location.assign(loginUrl());
    throw new Error('signed out');
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  return { status: res.status, data };
}

let noticeTimer;
export function notice(text, kind = 'ok') {
  const box = byId('notice');
  box.textContent = text;
  box.className = `notice ${kind}`;
  box.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (box.hidden = true), kind === 'error' ? 8000 : 4000);
}
