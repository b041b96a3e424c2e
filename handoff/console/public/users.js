import { api, ApiError } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { clock, isoTime } from './format.js';
import { currentUser, renderNav } from './nav.js';

// The admin's view of people and their API tokens (issue 14, finding 10): each token by its id,
// when it was made and last used, and a revoke button that asks once more before it acts.

const when = (at) => (at == null ? h('span', { class: 'hint' }, 'never') : h('time', { datetime: isoTime(at) }, clock(at)));

function revokeButton(user, token) {
  const button = h('button', { type: 'button', class: 'revoke', 'aria-label': `Revoke token ${token.id} of ${user.name}` }, 'Revoke');
  let armed = false;
  button.addEventListener('click', async () => {
    if (!armed) {
      // A second click confirms: no dialog, and a stray click does nothing.
      armed = true;
      button.classList.add('danger');
      button.textContent = 'Confirm revoke';
      return;
    }
    button.disabled = true;
    try {
      await api(`/api/users/${encodeURIComponent(user.name)}/tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
      await show(`Token ${token.id} of ${user.name} revoked.`);
    } catch (err) {
      fail(err);
    }
  });
  button.addEventListener('blur', () => {
    if (!armed || button.disabled) return;
    armed = false;
    button.classList.remove('danger');
    button.textContent = 'Revoke';
  });
  return button;
}

// Workload balance (issue 20): the most threads this person may have claimed at once; empty: the default.
function capForm(user, defaultCap) {
  const id = `cap-${user.name}`;
  const input = h('input', {
    id,
    type: 'number',
    min: '1',
    max: '1000',
    step: '1',
    inputmode: 'numeric',
    value: user.claimCap == null ? '' : String(user.claimCap),
    placeholder: defaultCap == null ? 'no cap' : `default ${defaultCap}`,
  });
  const form = h(
    'form',
    { class: 'claim-cap', 'aria-label': `Claim cap of ${user.name}` },
    h('label', { for: id }, 'Claimed threads at most'),
    input,
    h('button', { type: 'submit' }, 'Save'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const cap = input.value.trim() === '' ? null : Number(input.value);
    try {
      await api(`/api/users/${encodeURIComponent(user.name)}/claim-cap`, { method: 'PUT', body: { cap } });
      await show(cap === null ? `${user.name} has no cap of their own now.` : `${user.name} may have ${cap} claimed at most.`);
    } catch (err) {
      fail(err);
    }
  });
  return form;
}

function userCard(user, defaultCap) {
  return h(
    'section',
    { class: 'user-card', 'aria-label': `User ${user.name}` },
    h(
      'div',
      { class: 'user-head' },
      h('h2', {}, h('bdi', {}, user.name)),
      h(
        'span',
        { class: 'roles' },
        user.roles.map((r) => h('span', { class: 'role' }, r)),
      ),
      user.signedIn ? h('span', { class: 'badge signed-in' }, 'signed in') : null,
    ),
    user.roles.includes('agent') ? capForm(user, defaultCap) : null,
    user.tokens.length === 0
      ? h('p', { class: 'hint' }, 'No API tokens.')
      : h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'figures tokens' },
            h('caption', { class: 'visually-hidden' }, `API tokens of ${user.name}`),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Token', 'Created', 'Last used', ''].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h(
              'tbody',
              {},
              user.tokens.map((t) =>
                h(
                  'tr',
                  { dataset: { token: t.id } },
                  h('th', { scope: 'row' }, h('code', {}, t.id)),
                  h('td', {}, t.createdAt == null ? '–' : when(t.createdAt)),
                  h('td', {}, when(t.lastUsedAt)),
                  h('td', {}, revokeButton(user, t)),
                ),
              ),
            ),
          ),
        ),
  );
}

async function show(message) {
  const { users, defaultClaimCap } = await api('/api/users');
  replaceChildren(
    byId('users'),
    message ? h('p', { class: 'notice ok inline', role: 'status' }, message) : null,
    users.length === 0 ? h('p', { class: 'hint' }, 'No users yet.') : users.map((u) => userCard(u, defaultClaimCap)),
  );
}

function fail(err) {
  if (err instanceof ApiError && err.status === 401) return;
  const text =
    err instanceof ApiError && err.status === 403 ? 'This page needs the admin role.' : `Could not load the users: ${err.message}`;
  replaceChildren(byId('users'), h('p', { class: 'notice error inline', role: 'alert' }, text));
}

async function start() {
  const user = await currentUser();
  renderNav('users', user);
  if (!user.roles.includes('admin')) {
    replaceChildren(byId('users'), h('p', { class: 'placeholder' }, 'This page needs the admin role. Ask an admin.'));
    return;
  }
  await show();
}

start().catch(fail);
