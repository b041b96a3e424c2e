import { h, replaceChildren } from './dom.js';
import { knowledge } from './knowledge-editor.js';
import { textField } from './knowledge-form-fields.js';
import { replyPreviews } from './knowledge-reply-preview.js';
import { fromPicker, toPicker, windowSummary, windowZone } from './knowledge-window.js';

// Two parts of the knowledge form with live feedback: the window (pickers in the window's time zone
// and a summary in plain words) and the reply (scripts per channel, each channel's post previewed
// with its length and limit). `set(field, after)` writes a field to the draft.

export function windowSection({ state, set }) {
  const zoneNow = () => windowZone(state.entry.window, state.file.timezone);
  const summary = h('p', { id: 'kf-window-summary', class: 'kf-summary', 'aria-live': 'polite' });
  const show = () => (summary.textContent = windowSummary(state.entry.window, state.file.timezone));
  const edit = (key, value) => {
    const w = { ...(state.entry.window ?? {}) };
    if (value) w[key] = value;
    else delete w[key];
    // Written as the file documents a window: start, end, then its time zone.
    const { start, end, timezone, ...rest } = w;
    const ordered = Object.fromEntries(Object.entries({ start, end, timezone, ...rest }).filter(([, v]) => v !== undefined));
    set('window', show)(Object.keys(ordered).length ? ordered : undefined);
  };
  const picker = (key, label) =>
    h(
      'div',
      { class: 'kf-field' },
      h('label', { for: `kf-${key}` }, label),
      h('input', {
        id: `kf-${key}`,
        type: 'datetime-local',
        value: toPicker(state.entry.window?.[key], zoneNow()),
        on: { change: (e) => edit(key, fromPicker(e.currentTarget.value, Boolean(state.entry.window?.timezone || state.file.timezone))) },
      }),
    );
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  show();
  return h(
    'fieldset',
    { class: 'kf-field kf-window' },
    h('legend', {}, 'When it is live'),
    h(
      'div',
      { class: 'kf-inline' },
      picker('start', 'From'),
      picker('end', 'Until'),
      textField('Time zone', state.entry.window?.timezone ?? '', (v) => edit('timezone', v.trim()), {
        list: 'kf-zones',
        placeholder: state.file.timezone ?? 'UTC',
        id: 'kf-zone',
      }),
    ),
    h(
      'datalist',
      { id: 'kf-zones' },
      zones.map((z) => h('option', { value: z })),
    ),
    summary,
  );
}

/** The entry's reply as each channel posts it: its length, the limit and whether it is too long. */
export function previewItems(entry, channels, tone) {
  return replyPreviews(entry, channels, tone, knowledge.live?.limits).map((p) =>
    h(
      'li',
      { class: p.over ? 'over' : null, dataset: { channel: p.channel } },
      h('strong', {}, p.channel),
      h('span', { class: 'kf-length' }, ` ${p.length} / ${p.limit}${p.over ? ' · too long' : ''}${p.variant ? ' · own variant' : ''}`),
      h('blockquote', { dir: 'auto' }, p.text || '(no reply yet)'),
    ),
  );
}

export function replySection({ state, set, channels }) {
  const previews = h('ul', { id: 'kf-previews', class: 'kf-previews', 'aria-live': 'polite' });
  const showPreviews = () => replaceChildren(previews, previewItems(state.entry, channels(), state.file.tone));
  const variants = () =>
    typeof state.entry.reply === 'object' && state.entry.reply ? state.entry.reply : { default: state.entry.reply ?? '' };
  const setScript = (channel, text) => {
    const all = { ...variants(), [channel]: text };
    if (channel !== 'default' && text === undefined) delete all[channel];
    const only = Object.keys(all).length === 1;
    set('reply', showPreviews)(only ? all.default : all);
  };
  const box = h(
    'fieldset',
    { class: 'kf-field kf-reply' },
    h('legend', {}, 'Reply ', h('span', { class: 'hint' }, '{{author}}, {{title}} and the variables below')),
  );
  const scripts = h('div', {});
  const renderScripts = () => {
    const v = variants();
    replaceChildren(
      scripts,
      Object.keys(v).map((channel) =>
        h(
          'div',
          { class: 'kf-field' },
          h('label', { for: `kf-reply-${channel}` }, channel === 'default' ? 'Every channel' : `On ${channel} instead`),
          h('textarea', {
            id: `kf-reply-${channel}`,
            rows: '3',
            dir: 'auto',
            text: v[channel] ?? '',
            on: { input: (e) => setScript(channel, e.currentTarget.value) },
          }),
          channel === 'default'
            ? null
            : h(
                'button',
                {
                  type: 'button',
                  class: 'quiet',
                  on: {
                    click: () => {
                      setScript(channel, undefined);
                      renderScripts();
                      refreshAdder();
                    },
                  },
                },
                `Remove the ${channel} variant`,
              ),
        ),
      ),
    );
  };
  const addable = () => channels().filter((c) => !(c in variants()));
  const adder = h('select', { 'aria-label': 'channel of a new variant', id: 'kf-variant-channel' });
  const refreshAdder = () =>
    replaceChildren(
      adder,
      addable().map((c) => h('option', { value: c }, c)),
    );
  renderScripts();
  refreshAdder();
  showPreviews();
  box.append(
    scripts,
    h(
      'div',
      { class: 'kf-inline' },
      adder,
      h(
        'button',
        {
          type: 'button',
          class: 'quiet',
          on: {
            click: () => {
              if (!adder.value) return;
              setScript(adder.value, scriptFor());
              renderScripts();
              refreshAdder();
            },
          },
        },
        '+ a variant for this channel',
      ),
    ),
    h('p', { class: 'hint' }, 'As posted, with the channel’s tone and a long customer handle; the length as the platform counts it:'),
    previews,
  );
  const scriptFor = () => variants().default ?? '';
  box.addEventListener('input', showPreviews);
  return box;
}
