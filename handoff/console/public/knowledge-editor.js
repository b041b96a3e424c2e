import { byId } from './dom.js';
import { wrappedNumbers } from './knowledge-gutter.js';

// The knowledge editor's text area: line numbers, line:column, moving to a problem, and whether the
// text differs from the live file.

export const editor = byId('editor-text');
const gutter = byId('gutter');
/** The live knowledge as GET /api/knowledge answered (null until loaded). */
export const knowledge = { live: null };
let shownLines = '';

function lineCount(text) {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function renderGutter() {
  // Long lines wrap (nothing is cut off at the edge): a number stands beside each line's first row.
  const numbers = wrappedNumbers(editor);
  if (numbers !== shownLines) {
    shownLines = numbers;
    gutter.textContent = numbers;
  }
  gutter.scrollTop = editor.scrollTop;
}
new ResizeObserver(() => renderGutter()).observe(editor);

function cursorPosition() {
  const before = editor.value.slice(0, editor.selectionStart);
  const line = lineCount(before);
  const column = before.length - before.lastIndexOf('\n');
  byId('cursor-position').textContent = `Line ${line}, column ${column}`;
}

/** Puts the cursor at line:column (1-based) and scrolls it into view. */
export function goTo(line, column) {
  // The form view hides the text: a problem's place is shown in the YAML view.
  editor.dispatchEvent(new Event('reveal'));
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

export const isDraft = () => knowledge.live !== null && editor.value !== knowledge.live.text;

export function renderDraftState() {
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

export function setText(text) {
  editor.value = text;
  // The cursor starts at the top, not where the browser leaves it (the end).
  editor.setSelectionRange(0, 0);
  editor.scrollTop = 0;
  renderGutter();
  cursorPosition();
  renderDraftState();
  editor.dispatchEvent(new Event('textset'));
}
