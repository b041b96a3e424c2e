import { api, loginUrl } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { clock, isoTime } from './format.js';
import { currentUser, renderNav } from './nav.js';

// The knowledge editor (issue 6): the live file and its entries, a draft checked with every check a
// publish runs, a preview of the bot's answer, publish with a message, and the history with
// one-click rollback. Everything from the file or the API is shown with textContent only.

const editor = byId('editor-text');
const gutter = byId('gutter');
let live = null; // GET /api/knowledge
let shownLines = 0;

/** POST with JSON, keeping the body of an error answer (a 422 carries the problems). */
async function send(path, body) {
  const res = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
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
function notice(text, kind = 'ok') {
  const box = byId('notice');
  box.textContent = text;
  box.className = `notice ${kind}`;
  box.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (box.hidden = true), kind === 'error' ? 8000 : 4000);
}

// ---- the editor: line numbers, line:column, moving to a problem

function lineCount(text) {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function renderGutter() {
  const n = lineCount(editor.value);
  if (n !== shownLines) {
    shownLines = n;
    gutter.textContent = Array.from({ length: n }, (_, i) => String(i + 1)).join('\n');
  }
  gutter.scrollTop = editor.scrollTop;
}

function cursorPosition() {
  const before = editor.value.slice(0, editor.selectionStart);
  const line = lineCount(before);
  const column = before.length - before.lastIndexOf('\n');
  byId('cursor-position').textContent = `Line ${line}, column ${column}`;
}

/** Puts the cursor at line:column (1-based) and scrolls it into view. */
function goTo(line, column) {
  const lines = editor.value.split('\n');
  const l = Math.min(Math.max(line, 1), lines.length);
  let offset = 0;
  for (let i = 0; i < l - 1; i++) offset += lines[i].length + 1;
  offset += Math.min(Math.max(column - 1, 0), lines[l - 1].length);
  editor.focus();
  editor.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 20;
  editor.scrollTop = Math.max(0, (l - 4) * lineHeight);
  renderGutter();
  cursorPosition();
}

const isDraft = () => live !== null && editor.value !== live.text;

function renderDraftState() {
  byId('draft-state').textContent = isDraft() ? 'Edited: not published' : 'Same as the live file';
  byId('revert').disabled = !isDraft();
}

editor.addEventListener('input', () => {
  renderGutter();
  cursorPosition();
  renderDraftState();
});
editor.addEventListener('scroll', () => (gutter.scrollTop = editor.scrollTop));
for (const type of ['keyup', 'click', 'select']) editor.addEventListener(type, cursorPosition);
window.addEventListener('beforeunload', (event) => {
  if (isDraft()) event.preventDefault();
});

function setText(text) {
  editor.value = text;
  editor.scrollTop = 0;
  renderGutter();
  cursorPosition();
  renderDraftState();
}

// ---- problems and warnings

function problemItem(p, level) {
  const where = `${p.line}:${p.column}`;
  return h(
    'li',
    { class: `problem ${level}` },
    h('button', { type: 'button', class: 'quiet goto', title: `Go to line ${p.line}, column ${p.column}`, on: { click: () => goTo(p.line, p.column) } }, where),
    ' ',
    p.path ? h('code', {}, p.path) : null,
    p.path ? ' ' : null,
    h('span', { class: 'problem-text' }, p.message),
  );
}

/** Errors (nothing can be published) and warnings of the text in the editor, each a link to its place. */
function renderProblems(errors, warnings, heading) {
  const box = byId('problems');
  if (errors.length === 0 && warnings.length === 0) {
    replaceChildren(box, h('p', { class: 'ok-line' }, heading ?? 'No problems: this text can be published.'));
    return;
  }
  replaceChildren(
    box,
    h('p', { class: errors.length ? 'bad-line' : 'ok-line' }, heading ?? (errors.length ? `${errors.length} problem${errors.length === 1 ? '' : 's'}: fix before publishing` : 'Can be published, with warnings')),
    errors.length ? h('ol', { class: 'problems' }, errors.map((p) => problemItem(p, 'error'))) : null,
    warnings.length ? h('details', { open: errors.length === 0 }, h('summary', {}, `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`), h('ol', { class: 'problems' }, warnings.map((p) => problemItem(p, 'warning')))) : null,
  );
}

// ---- live status, entries, history

function windowText(w) {
  if (!w) return 'always';
  const from = w.start ? clock(w.start) : '…';
  const to = w.end ? clock(w.end) : '…';
  return `${from} – ${to}`;
}

function renderEntries() {
  const rows = live.entries.map((e) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('code', {}, e.id), h('div', { class: 'hint' }, e.title)),
      h('td', {}, e.kind),
      h('td', {}, windowText(e.window)),
      h('td', {}, e.channels ? e.channels.join(', ') : 'all'),
      h('td', {}, h('span', { class: `badge ${e.active ? 'active' : 'inactive'}`, title: e.active ? `answering on ${e.activeOn.join(', ')}` : 'not answering now' }, e.active ? 'active' : 'off')),
    ),
  );
  replaceChildren(
    byId('entries'),
    live.entries.length === 0
      ? h('p', { class: 'hint' }, 'No entries: every mention goes to a person.')
      : h('table', { class: 'entries' }, h('thead', {}, h('tr', {}, ['Entry', 'Kind', 'Window', 'Channels', 'Now'].map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, rows)),
  );
}

function renderStatus() {
  const v = live.version;
  byId('live-version').textContent = v ? `Live: version ${v.version}, by ${v.author}, ${clock(v.at)}` : `Live since ${clock(live.status.loadedAt)}`;
  const box = byId('last-error');
  const err = live.status.lastError;
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
    h('ul', {}, err.problems.map((p) => h('li', {}, h('code', {}, `${live.status.file ?? 'knowledge'}:${p.line}:${p.column}`), ' ', p.path ? `${p.path}: ` : '', p.message))),
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
  const current = live.version?.version;
  replaceChildren(
    byId('history'),
    versions.map((v) =>
      h(
        'li',
        { value: String(v.version), class: v.version === current ? 'current' : null },
        h('div', { class: 'version-head' }, h('strong', {}, `v${v.version}`), ' ', h('bdi', {}, v.author), ' · ', h('time', { datetime: isoTime(v.at) }, clock(v.at)), v.version === current ? h('span', { class: 'badge active' }, 'live') : null),
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

async function load(replaceText = false) {
  live = await api('/api/knowledge');
  if (replaceText || !isDraft()) {
    setText(live.text);
    if (live.status.warnings.length) renderProblems([], live.status.warnings, 'The live file has warnings:');
  }
  renderStatus();
  renderEntries();
  renderDraftState();
  const select = byId('preview-channel');
  const chosen = select.value;
  replaceChildren(select, live.channels.map((c) => h('option', { value: c, selected: c === chosen }, c)));
  await renderHistory();
}

// ---- actions

async function withBusy(button, task) {
  button.disabled = true;
  try {
    await task();
  } catch (err) {
    notice(err.message, 'error');
  } finally {
    button.disabled = false;
  }
}

byId('check').addEventListener('click', (event) =>
  withBusy(event.currentTarget, async () => {
    replaceChildren(byId('problems'), h('p', { class: 'hint' }, 'Checking (test cases included)…'));
    const { status, data } = await send('/api/knowledge/check', { text: editor.value });
    // 422: the text is not readable YAML; its problems come in the same shape.
    if (status !== 200 && status !== 422) throw new Error(data?.message ?? data?.error ?? `check failed (${status})`);
    renderProblems(data.errors, data.warnings);
  }),
);

byId('publish-form').addEventListener('submit', (event) => {
  event.preventDefault();
  return withBusy(byId('publish'), async () => {
    const { status, data } = await send('/api/knowledge/publish', { text: editor.value, message: byId('publish-message').value.trim() });
    if (status === 422) {
      renderProblems(data.problems, [], 'Not published: the live version keeps answering. Fix these first:');
      notice('Not published: see the problems under the editor', 'error');
      if (data.problems[0]) goTo(data.problems[0].line, data.problems[0].column);
      await load(false);
      return;
    }
    if (status !== 200) throw new Error(data?.message ?? data?.error ?? `publish failed (${status})`);
    byId('publish-message').value = '';
    notice(data.unchanged ? 'No change: this text is the live version' : `Published: version ${data.version.version} is live`);
    renderProblems([], data.status.warnings ?? [], 'Published.');
    await load(true);
  });
});

byId('revert').addEventListener('click', () => {
  if (confirm('Drop your edits and show the live text?')) setText(live.text);
});

byId('upload').addEventListener('change', async (event) => {
  const file = event.currentTarget.files[0];
  if (!file) return;
  if (isDraft() && !confirm(`Replace your unpublished edits with ${file.name}?`)) return;
  setText(await file.text());
  event.currentTarget.value = '';
  renderProblems([], [], `${file.name} is in the editor: check it, then publish.`);
});

byId('preview-form').addEventListener('submit', (event) => {
  event.preventDefault();
  return withBusy(event.submitter ?? byId('preview-form').querySelector('button'), async () => {
    const body = { mention: byId('preview-text').value, channel: byId('preview-channel').value };
    if (byId('preview-draft').checked) body.text = editor.value;
    const { status, data } = await send('/api/knowledge/preview', body);
    const out = byId('preview-result');
    if (status === 422) {
      replaceChildren(out, h('p', { class: 'bad-line' }, 'The text in the editor does not parse:'), h('ol', { class: 'problems' }, data.problems.map((p) => problemItem(p, 'error'))));
      return;
    }
    if (status !== 200) throw new Error(data?.message ?? data?.error ?? `preview failed (${status})`);
    const u = data.understanding;
    replaceChildren(
      out,
      h('p', { class: data.decision === 'answered' ? 'ok-line' : 'warn-line' }, data.decision === 'answered' ? `Answers with ${data.entryId}` : 'Hands off to a person'),
      h('p', { class: 'hint' }, data.why),
      data.reply ? h('blockquote', { class: 'reply-preview', dir: 'auto' }, data.reply.text) : null,
      u ? h('p', { class: 'hint' }, `intent ${u.intent} · confidence ${Number(u.confidence).toFixed(2)}${u.sentiment ? ` · ${u.sentiment}` : ''}${u.complaint ? ' · complaint' : ''}`) : null,
    );
  });
});

// ---- start

(async () => {
  const user = await currentUser();
  renderNav('knowledge', user);
  if (!user.roles.includes('editor') && !user.roles.includes('admin')) {
    replaceChildren(byId('knowledge-page'), h('p', { class: 'placeholder' }, 'The knowledge editor needs the editor role. Ask an admin.'));
    return;
  }
  await load(true);
})().catch((err) => notice(err.message, 'error'));
