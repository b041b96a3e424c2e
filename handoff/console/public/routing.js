import { api, ApiError } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { currentUser, renderNav } from './nav.js';
import { stripInvisible } from './visible-text.js';

// The admin's routing page: the rules file with its check and publish, a dry run of one rule over
// the recent handoffs, and the teams. Every text from a customer is shown as text, never as markup.

const text = byId('routing-text');
const RULE_NAME = /^\s*-\s*(?:\{\s*)?name:\s*['"]?([a-z0-9][a-z0-9_-]{0,39})/gm;

function ruleNames() {
  return [...text.value.matchAll(RULE_NAME)].map((m) => m[1]);
}

function fillRules() {
  const select = byId('dry-rule');
  const before = select.value;
  replaceChildren(select, ...ruleNames().map((n) => h('option', { value: n }, n)));
  if (ruleNames().includes(before)) select.value = before;
  // A result for a rule the draft no longer has would answer a question nobody is asking now.
  else if (before) replaceChildren(byId('dry-result'));
}

/** Puts the caret at a problem's line and column. */
function goTo(line, column) {
  const lines = text.value.split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, column - 1);
  text.focus();
  text.setSelectionRange(offset, offset);
}

function showProblems(problems, okMessage) {
  const list = byId('routing-problems');
  if (problems.length === 0) return replaceChildren(list, h('li', { class: 'ok' }, okMessage));
  replaceChildren(
    list,
    ...problems.map((p) =>
      h(
        'li',
        {},
        h('button', { type: 'button', on: { click: () => goTo(p.line, p.column) } }, `Line ${p.line}, column ${p.column}`),
        ` ${p.path ? `${p.path}: ` : ''}${p.message}`,
      ),
    ),
  );
}

function showStatus(status) {
  const refused = status.lastError ? ` · last edit refused (${status.lastError.source}), the rules above stayed live` : '';
  byId('routing-status').textContent = `version ${status.version} · ${status.rules} rules${refused}`;
}

async function check() {
  const { problems } = await api('/api/routing/check', { method: 'POST', body: { text: text.value } });
  showProblems(problems, 'No problems: this version may be published.');
}

async function publish() {
  try {
    const { status } = await api('/api/routing', { method: 'PUT', body: { text: text.value } });
    showStatus(status);
    showProblems([], `Published: version ${status.version} is live.`);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 422)) throw err;
    showProblems(err.data.problems, '');
    // The refusal is on the status too: the live rules stayed.
    showStatus((await api('/api/routing')).status);
  }
}

async function dryRun() {
  const rule = byId('dry-rule').value;
  const out = byId('dry-result');
  if (!rule) return replaceChildren(out, h('p', { class: 'hint' }, 'Name a rule first.'));
  try {
    const result = await api('/api/routing/dry-run', { method: 'POST', body: { text: text.value, rule } });
    replaceChildren(
      out,
      h('p', {}, `${rule} would have matched ${result.matched} of the last ${result.looked} handoffs.`),
      h(
        'ul',
        { class: 'dry-list' },
        ...result.matches.map((m) =>
          h(
            'li',
            {},
            h('span', { class: 'hint' }, `${m.channel} · ${m.decidesTeam ? 'decides the team' : 'an earlier rule decides the team'} · `),
            stripInvisible(m.text),
          ),
        ),
      ),
    );
  } catch (err) {
    if (err instanceof ApiError && err.status === 422) showProblems(err.data.problems, '');
    replaceChildren(out, h('p', { class: 'hint' }, err.message));
  }
}

async function showTeams() {
  const { teams } = await api('/api/teams');
  replaceChildren(
    byId('teams'),
    teams.length === 0
      ? h('p', { class: 'hint' }, 'No teams yet.')
      : h(
          'div',
          {},
          ...teams.map((t) =>
            h(
              'div',
              { class: 'team-row' },
              h('strong', {}, t.name),
              h('span', { class: 'hint' }, t.members.length ? t.members.join(', ') : 'no members'),
              t.webhook ? h('span', { class: 'role' }, t.webhook.format) : null,
            ),
          ),
        ),
  );
}

async function saveTeam(event) {
  event.preventDefault();
  const name = stripInvisible(byId('team-name').value.trim());
  const members = stripInvisible(byId('team-members').value)
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  try {
    await api(`/api/teams/${encodeURIComponent(name)}`, { method: 'PUT', body: { members } });
    byId('team-form').reset();
    await showTeams();
  } catch (err) {
    replaceChildren(byId('teams'), h('p', { class: 'hint' }, err.message));
  }
}

const user = await currentUser();
renderNav('routing', user);
const { text: live, status } = await api('/api/routing');
text.value = live;
showStatus(status);
fillRules();
text.addEventListener('input', fillRules);
byId('routing-check').addEventListener('click', check);
byId('routing-publish').addEventListener('click', publish);
byId('dry-run').addEventListener('click', dryRun);
byId('team-form').addEventListener('submit', saveTeam);
await showTeams();
