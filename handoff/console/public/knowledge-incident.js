import { byId, h, replaceChildren } from './dom.js';
import { editor, isDraft, setText } from './knowledge-editor.js';
import { load } from './knowledge-live.js';
import { notice, send } from './knowledge-send.js';
import { fromLocalInput, zoneName, zoneTime } from './knowledge-zone.js';

// New incident in one minute (issue 23): what is broken, since when, what customers should do, a
// link; keywords and phrasings suggested from recent handoffs that resemble it; the entry added to
// the draft and previewed, then published as any draft. And "End now" for each incident live now.
// Customer text (the suggestions) is shown with textContent only.

const state = { zone: 'UTC', suggestions: null };

const field = (id, label, input, hint) =>
  h(
    'div',
    { class: 'ni-field' },
    h('label', { for: id }, label),
    input,
    hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null,
  );

function form() {
  return h(
    'form',
    { id: 'incident-form', class: 'ni-form', hidden: true, on: { submit: addToDraft } },
    field(
      'ni-title',
      'What is broken',
      h('input', { id: 'ni-title', required: true, maxlength: '120', placeholder: 'e.g. Checkout payments failing' }),
    ),
    field('ni-since', 'Since', h('input', { id: 'ni-since', type: 'datetime-local', 'aria-describedby': 'ni-since-hint' }), 'empty: now'),
    field(
      'ni-action',
      'What customers should do',
      h('textarea', {
        id: 'ni-action',
        rows: '2',
        required: true,
        maxlength: '280',
        placeholder: 'e.g. Please wait before paying again: you will not be charged twice',
      }),
    ),
    field(
      'ni-link',
      'Link (optional)',
      h('input', { id: 'ni-link', type: 'url', maxlength: '300', placeholder: 'https://status.example.com' }),
    ),
    h(
      'div',
      { class: 'ni-bar' },
      h('button', { type: 'button', id: 'ni-suggest', on: { click: suggest } }, 'Suggest keywords and phrasings'),
      h('button', { type: 'button', class: 'quiet', on: { click: () => toggle(false) } }, 'Cancel'),
    ),
    h('div', { id: 'ni-suggestions', 'aria-live': 'polite' }),
    h('div', { class: 'ni-bar' }, h('button', { type: 'submit', class: 'primary', id: 'ni-add' }, 'Add to the draft and preview')),
  );
}

export function toggle(open) {
  byId('incident-form').hidden = !open;
  byId('new-incident').setAttribute('aria-expanded', String(open));
  if (open) {
    byId('ni-since-hint').textContent = `${zoneName(state.zone)}; empty: now`;
    byId('incident-section').scrollIntoView({ block: 'start' });
    byId('ni-title').focus();
  }
}

const choice = (name, value, label, checked, extra) =>
  h('li', {}, h('label', {}, h('input', { type: 'checkbox', name, value, checked }), ' ', h('span', { dir: 'auto' }, label), extra));

async function suggest() {
  const title = byId('ni-title').value.trim();
  if (title.length < 3) {
    notice('Say what is broken first (at least 3 characters)', 'error');
    byId('ni-title').focus();
    return;
  }
  const out = byId('ni-suggestions');
  replaceChildren(out, h('p', { class: 'hint' }, 'Looking at last week’s handed-off mentions…'));
  const { status, data } = await send('/api/knowledge/incidents/suggest', { description: title });
  if (status !== 200) return replaceChildren(out, h('p', { class: 'bad-line' }, data?.message ?? `no suggestions (${status})`));
  state.suggestions = data;
  replaceChildren(
    out,
    h('p', { class: 'hint' }, `${data.examples.length} of ${data.compared} handed-off mentions of the last week resemble it.`),
    h(
      'fieldset',
      { class: 'ni-choices' },
      h('legend', {}, 'Keywords'),
      h(
        'ul',
        {},
        data.keywords.map((k, i) => choice('ni-keyword', k, k, i < 4)),
      ),
    ),
    h('label', { for: 'ni-more', class: 'hint' }, 'More keywords, separated by commas'),
    h('input', { id: 'ni-more', maxlength: '300' }),
    data.examples.length
      ? h(
          'fieldset',
          { class: 'ni-choices' },
          h('legend', {}, 'Example phrasings (from customers)'),
          h(
            'ul',
            {},
            data.examples.map((e) =>
              choice(
                'ni-example',
                e.text,
                e.text,
                true,
                h('span', { class: 'hint' }, ` · ${e.channel}, ${zoneTime(state.zone, e.receivedAt)}`),
              ),
            ),
          ),
        )
      : h('p', { class: 'hint' }, 'No similar handoffs: the keywords alone will recognise it; add example phrasings in the file later.'),
  );
}

const checked = (name) => [...document.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);

async function addToDraft(event) {
  event.preventDefault();
  if (!state.suggestions) await suggest();
  if (!state.suggestions) return;
  const more = (byId('ni-more')?.value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length >= 2);
  const since = byId('ni-since').value;
  const body = {
    text: editor.value,
    title: byId('ni-title').value.trim(),
    action: byId('ni-action').value.trim(),
    keywords: [...checked('ni-keyword'), ...more],
    examples: checked('ni-example'),
  };
  if (since) body.since = new Date(fromLocalInput(state.zone, since)).toISOString();
  const link = byId('ni-link').value.trim();
  if (link) body.link = link;
  const { status, data } = await send('/api/knowledge/incidents/draft', body);
  if (status !== 200) return notice(data?.message ?? `not added (${status})`, 'error');
  setText(data.text);
  byId('publish-message').value = `New incident: ${body.title}`;
  toggle(false);
  state.suggestions = null;
  replaceChildren(byId('ni-suggestions'));
  notice(`${data.id} is in the draft, live from ${zoneTime(state.zone, Date.parse(data.start))}: check the preview, then Publish`);
  // The preview of a customer's words (or the title) with the draft: what the bot would answer.
  byId('preview-text').value = body.examples[0] ?? body.keywords[0] ?? body.title;
  byId('preview-draft').checked = true;
  byId('preview-form').requestSubmit();
  byId('preview-title').scrollIntoView({ block: 'start' });
  document.dispatchEvent(new CustomEvent('knowledge-draft-changed'));
}

async function endNow(entry) {
  if (!confirm(`End "${entry.title}" now? The bot stops answering with it at once (published as a new version).`)) return;
  // Published from the live text: unpublished edits in the editor stay, without this end.
  const edited = isDraft();
  const { status, data } = await send(`/api/knowledge/incidents/${encodeURIComponent(entry.id)}/end`, {});
  if (status !== 200) return notice(data?.message ?? `not ended (${status})`, 'error');
  await load(!edited);
  notice(
    edited
      ? `Ended ${entry.id}: version ${data.version.version} is live. Your edits in the editor are kept and do not have this end: take it over before publishing them.`
      : `Ended ${entry.id}: version ${data.version.version} is live`,
    edited ? 'error' : 'ok',
  );
}

/** The incidents answering now, each with End now. */
export function renderLiveIncidents(live, zone) {
  state.zone = zone;
  const open = live.entries.filter((e) => e.kind === 'incident' && e.active);
  replaceChildren(
    byId('live-incidents'),
    open.length === 0
      ? h('p', { class: 'hint' }, 'No incident is live.')
      : h(
          'ul',
          { class: 'ni-live' },
          open.map((e) =>
            h(
              'li',
              {},
              h('span', {}, h('strong', {}, e.title), ' ', h('code', {}, e.id)),
              h('span', { class: 'hint' }, e.window?.start ? `since ${zoneTime(zone, Date.parse(e.window.start))}` : 'no start'),
              h(
                'button',
                { type: 'button', class: 'danger', 'aria-label': `End ${e.title} now`, on: { click: () => endNow(e) } },
                'End now',
              ),
            ),
          ),
        ),
  );
}

export function incidentSection() {
  return h(
    'section',
    { id: 'incident-section', 'aria-labelledby': 'incident-title' },
    h(
      'div',
      { class: 'ni-head' },
      h('h2', { id: 'incident-title' }, 'Incidents'),
      h(
        'button',
        {
          type: 'button',
          id: 'new-incident',
          class: 'primary',
          'aria-expanded': 'false',
          'aria-controls': 'incident-form',
          on: { click: () => toggle(byId('incident-form').hidden) },
        },
        'New incident',
      ),
    ),
    form(),
    h('div', { id: 'live-incidents' }),
  );
}
