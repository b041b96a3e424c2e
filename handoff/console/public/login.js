import { api, ApiError, safeNext } from './api.js';
import { byId } from './dom.js';

// Sign-in: POST /api/session sets the session cookie; then back to the page that sent us here.

const form = byId('login-form');
const error = byId('login-error');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    await api('/api/session', {
      method: 'POST',
      body: { username: byId('username').value, password: byId('password').value },
      redirectOn401: false,
    });
    location.assign(safeNext(new URLSearchParams(location.search).get('next')));
  } catch (err) {
    error.textContent = err instanceof ApiError && err.status === 401 ? 'Wrong username or password.' : `Could not sign in: ${err.message}`;
    error.hidden = false;
    byId('password').select();
  } finally {
    button.disabled = false;
  }
});
