import { byId, h, replaceChildren } from './dom.js';
import { editor, isDraft, knowledge, setText } from './knowledge-editor.js';
import { reviewPublish } from './knowledge-diff.js';
import './knowledge-form.js';
import { load } from './knowledge-live.js';
import { openEmergingDraft } from './knowledge-emerging.js';
import { problemItem, renderProblems } from './knowledge-problems.js';
import { notice, send } from './knowledge-send.js';
import { currentUser, renderNav } from './nav.js';

// The knowledge editor (issue 6): the live file and its entries, a draft checked with every check a
// publish runs, a preview of the bot's answer, publish with a message, and the history with
// one-click rollback. Everything from the file or the API is shown with textContent only.

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

// Publish shows the diff first (knowledge-diff.js); the publish itself is in that dialog.
byId('publish-form').addEventListener('submit', (event) => {
  event.preventDefault();
  return withBusy(byId('publish'), reviewPublish);
});

byId('revert').addEventListener('click', () => {
  if (confirm('Drop your edits and show the live text?')) setText(knowledge.live.text);
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
      replaceChildren(
        out,
        h('p', { class: 'bad-line' }, 'The text in the editor does not parse:'),
        h(
          'ol',
          { class: 'problems' },
          data.problems.map((p) => problemItem(p, 'error')),
        ),
      );
      return;
    }
    if (status !== 200) throw new Error(data?.message ?? data?.error ?? `preview failed (${status})`);
    const u = data.understanding;
    replaceChildren(
      out,
      h(
        'p',
        { class: data.decision === 'answered' ? 'ok-line' : 'warn-line' },
        data.decision === 'answered' ? `Answers with ${data.entryId}` : 'Hands off to a person',
      ),
      // The line above says what the bot does; the API's sentence restates it before its colon.
      h('p', { class: 'hint' }, sentence(data.why.replace(/^[^:]*:\s*/, ''))),
      data.reply ? h('blockquote', { class: 'reply-preview', dir: 'auto' }, data.reply.text) : null,
      u
        ? h(
            'p',
            { class: 'hint' },
            `intent ${u.intent} · confidence ${Number(u.confidence).toFixed(2)}${u.sentiment ? ` · ${u.sentiment}` : ''}${u.complaint ? ' · complaint' : ''}`,
          )
        : null,
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
  await openEmergingDraft();
})().catch((err) => notice(err.message, 'error'));

const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);
