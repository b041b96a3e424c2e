import { byId, h, replaceChildren } from './dom.js';
import { editor, goTo } from './knowledge-editor.js';
import { load } from './knowledge-live.js';
import { problemItem, renderProblems } from './knowledge-problems.js';
import { notice, send } from './knowledge-send.js';

// Diff before publish: what the publish changes against the live file, entry by entry, with the
// check's results; the publish then carries the diff's "shown" (the server refuses one without it).

const dialog = byId('diff-dialog');
let shown = null;

const LABEL = { added: 'New entry', changed: 'Changed', removed: 'Removed' };

function fieldRow(f) {
  return h(
    'li',
    { class: 'diff-field' },
    h('code', {}, f.field),
    f.before !== undefined ? h('del', { dir: 'auto' }, f.before) : null,
    f.after !== undefined ? h('ins', { dir: 'auto' }, f.after) : null,
  );
}

function renderDiff(data) {
  const nothing = data.entries.length === 0 && data.general.length === 0;
  const { errors, warnings } = data.check;
  replaceChildren(
    byId('diff-body'),
    h('p', {}, data.baseVersion ? `Compared with the live version ${data.baseVersion}:` : 'Compared with the live file:'),
    nothing ? h('p', { class: 'hint' }, 'No change: this text is what is live.') : null,
    h(
      'ul',
      { class: 'diff-entries' },
      data.entries.map((e) =>
        h(
          'li',
          { class: `diff-entry ${e.change}`, dataset: { id: e.id, change: e.change } },
          h('strong', {}, `${LABEL[e.change]}: `, h('code', {}, e.id)),
          e.change === 'removed' ? null : h('ul', {}, e.fields.map(fieldRow)),
        ),
      ),
      data.general.length
        ? h(
            'li',
            { class: 'diff-entry changed', dataset: { change: 'general' } },
            h('strong', {}, 'File settings'),
            h('ul', {}, data.general.map(fieldRow)),
          )
        : null,
    ),
    errors.length
      ? h(
          'div',
          {},
          h('p', { class: 'bad-line' }, `${errors.length} problem${errors.length === 1 ? '' : 's'}: this cannot be published`),
          h(
            'ol',
            { class: 'problems' },
            errors.map((p) => problemItem(p, 'error')),
          ),
        )
      : h('p', { class: 'ok-line' }, 'Every check passes (test cases included).'),
    warnings.length
      ? h(
          'details',
          {},
          h('summary', {}, `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`),
          h(
            'ol',
            { class: 'problems' },
            warnings.map((p) => problemItem(p, 'warning')),
          ),
        )
      : null,
  );
  byId('diff-publish').disabled = errors.length > 0 || nothing;
}

/** Publish, step one: ask for the diff and show it. */
export async function reviewPublish() {
  replaceChildren(byId('problems'), h('p', { class: 'hint' }, 'Comparing with the live version and checking (test cases included)…'));
  const { status, data } = await send('/api/knowledge/diff', { text: editor.value });
  if (status === 422) {
    renderProblems(data.errors, data.warnings, 'The text does not parse: fix these first');
    if (data.errors[0]) goTo(data.errors[0].line, data.errors[0].column);
    return;
  }
  if (status !== 200) throw new Error(data?.message ?? data?.error ?? `diff failed (${status})`);
  replaceChildren(byId('problems'));
  shown = data.shown;
  renderDiff(data);
  dialog.showModal();
  (byId('diff-publish').disabled ? byId('diff-cancel') : byId('diff-publish')).focus();
}

/** Publish, step two: the text whose diff was shown, with its "shown". */
async function publishShown() {
  const button = byId('diff-publish');
  button.disabled = true;
  try {
    const { status, data } = await send('/api/knowledge/publish', {
      text: editor.value,
      message: byId('publish-message').value.trim(),
      shown,
    });
    dialog.close();
    if (status === 422) {
      renderProblems(data.problems, [], 'Not published: the live version keeps answering. Fix these first:');
      notice('Not published: see the problems under the editor', 'error');
      if (data.problems[0]) goTo(data.problems[0].line, data.problems[0].column);
      await load(false);
      return;
    }
    if (status === 409) {
      notice(`Not published: ${data.message}`, 'error');
      return;
    }
    if (status !== 200) throw new Error(data?.message ?? data?.error ?? `publish failed (${status})`);
    byId('publish-message').value = '';
    notice(data.unchanged ? 'No change: this text is the live version' : `Published: version ${data.version.version} is live`);
    renderProblems([], data.status.warnings ?? [], 'Published.');
    await load(true);
  } catch (err) {
    notice(err.message, 'error');
  } finally {
    button.disabled = false;
  }
}

byId('diff-publish').addEventListener('click', publishShown);
byId('diff-cancel').addEventListener('click', () => dialog.close());
// A problem's place in the editor: close the dialog to show it.
byId('diff-body').addEventListener('click', (e) => {
  if (e.target.closest('button.goto')) dialog.close();
});
