import { api } from './api.js';
import { h, replaceChildren } from './dom.js';
import { clock, isoTime } from './format.js';
import { isDraft } from './knowledge-editor.js';
import { load } from './knowledge-live.js';
import { notice, send } from './knowledge-send.js';

// Learned from agents (issue 19): customers' posts that agents answered with an entry (candidate
// examples) or marked as not right for a suggested entry (candidate negative examples), per entry.
// The editor edits the text (the server strips handles, links and personal data before showing and
// again before adding it) and accepts or rejects it; accepting publishes a new version with every
// check of a publish, so nothing reaches the live model unchecked.

const KIND = { example: 'example', negative: 'not this' };

// What the live model makes of a candidate example (handoff/learning/candidate-check.ts): accepted as
// it is, such an example draws other mentions to the entry. The editor may still accept it, edited.
const WARNINGS = {
  vague: 'Vague: too few words of its own to say what it is about. Add the details, or reject it.',
  nearer_background:
    'The bot reads this as something no entry covers. Accept it only if it plainly says what this entry is about: a vague one makes the bot answer chatter.',
  nearer_other_entry: 'The bot reads this as another entry more than this one: accepted, it may pull that entry’s mentions here.',
  look_alike: 'Reads as a look-alike of this entry (thanks, arrived, a question its reply does not answer…).',
};

function byEntry(candidates) {
  const groups = new Map();
  for (const c of candidates) {
    if (!groups.has(c.entryId)) groups.set(c.entryId, { entryId: c.entryId, title: c.title, items: [] });
    groups.get(c.entryId).items.push(c);
  }
  return [...groups.values()];
}

async function accept(c, text, box) {
  const { status, data } = await send('/api/knowledge/candidates/accept', { candidates: [{ id: c.id, text }] });
  if (status === 200) {
    notice(
      `Published version ${data.version.version}: “${text}” is now ${c.kind === 'example' ? 'an example' : 'a negative example'} of ${c.entryId}.`,
    );
    // The live text changed: the editor shows it, unless the editor holds a draft of their own.
    await load(!isDraft());
  } else if (status === 422) {
    notice(`Not published: ${data?.problems?.[0]?.message ?? data?.message ?? 'the check failed'}`, 'error');
  } else {
    notice(data?.message ?? `Not published (${status})`, 'error');
  }
  await renderCandidates(box);
}

async function reject(c, box) {
  const { status, data } = await send('/api/knowledge/candidates/reject', { ids: [c.id] });
  if (status === 200) notice('Rejected: it will not be added.');
  else notice(data?.message ?? `Could not reject (${status})`, 'error');
  await renderCandidates(box);
}

function candidateRow(c, box) {
  const input = h('textarea', { rows: 2, maxlength: 1000, dir: 'auto', 'aria-label': `Text of candidate ${c.id}` });
  // As shown when drawn (defaultValue): what the editor changed since is told apart by it.
  input.defaultValue = c.text;
  const acceptButton = h('button', { type: 'button', class: 'primary', dataset: { action: 'accept' } }, 'Accept');
  const rejectButton = h('button', { type: 'button', dataset: { action: 'reject' } }, 'Reject');
  const busy = (fn) => async () => {
    acceptButton.disabled = rejectButton.disabled = true;
    try {
      await fn();
    } catch (err) {
      notice(err.message, 'error');
      acceptButton.disabled = rejectButton.disabled = false;
    }
  };
  acceptButton.addEventListener(
    'click',
    busy(() => accept(c, input.value.trim(), box)),
  );
  rejectButton.addEventListener(
    'click',
    busy(() => reject(c, box)),
  );
  input.addEventListener('input', () => (acceptButton.disabled = input.value.trim() === ''));
  return h(
    'li',
    { class: 'candidate', dataset: { id: String(c.id), kind: c.kind } },
    h('span', { class: `kind ${c.kind}` }, KIND[c.kind]),
    input,
    c.warnings?.length
      ? h(
          'ul',
          { class: 'candidate-warnings', 'aria-label': 'Before accepting' },
          c.warnings.map((w) => h('li', { dataset: { warning: w } }, WARNINGS[w] ?? w)),
        )
      : null,
    h(
      'div',
      { class: 'candidate-actions' },
      acceptButton,
      rejectButton,
      h('span', { class: 'by' }, 'from ', h('bdi', {}, c.agent), ' · ', h('time', { datetime: isoTime(c.at) }, clock(c.at))),
    ),
  );
}

/** The editor's own edits of the texts shown, by candidate id: a refresh must not throw them away. */
function editsIn(box) {
  const edits = new Map();
  for (const li of box.querySelectorAll('li.candidate')) {
    const area = li.querySelector('textarea');
    if (area && area.value !== area.defaultValue) edits.set(li.dataset.id, { value: area.value, focused: document.activeElement === area });
  }
  return edits;
}

export async function renderCandidates(box) {
  const { candidates } = await api('/api/knowledge/candidates');
  const groups = byEntry(candidates);
  // Read after the listing came back: the editor may have typed while it was on its way.
  const edits = editsIn(box);
  replaceChildren(
    box,
    groups.length === 0
      ? h('p', { class: 'hint' }, 'Nothing to review: posts agents answer with an entry show up here.')
      : groups.map((g) =>
          h(
            'div',
            { class: 'candidates-entry', dataset: { entry: g.entryId } },
            h(
              'h4',
              {},
              h('bdi', {}, g.title ?? g.entryId),
              g.title ? h('span', { class: 'hint' }, ` ${g.entryId}`) : ' (no longer in the file)',
            ),
            h(
              'ul',
              { class: 'candidate-list' },
              g.items.map((c) => candidateRow(c, box)),
            ),
          ),
        ),
  );
  for (const [id, edit] of edits) {
    const area = box.querySelector(`li.candidate[data-id="${CSS.escape(id)}"] textarea`);
    if (!area) continue;
    area.value = edit.value;
    area.dispatchEvent(new Event('input'));
    if (edit.focused) area.focus();
  }
}

function mount() {
  const side = document.querySelector('.side-pane');
  if (!side) return null;
  const box = h('div', { id: 'candidates' });
  const section = h(
    'section',
    { id: 'candidates-section', 'aria-labelledby': 'candidates-title' },
    h('h2', { id: 'candidates-title' }, 'Learned from agents'),
    h('p', { class: 'hint' }, 'Accepting publishes a new version (“learned examples”) with every check of a publish.'),
    box,
  );
  const entries = document.getElementById('entries')?.closest('section');
  if (entries) entries.before(section);
  else side.prepend(section);
  return box;
}

const box = mount();
if (box) {
  const refresh = () => void renderCandidates(box).catch((err) => notice(err.message, 'error'));
  // After every version that goes live (the page rewrites its live-version line), and now.
  new MutationObserver(refresh).observe(document.getElementById('live-version'), { childList: true, characterData: true, subtree: true });
  refresh();
}
