import { api } from './api.js';
import { h } from './dom.js';

// Reassign from the console: a picker of the people who may own threads (GET /api/assignees, no
// admin needed) beside the thread's actions, for the owner (or an admin), and on a waiting thread.

let assignees = null;
/** The name picked on the open thread: a live redraw draws the picker anew, with it still picked. */
let picked = { key: null, name: '' };
/** The names, asked once a page (asked again after a failure). */
function people() {
  assignees ??= api('/api/assignees').then(({ assignees: list }) => list.map((a) => a.name));
  assignees.catch(() => {
    assignees = null;
  });
  return assignees;
}

/** Whether `me` may give this thread to someone (the server checks again). */
export function mayReassign(thread, me) {
  if (thread.state === 'waiting') return true;
  return thread.state === 'agent' && (thread.assignee === me.name || me.roles.includes('admin'));
}

/** Adds the picker to the thread's action bar; `onDone` reloads the thread and the queue. */
export async function showReassign(container, thread, me, { say, reportError, onDone }) {
  if (!mayReassign(thread, me)) return;
  let names;
  try {
    names = (await people()).filter((n) => n !== thread.assignee);
  } catch (err) {
    reportError(err);
    return;
  }
  const actions = container.querySelector('.actions');
  if (!actions || container.dataset.key !== thread.key || names.length === 0) return;
  const select = h(
    'select',
    { id: 'reassign-to', 'aria-label': 'Reassign to' },
    h('option', { value: '' }, 'Reassign to…'),
    names.map((n) => h('option', { value: n }, n)),
  );
  const button = h('button', { type: 'button', disabled: true }, 'Reassign');
  if (picked.key === thread.key && names.includes(picked.name)) {
    select.value = picked.name;
    button.disabled = false;
  }
  select.addEventListener('change', () => {
    picked = { key: thread.key, name: select.value };
    button.disabled = !select.value;
  });
  button.addEventListener('click', async () => {
    const to = select.value;
    if (!to) return;
    say('');
    try {
      await api(`/api/threads/${encodeURIComponent(thread.key)}/reassign`, { method: 'POST', body: { to } });
      say(`Reassigned to ${to}.`, 'ok');
      picked = { key: null, name: '' };
    } catch (err) {
      reportError(err);
    }
    await onDone();
  });
  actions.querySelector('.reassign')?.remove();
  actions.append(h('span', { class: 'reassign' }, select, button));
}
