import { h } from './dom.js';

// The knowledge form's repeated rows, each with add and remove: variables and test cases.

/**
 * A fieldset of rows the person adds and removes: `cells(row)` draws a row's inputs (which call
 * `emit` as they change), `blank()` is a new row, `emit` reports the rows kept.
 */
function rowsField({ legend, hint, rowClass, rows, cells, removeLabel, addLabel, blank, emit }) {
  const box = h('fieldset', { class: 'kf-field kf-rows' }, h('legend', {}, `${legend} `, h('span', { class: 'hint' }, hint)));
  const list = h('div', {});
  const render = () => {
    list.replaceChildren(
      ...rows.map((row, i) =>
        h(
          'div',
          { class: rowClass },
          ...cells(row),
          h(
            'button',
            {
              type: 'button',
              class: 'quiet',
              'aria-label': removeLabel(row),
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
            rows.push(blank());
            render();
          },
        },
      },
      addLabel,
    ),
  );
  return box;
}

/** Rows of name and value with add and remove: the entry's {{variables}}. */
export function varsField(vars, onChange) {
  const rows = Object.entries(vars ?? {});
  const emit = () => onChange(Object.fromEntries(rows.filter(([n]) => n.trim() !== '').map(([n, v]) => [n.trim(), v])));
  const input = (row, index, label) =>
    h('input', {
      'aria-label': label,
      value: row[index],
      on: {
        input: (e) => {
          row[index] = e.currentTarget.value;
          emit();
        },
      },
    });
  return rowsField({
    legend: 'Variables',
    hint: 'used as {{name}} in the reply',
    rowClass: 'kf-row',
    rows,
    cells: (row) => [input(row, 0, 'variable name'), input(row, 1, 'variable value')],
    removeLabel: (row) => `remove variable ${row[0]}`,
    addLabel: '+ variable',
    blank: () => ['', ''],
    emit,
  });
}

/** Test cases: a mention text, optionally a channel, and what the bot must do. */
export function testsField(tests, channels, expectations, onChange) {
  const rows = (tests ?? []).map((t) => ({ ...t }));
  const emit = () => onChange(rows.filter((t) => t.text?.trim()).map((t) => ({ ...t })));
  const cells = (row) => [
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
  ];
  return rowsField({
    legend: 'Test cases',
    hint: 'a mention and what the bot must do',
    rowClass: 'kf-row kf-test',
    rows,
    cells,
    removeLabel: () => 'remove test case',
    addLabel: '+ test case',
    blank: () => ({ text: '', expect: expectations[0][0] }),
    emit,
  });
}
