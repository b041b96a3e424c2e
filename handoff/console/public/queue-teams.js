import { api } from './api.js';
import { h, replaceChildren } from './dom.js';

/**
 * The team picker above the queue: the agent's teams' queues by default (with the threads in no
 * team), all of them, or one team's. Hidden while there are no teams.
 */
export async function startTeamPicker({ select, state, onChange }) {
  const { teams } = await api('/api/teams');
  select.closest('label').hidden = teams.length === 0;
  const mine = teams.filter((t) => t.members.includes(state.me.name)).map((t) => t.name);
  replaceChildren(
    select,
    h('option', { value: '' }, mine.length > 0 ? `My teams (${mine.join(', ')})` : 'All teams'),
    mine.length > 0 ? h('option', { value: 'all' }, 'All teams') : null,
    teams.map((t) => h('option', { value: t.name }, `Team ${t.name}`)),
  );
  select.value = state.team;
  select.addEventListener('change', () => {
    state.team = select.value;
    onChange();
  });
}
