import { byId, h, replaceChildren } from './dom.js';
import { goTo } from './knowledge-editor.js';

// Problems and warnings of a knowledge text, each a link to its line and column in the editor.

export function problemItem(p, level) {
  const where = `${p.line}:${p.column}`;
  return h(
    'li',
    { class: `problem ${level}` },
    h(
      'button',
      {
        type: 'button',
        class: 'quiet goto',
        title: `Go to line ${p.line}, column ${p.column}`,
        on: { click: () => goTo(p.line, p.column) },
      },
      where,
    ),
    ' ',
    p.path ? h('code', {}, p.path) : null,
    p.path ? ' ' : null,
    h('span', { class: 'problem-text' }, p.message),
  );
}

/** Errors (nothing can be published) and warnings of the text in the editor, each a link to its place. */
export function renderProblems(errors, warnings, heading) {
  const box = byId('problems');
  if (errors.length === 0 && warnings.length === 0) {
    replaceChildren(box, h('p', { class: 'ok-line' }, heading ?? 'No problems: this text can be published.'));
    return;
  }
  replaceChildren(
    box,
    h(
      'p',
      { class: errors.length ? 'bad-line' : 'ok-line' },
      heading ??
        (errors.length
          ? `${errors.length} problem${errors.length === 1 ? '' : 's'}: fix before publishing`
          : 'Can be published, with warnings'),
    ),
    errors.length
      ? h(
          'ol',
          { class: 'problems' },
          errors.map((p) => problemItem(p, 'error')),
        )
      : null,
    warnings.length
      ? h(
          'details',
          { open: errors.length === 0 },
          h('summary', {}, `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`),
          h(
            'ol',
            { class: 'problems' },
            warnings.map((p) => problemItem(p, 'warning')),
          ),
        )
      : null,
  );
}
