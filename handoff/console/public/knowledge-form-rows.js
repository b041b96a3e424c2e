import { h } from './dom.js';

// The knowledge form's repeated rows, each with add and remove: variables and test cases.

/** Rows of name and value with add and remove: the entry's {{variables}}. */
export function varsField(vars, onChange) {
  const rows = Object.entries(vars ?? {});
  const emit = () => onChange(Object.fromEntries(rows.filter(([n]) => n.trim() !== '').map(([n, v]) => [n.trim(), v])));
  const box = h(
    'fieldset',
    { class: 'kf-field kf-rows' },
    h('legend', {}, 'Variables ', h('span', { class: 'hint' }, 'used as {{name}} in the reply')),
  );
  const list = h('div', {});
  const render = () => {
    list.replaceChildren(
      ...rows.map((row, i) =>
        h(
          'div',
          { class: 'kf-row' },
          h('input', {
            'aria-label': 'variable name',
            value: row[0],
            on: {
              input: (e) => {
                row[0] = e.currentTarget.value;
                emit();
              },
            },
          }),
          h('input', {
            'aria-label': 'variable value',
            value: row[1],
            on: {
              input: (e) => {
                row[1] = e.currentTarget.value;
                emit();
              },
            },
          }),
          h(
            'button',
            {
              type: 'button',
              class: 'quiet',
              'aria-label': `remove variable ${row[0]}`,
              on: {
                click: () => {
                  rows.splice(i, 1);
                  render();
                  emit();
                },
              },
            },
            '×',
          ),
        ),
      ),
    );
  };
  render();
  box.append(
    list,
    h(
      'button',
      {
        type: 'button',
        class: 'quiet',
        on: {
          click: () => {
            rows.push(['', '']);
            render();
          },
        },
      },
      '+ variable',
    ),
  );
  return box;
}

/** Test cases: a mention text, optionally a channel, and what the bot must do. */
export function testsField(tests, channels, expectations, onChange) {
  const rows = (tests ?? []).map((t) => ({ ...t }));
  const emit = () => onChange(rows.filter((t) => t.text?.trim()).map((t) => ({ ...t })));
  const box = h(
    'fieldset',
    { class: 'kf-field kf-rows' },
    h('legend', {}, 'Test cases ', h('span', { class: 'hint' }, 'a mention and what the bot must do')),
  );
  const list = h('div', {});
  const render = () => {
    list.replaceChildren(
      ...rows.map((row, i) =>
        h(
          'div',
          { class: 'kf-row kf-test' },
          h('input', {
            'aria-label': 'mention text',
            class: 'kf-grow',
            value: row.text ?? '',
            on: {
              input: (e) => {
                row.text = e.currentTarget.value;
                emit();
              },
            },
          }),
          h(
            'select',
            {
              'aria-label': 'channel of the test case',
              on: {
                change: (e) => {
                  if (e.currentTarget.value) row.channel = e.currentTarget.value;
                  else delete row.channel;
                  emit();
                },
              },
            },
            [['', 'any channel'], ...channels.map((c) => [c, c])].map(([v, t]) =>
              h('option', { value: v, selected: (row.channel ?? '') === v }, t),
            ),
          ),
          h(
            'select',
            {
              'aria-label': 'what the bot must do',
              on: {
                change: (e) => {
                  row.expect = e.currentTarget.value;
                  emit();
                },
              },
            },
            expectations.map(([v, t]) => h('option', { value: v, selected: row.expect === v }, t)),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'quiet',
              'aria-label': 'remove test case',
              on: {
                click: () => {
                  rows.splice(i, 1);
                  render();
                  emit();
                },
              },
            },
            '×',
          ),
        ),
      ),
    );
  };
  render();
  box.append(
    list,
    h(
      'button',
      {
        type: 'button',
        class: 'quiet',
        on: {
          click: () => {
            rows.push({ text: '', expect: expectations[0][0] });
            render();
          },
        },
      },
      '+ test case',
    ),
  );
  return box;
}
