import { byId, h, replaceChildren } from './dom.js';
import { editor, knowledge } from './knowledge-editor.js';
import { channelsField, listField, selectField, textField } from './knowledge-form-fields.js';
import { knowledgeYaml } from './knowledge-form-model.js';
import { testsField, varsField } from './knowledge-form-rows.js';
import { entryLanguages, examplesByLanguage, replyByLanguage } from './knowledge-form-languages.js';
import { previewItems, replySection, windowSection } from './knowledge-form-sections.js';

// Entries as a form beside the YAML view: both edit the one draft in the editor. The form reads the
// entry from the text and writes back only the fields it changed (knowledge-form-model.js), so
// switching views keeps every change and every comment of the file.

// The yaml package's browser build, served by the console (yaml-browser-route.ts).
const YAML_BUILD = '/console/assets/yaml/index.js';
const model = knowledgeYaml(await import(YAML_BUILD));
const views = { form: byId('form-view'), yaml: byId('yaml-view') };
const state = { view: 'form', index: 0, entry: null, file: null };

const channels = () => knowledge.live?.channels ?? [];

// Each write parses the whole draft: on a large file, keystrokes are written once typing pauses,
// and at once when a field is left (its change event comes before any click on Check or Publish).
const LARGE = 50_000;
const PAUSE_MS = 200;
let pending = null;

function commit() {
  clearTimeout(pending);
  pending = null;
  const next = model.writeEntry(editor.value, state.index, state.entry);
  if (next === editor.value) return;
  // The YAML view's cursor stays where it was (the browser would move it to the end).
  const at = Math.min(editor.selectionStart, next.length);
  editor.value = next;
  editor.setSelectionRange(at, at);
  // The editor's own listeners update line numbers and "Edited: not published".
  editor.dispatchEvent(new Event('input'));
}

const set = (field, after) => (value) => {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete state.entry[field];
  else state.entry[field] = value;
  if (editor.value.length < LARGE) commit();
  else {
    clearTimeout(pending);
    pending = setTimeout(commit, PAUSE_MS);
  }
  after?.();
};

/** Writes a change still waiting for a pause in typing (before anything reads the draft). */
export function flushForm() {
  if (pending !== null) commit();
}

const context = { state, set, channels };

function renderForm() {
  const e = state.entry;
  const ids = (state.all ?? []).map((x) => x.id).filter((id) => id && id !== e.id);
  // A file in more than one language: examples and the reply per language (knowledge-form-languages.js).
  const languages = entryLanguages(e, state.file.languages ?? ['en']);
  const multi = languages.length > 1;
  const preview = (reply) => previewItems({ ...state.entry, reply }, channels(), state.file.tone);
  const body = h(
    'div',
    { class: 'kf-body' },
    h(
      'div',
      { class: 'kf-inline' },
      textField(
        'Id',
        e.id,
        (v) => {
          set('id')(v.trim());
          byId('form-entry').selectedOptions[0].textContent = v.trim() || '(no id)';
        },
        {
          id: 'kf-id',
          pattern: '[a-z0-9][a-z0-9_-]*',
          required: true,
        },
      ),
      selectField(
        'Kind',
        e.kind ?? 'incident',
        [
          ['incident', 'incident (something broken)'],
          ['campaign', 'campaign (a promotion)'],
        ],
        set('kind'),
        { id: 'kf-kind' },
      ),
    ),
    textField('Title', e.title, set('title'), { id: 'kf-title', class: 'kf-wide' }),
    windowSection(context),
    channelsField(
      channels(),
      e.channels,
      set('channels', () => byId('kf-previews') && replySectionRefresh()),
    ),
    listField('Keywords', e.keywords, set('keywords'), 'one a line: words that identify it', { id: 'kf-keywords' }),
    multi
      ? examplesByLanguage(context, languages)
      : listField('Examples', e.examples, set('examples'), 'one a line: how customers put it (at least 3)', { id: 'kf-examples' }),
    listField('Negative examples', e.negative_examples, set('negative_examples'), 'one a line: look-alikes that must go to a person', {
      id: 'kf-negative',
    }),
    multi ? replyByLanguage(context, languages, preview) : replySection(context),
    varsField(e.vars, set('vars')),
    testsField(
      e.tests,
      channels(),
      [[e.id, 'answers with this entry'], ['handoff', 'hands off to a person'], ...ids.map((id) => [id, `answers with ${id}`])],
      set('tests'),
    ),
  );
  replaceChildren(byId('form-body'), body);
}

function replySectionRefresh() {
  byId('kf-previews').closest('fieldset').dispatchEvent(new Event('input'));
}

/** Reads the draft into the form; false (and the reason shown) when the YAML does not parse. */
function readDraft() {
  try {
    state.file = model.readEntries(editor.value);
  } catch (err) {
    replaceChildren(
      byId('form-body'),
      h('p', { class: 'bad-line', role: 'alert' }, `${err.message}. Fix it in the YAML view, then come back.`),
    );
    return false;
  }
  state.all = state.file.entries;
  state.index = Math.min(state.index, Math.max(0, state.all.length - 1));
  replaceChildren(
    byId('form-entry'),
    state.all.map((x, i) => h('option', { value: String(i), selected: i === state.index }, x.id || '(no id)')),
  );
  byId('form-remove').disabled = state.all.length === 0;
  state.entry = state.all[state.index] ? structuredClone(state.all[state.index]) : null;
  if (state.entry) renderForm();
  else replaceChildren(byId('form-body'), h('p', { class: 'hint' }, 'No entries yet: add one with “New entry”.'));
  return true;
}

export function showView(view) {
  flushForm();
  if (view === 'form' && !readDraft()) view = 'yaml';
  state.view = view;
  for (const [name, node] of Object.entries(views)) node.hidden = name !== view;
  for (const name of ['form', 'yaml']) byId(`view-${name}`).setAttribute('aria-pressed', String(name === view));
}

byId('form-body').addEventListener('change', flushForm);
byId('view-form').addEventListener('click', () => showView('form'));
byId('view-yaml').addEventListener('click', () => showView('yaml'));
byId('form-entry').addEventListener('change', (e) => {
  flushForm();
  state.index = Number(e.currentTarget.value);
  readDraft();
});
byId('form-new').addEventListener('click', () => {
  flushForm();
  const taken = new Set((state.all ?? []).map((x) => x.id));
  let n = 1;
  while (taken.has(`new-entry-${n}`)) n++;
  const index = state.all?.length ?? 0;
  editor.value = model.writeEntry(editor.value, index, { id: `new-entry-${n}`, kind: 'incident', title: 'New entry' });
  editor.dispatchEvent(new Event('input'));
  state.index = index;
  readDraft();
  byId('kf-title').focus();
});
byId('form-remove').addEventListener('click', () => {
  flushForm();
  if (!state.entry || !confirm(`Remove the entry “${state.entry.id}” from the draft?`)) return;
  editor.value = model.removeEntry(editor.value, state.index);
  editor.dispatchEvent(new Event('input'));
  state.index = Math.max(0, state.index - 1);
  readDraft();
});
editor.addEventListener('reveal', () => showView('yaml'));
// A new text in the editor (the live file loaded, a version opened, an upload): the form shows it.
editor.addEventListener('textset', () => state.view === 'form' && readDraft());
