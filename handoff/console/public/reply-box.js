import { h } from './dom.js';
import { postsNeeded, remaining } from './count-characters.js';

// crypto.getRandomValues works on plain http too (randomUUID needs a secure context).
const newRequestId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The reply box: a text area, the characters left in one post as the thread's platform counts
 * them, and the send button. Over the limit the count goes negative (in red) and says how many
 * posts the server will split the reply into (between words, never inside one).
 */
export function replyBox({ limits, enabled, disabledReason, onSend }) {
  const input = h('textarea', {
    id: 'reply-text',
    rows: 4,
    dir: 'auto',
    'aria-describedby': 'reply-count reply-hint',
    placeholder: enabled ? 'Reply in the customer’s thread…' : disabledReason,
    disabled: !enabled,
  });
  const count = h('span', { id: 'reply-count', class: 'count', 'aria-live': 'polite' });
  const send = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Send reply');
  const form = h(
    'form',
    { class: 'reply-box', 'aria-label': 'Reply' },
    h('label', { for: 'reply-text', class: 'visually-hidden' }, 'Reply'),
    input,
    h('div', { class: 'reply-bar' }, count, h('span', { id: 'reply-hint', class: 'hint' }, enabled ? 'Ctrl+Enter to send' : ''), send),
  );

  function update() {
    const text = input.value;
    const left = remaining(text, limits);
    const posts = postsNeeded(text, limits);
    count.textContent = left >= 0 ? `${left} characters left` : `${left} characters: will be sent as ${posts} posts`;
    count.classList.toggle('over', left < 0);
    send.disabled = !enabled || text.trim() === '';
  }

  // The knowledge entry whose reply was put in the box (suggested or picked): sent with the reply,
  // edited or not, so the customer's post can teach the bot; an emptied box forgets it.
  const chosen = { entryId: null };
  function useEntry(entryId, text) {
    input.value = text;
    chosen.entryId = entryId;
    update();
    input.focus();
  }

  // One id per draft: sending the same draft again (a retry after an error, a double submit) is
  // queued once by the server; an edited draft is a new reply.
  let draft = { text: null, requestId: null };

  async function submit(event) {
    event.preventDefault();
    if (send.disabled) return;
    send.disabled = true;
    input.readOnly = true;
    const text = input.value;
    if (draft.text !== text) draft = { text, requestId: newRequestId() };
    try {
      await onSend(text, draft.requestId, chosen.entryId);
      input.value = '';
      chosen.entryId = null;
      draft = { text: null, requestId: null };
    } finally {
      input.readOnly = false;
      update();
    }
  }

  input.addEventListener('input', () => {
    if (input.value.trim() === '') chosen.entryId = null;
    update();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
    if (event.key === 'Escape') input.blur();
  });
  form.addEventListener('submit', submit);
  update();
  return { form, input, update, useEntry, chosen };
}
