import { api } from './api.js';
import { h } from './dom.js';
import { clock, isoTime } from './format.js';

// Internal notes: the team's words on a thread, placed in the conversation by time but styled apart
// (never mistaken for a public reply), and a box to add one. They are never sent to the platform.

const NOTE_MAX = 2000;
/** Drafts per thread, kept across the thread's live redraws. */
const drafts = new Map();
/** Threads whose note box was opened: a live redraw draws it open again. */
const opened = new Set();

function noteItem(note) {
  return h(
    'li',
    { class: 'msg note', dataset: { noteId: String(note.id) } },
    h(
      'div',
      { class: 'msg-head' },
      h('span', { class: 'note-tag' }, 'Internal note'),
      h('bdi', { class: 'author' }, note.author),
      h('time', { datetime: isoTime(note.at) }, clock(note.at)),
      h('span', { class: 'note-private' }, 'only your team sees this'),
    ),
    h('p', { class: 'msg-text', dir: 'auto' }, note.text),
  );
}

/** Puts each note in the transcript after the posts made before it. */
function placeNotes(transcript, notes) {
  for (const old of transcript.querySelectorAll('li.note')) old.remove();
  const posts = [...transcript.children];
  for (const note of notes) {
    const at = isoTime(note.at);
    const before = posts.find((li) => (li.querySelector('time')?.getAttribute('datetime') ?? '') > at);
    transcript.insertBefore(noteItem(note), before ?? null);
  }
}

function noteBox(key, onSaved, say) {
  const text = h('textarea', {
    id: 'note-text',
    rows: 2,
    maxlength: NOTE_MAX,
    placeholder: 'Visible to your team only; never sent to the customer',
    'aria-label': 'Internal note',
  });
  text.value = drafts.get(key) ?? '';
  text.addEventListener('input', () => drafts.set(key, text.value));
  const save = h('button', { type: 'submit' }, 'Save note');
  const form = h(
    'form',
    {
      class: 'note-form',
      on: {
        submit: async (e) => {
          e.preventDefault();
          if (!text.value.trim()) return;
          save.disabled = true;
          try {
            await api(`/api/threads/${encodeURIComponent(key)}/notes`, { method: 'POST', body: { text: text.value } });
            drafts.delete(key);
            text.value = '';
            say('Note saved (not sent to the customer).', 'ok');
            await onSaved();
          } catch (err) {
            say(err.message);
          } finally {
            save.disabled = false;
          }
        },
      },
    },
    text,
    save,
  );
  const box = h(
    'details',
    { class: 'note-box', open: text.value || opened.has(key) ? '' : null },
    h('summary', {}, 'Add an internal note'),
    form,
  );
  box.addEventListener('toggle', () => (box.open ? opened.add(key) : opened.delete(key)));
  return box;
}

/** After the thread pane is drawn: its notes in the transcript, and the note box below it. */
export async function showNotes(pane, key, say) {
  const load = async () => {
    const { notes } = await api(`/api/threads/${encodeURIComponent(key)}/notes`);
    if (pane.dataset.key && pane.dataset.key !== key) return;
    const transcript = pane.querySelector('ol.transcript');
    if (transcript) placeNotes(transcript, notes);
  };
  const scroller = pane.querySelector('.thread-scroll');
  if (scroller && !scroller.querySelector('.note-box')) scroller.append(noteBox(key, load, say));
  await load();
}
