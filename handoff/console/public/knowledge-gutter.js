// Line numbers for a textarea whose long lines wrap: each number beside its line's first row and
// blank rows for the rest. Rows are counted from the monospace character width, as the textarea
// breaks lines anywhere (CSS line-break: anywhere), so numbers and lines stay side by side.

let probe;
const widths = new Map();

function charWidth(textarea) {
  const style = getComputedStyle(textarea);
  if (widths.has(style.font)) return widths.get(style.font);
  probe ??= Object.assign(document.createElement('span'), { textContent: 'x'.repeat(100) });
  probe.style.font = style.font;
  probe.style.position = 'absolute';
  probe.style.visibility = 'hidden';
  probe.style.whiteSpace = 'pre';
  document.body.append(probe);
  const width = probe.getBoundingClientRect().width / 100;
  probe.remove();
  if (width) widths.set(style.font, width);
  return width || 8;
}

/** The gutter's text for the textarea's current text and width. */
export function wrappedNumbers(textarea) {
  const style = getComputedStyle(textarea);
  const inner = textarea.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const columns = Math.max(10, Math.floor(inner / charWidth(textarea)));
  const tab = Number(style.tabSize) || 2;
  const rows = [];
  textarea.value.split('\n').forEach((line, i) => {
    const width = line.replace(/\t/g, ' '.repeat(tab)).length;
    rows.push(String(i + 1));
    for (let r = 1; r < Math.ceil(width / columns); r++) rows.push('·');
  });
  return rows.join('\n');
}
