import { api } from './api.js';
import { h, replaceChildren } from './dom.js';
import { clock, isoTime } from './format.js';

// Answers per entry (issue 23): how many mentions each entry answered in the last day and week,
// and the latest ones, so marketing sees what an entry says in public and to whom. Customer text
// is shown with textContent only.

function latestList(e) {
  if (e.latest.length === 0) return null;
  return h(
    'details',
    { class: 'ans-latest' },
    h('summary', {}, `Latest ${e.latest.length === 1 ? 'answer' : `${e.latest.length} answers`}`),
    h(
      'ol',
      {},
      e.latest.map((m) =>
        h(
          'li',
          {},
          h(
            'div',
            { class: 'hint' },
            h('bdi', {}, m.author),
            ` on ${m.channel} · `,
            h('time', { datetime: isoTime(m.decidedAt) }, clock(m.decidedAt)),
          ),
          h('blockquote', { dir: 'auto' }, m.text),
        ),
      ),
    ),
  );
}

export async function renderAnswers(box) {
  const data = await api('/api/knowledge/answers?latest=3');
  replaceChildren(
    box,
    h(
      'table',
      { class: 'entries answers' },
      h('caption', { class: 'visually-hidden' }, 'Mentions answered per entry'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Entry'),
          h('th', { scope: 'col', class: 'num' }, 'Last 24 h'),
          h('th', { scope: 'col', class: 'num' }, 'Last 7 days'),
        ),
      ),
      // One body per entry: its counts, then its latest answers across the whole width.
      data.entries.map((e) =>
        h(
          'tbody',
          { dataset: { entry: e.entryId } },
          h(
            'tr',
            {},
            h(
              'th',
              { scope: 'row' },
              h('code', {}, e.entryId),
              e.inFile ? h('div', { class: 'hint', dir: 'auto' }, e.title) : h('div', { class: 'hint' }, 'no longer in the file'),
            ),
            h('td', { class: 'num ans-day' }, String(e.lastDay)),
            h('td', { class: 'num ans-week' }, String(e.lastWeek)),
          ),
          e.latest.length ? h('tr', { class: 'ans-latest-row' }, h('td', { colspan: '3' }, latestList(e))) : null,
        ),
      ),
    ),
    data.complete
      ? null
      : h('p', { class: 'hint' }, 'A busy week: only the most recent mentions were counted, so these are at least the counts.'),
  );
}
