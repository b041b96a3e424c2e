import { h } from './dom.js';

// The knowledge form's inputs: each takes the value to show and a function called with the new value
// on every edit. Native inputs only (labels, tab order, keys as the browser gives them).

let ids = 0;
const nextId = (name) => `kf-${name}-${++ids}`;

/** A labelled one-line input. */
export function textField(label, value, onChange, props = {}) {
  const id = props.id ?? nextId('text');
  return h(
    'div',
    { class: 'kf-field' },
    h('label', { for: id }, label),
    h('input', { id, value: value ?? '', ...props, on: { input: (e) => onChange(e.currentTarget.value) } }),
  );
}

/** A labelled choice among fixed options. */
export function selectField(label, value, options, onChange, props = {}) {
  const id = props.id ?? nextId('select');
  return h(
    'div',
    { class: 'kf-field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, ...props, on: { change: (e) => onChange(e.currentTarget.value) } },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
  );
}

/** A list of short texts, one a line: keywords, example phrasings. */
export function listField(label, items, onChange, hint, props = {}) {
  const id = props.id ?? nextId('list');
  const lines = (items ?? []).join('\n');
  return h(
    'div',
    { class: 'kf-field kf-list' },
    h('label', { for: id }, label, ' ', h('span', { class: 'hint' }, hint ?? 'one a line')),
    h('textarea', {
      id,
      rows: String(Math.min(8, Math.max(2, (items ?? []).length + 1))),
      ...props,
      text: lines,
      on: {
        input: (e) =>
          onChange(
            e.currentTarget.value
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean),
          ),
      },
    }),
  );
}

/** Checkboxes for the channels an entry answers on; none ticked means every channel. */
export function channelsField(channels, chosen, onChange) {
  const ticked = new Set(chosen ?? []);
  const boxes = channels.map((c) =>
    h(
      'label',
      { class: 'kf-check' },
      h('input', {
        type: 'checkbox',
        value: c,
        checked: ticked.has(c),
        on: {
          change: (e) => {
            if (e.currentTarget.checked) ticked.add(c);
            else ticked.delete(c);
            onChange(channels.filter((x) => ticked.has(x)).concat([...ticked].filter((x) => !channels.includes(x))));
          },
        },
      }),
      ` ${c}`,
    ),
  );
  return h(
    'fieldset',
    { class: 'kf-field kf-channels' },
    h('legend', {}, 'Channels ', h('span', { class: 'hint' }, 'none ticked: every channel')),
    boxes,
  );
}
