import { editor, setText } from './knowledge-editor.js';
import { showView } from './knowledge-form.js';
import { notice, send } from './knowledge-send.js';

// "Draft an entry" on an emerging incident's banner (issue 19) opens /console/knowledge#emerging=<id>:
// the group's drafted entry is added at the end of the draft's entries, selected, for the editor to
// write its reply, check and publish as any draft.

export async function openEmergingDraft() {
  const match = /^#emerging=([a-z0-9-]{1,64})$/.exec(location.hash);
  if (!match) return;
  const { status, data } = await send(`/api/emerging/${match[1]}/draft`, { text: editor.value });
  if (status !== 200) throw new Error(data?.message ?? `could not add the drafted entry (${status})`);
  // The YAML view: the whole drafted entry in view, its empty reply where the editor writes.
  showView('yaml');
  setText(data.text);
  editor.dispatchEvent(new Event('input'));
  history.replaceState(null, '', location.pathname + location.search);
  const at = data.text.indexOf(`- id: ${data.id}\n`);
  if (at >= 0) {
    editor.focus();
    editor.setSelectionRange(at, at + `- id: ${data.id}`.length);
    // The selection is scrolled into view by putting the caret there (textareas do not scroll to a selection on their own).
    editor.scrollTop = Math.max(
      0,
      (data.text.slice(0, at).split('\n').length - 3) * parseFloat(getComputedStyle(editor).lineHeight || '18'),
    );
  }
  const message = document.getElementById('publish-message');
  if (message && !message.value) message.value = `New entry for an emerging incident: ${data.id}`;
  notice(`The drafted entry "${data.id}" is at the end of the draft: write its reply, check, then publish.`);
}
