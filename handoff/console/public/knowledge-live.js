import { api } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { clock, isoTime } from './format.js';
import { isDraft, knowledge, renderDraftState, setText } from './knowledge-editor.js';
import { renderProblems } from './knowledge-problems.js';
import { zoneName, zoneTime } from './knowledge-zone.js';
import { notice, send } from './knowledge-send.js';

// The live knowledge: its status, its entries, and the history of versions with open and rollback.

/** In the file's time zone, as the form and the calendar show it (not the browser's). */
function windowText(w, zone) {
  if (!w) return 'always';
  const from = w.start ? zoneTime(zone, Date.parse(w.start)) : '…';
  const to = w.end ? zoneTime(zone, Date.parse(w.end)) : '…';
  return `${from} – ${to}`;
}

function renderEntries() {
  const rows = knowledge.live.entries.map((e) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('code', {}, e.id), h('div', { class: 'hint' }, e.title)),
      h('td', {}, e.kind),
      h('td', { title: zoneName(knowledge.live.timezone ?? 'UTC') }, windowText(e.window, knowledge.live.timezone ?? 'UTC')),
      h('td', {}, e.channels ? e.channels.join(', ') : 'all'),
      h(
        'td',
        {},
        h(
          'span',
          {
            class: `badge ${e.active ? 'active' : 'inactive'}`,
            title: e.active ? `answering on ${e.activeOn.join(', ')}` : 'not answering now',
          },
          e.active ? 'active' : 'off',
        ),
      ),
    ),
  );
  replaceChildren(
    byId('entries'),
    knowledge.live.entries.length === 0
      ? h('p', { class: 'hint' }, 'No entries: every mention goes to a person.')
      : h(
          'table',
          { class: 'entries' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Entry', 'Kind', 'Window', 'Channels', 'Now'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h('tbody', {}, rows),
        ),
  );
}

function renderStatus() {
  const v = knowledge.live.version;
  byId('live-version').textContent = v
    ? `Live: version ${v.version}, by ${v.author}, ${clock(v.at)}`
    : `Live since ${clock(knowledge.live.status.loadedAt)}`;
  const box = byId('last-error');
  const err = knowledge.live.status.lastError;
  if (!err) {
    box.hidden = true;
    replaceChildren(box);
    return;
  }
  box.hidden = false;
  // Lines refer to the refused text (the file, or a draft), not necessarily the one in the editor.
  replaceChildren(
    box,
    h('strong', {}, err.source === 'file' ? 'The last change to the file was refused' : 'The last publish was refused'),
    ` (${clock(err.at)}); the live version keeps answering.`,
    h(
      'ul',
      {},
      err.problems.map((p) =>
        h(
          'li',
          {},
          h('code', {}, `${knowledge.live.status.file ?? 'knowledge'}:${p.line}:${p.column}`),
          ' ',
          p.path ? `${p.path}: ` : '',
          p.message,
        ),
      ),
    ),
  );
}

function summaryText(s) {
  const parts = [];
  if (s.added?.length) parts.push(`added ${s.added.join(', ')}`);
  if (s.changed?.length) parts.push(`changed ${s.changed.join(', ')}`);
  if (s.removed?.length) parts.push(`removed ${s.removed.join(', ')}`);
  if (s.general?.length) parts.push(`changed ${s.general.join(', ')}`);
  return parts.length ? parts.join('; ') : 'no entry changed';
}

async function rollback(version) {
  if (isDraft() && !confirm('Your edits in the editor are not published and will be replaced. Roll back anyway?')) return;
  if (!confirm(`Publish version ${version} again? It goes through every check first.`)) return;
  const { status, data } = await send('/api/knowledge/rollback', { version });
  if (status === 200) {
    notice(data.unchanged ? `Version ${version} is already live` : `Rolled back: version ${data.version.version} is live`);
    await load(true);
  } else if (status === 422) {
    notice(`Version ${version} no longer passes the checks: nothing changed`, 'error');
    renderProblems(data.problems, [], `Version ${version} was refused (lines refer to that version):`);
  } else notice(data?.message ?? data?.error ?? `Rollback failed (${status})`, 'error');
}

async function renderHistory() {
  const { versions } = await api('/api/knowledge/history');
  const current = knowledge.live.version?.version;
  replaceChildren(
    byId('history'),
    versions.map((v) =>
      h(
        'li',
        { value: String(v.version), class: v.version === current ? 'current' : null },
        h(
          'div',
          { class: 'version-head' },
          h('strong', {}, `v${v.version}`),
          ' ',
          h('bdi', {}, v.author),
          ' · ',
          h('time', { datetime: isoTime(v.at) }, clock(v.at)),
          v.version === current ? h('span', { class: 'badge active' }, 'live') : null,
        ),
        v.message ? h('div', { class: 'version-message' }, v.message) : null,
        h('div', { class: 'hint' }, summaryText(v.summary)),
        h(
          'div',
          { class: 'version-actions' },
          h('button', { type: 'button', class: 'quiet', on: { click: () => openVersion(v.version) } }, 'Open in editor'),
          v.version === current ? null : h('button', { type: 'button', on: { click: () => rollback(v.version) } }, 'Roll back to this'),
        ),
      ),
    ),
  );
}

async function openVersion(version) {
  if (isDraft() && !confirm('Replace your unpublished edits with this version?')) return;
  const { version: v } = await api(`/api/knowledge/history/${version}`);
  setText(v.text);
  renderProblems([], [], `Version ${version} is in the editor: publish it to put it live again.`);
}

export async function load(replaceText = false) {
  knowledge.live = await api('/api/knowledge');
  if (replaceText || !isDraft()) {
    setText(knowledge.live.text);
    if (knowledge.live.status.warnings.length) renderProblems([], knowledge.live.status.warnings, 'The live file has warnings:');
  }
  renderStatus();
  renderEntries();
  renderDraftState();
  const select = byId('preview-channel');
  const chosen = select.value;
  replaceChildren(
    select,
    knowledge.live.channels.map((c) => h('option', { value: c, selected: c === chosen }, c)),
  );
  await renderHistory();
}
