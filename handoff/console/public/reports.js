import { api, ApiError } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { duration, percent } from './format.js';
import { currentUser, renderNav } from './nav.js';
import { legend, shareChart } from './sla-chart.js';

// The SLA report (issue 7): share of mentions acknowledged within 1, 5 and 60 minutes, and the
// human first response, by day, drawn as charts, with the figures in a table beneath. Mentions
// decided to need no reply (a thanks, spam, noise) are counted apart, never in the shares.

const acknowledged = [
  { label: 'within 1 min', className: 's1', value: (d) => d.acknowledged?.within1m },
  { label: 'within 5 min', className: 's2', value: (d) => d.acknowledged?.within5m },
  { label: 'within 60 min', className: 's3', value: (d) => d.acknowledged?.within60m },
];
const human = [
  {
    label: 'human first response within target',
    className: 's4',
    value: (d) => (d.humanFirstResponse?.count ? d.humanFirstResponse.withinTarget : NaN),
  },
  // Beside it, people's replies to a customer's follow-up (customer replied), against their own target.
  {
    label: 'next reply within target',
    className: 's2',
    value: (d) => (d.humanNextResponse?.count ? d.humanNextResponse.withinTarget : NaN),
  },
];

function table(days) {
  return h(
    'table',
    { class: 'figures' },
    h('caption', {}, 'Figures by day'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [
          'Day',
          'Mentions',
          'No reply needed',
          'Ack ≤ 1 min',
          'Ack ≤ 5 min',
          'Ack ≤ 60 min',
          'First replies',
          'First within target',
          'Median first response',
          'Next replies',
          'Next within target',
          'Median next reply',
        ].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      days.map((d) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, d.day),
          h('td', {}, String(d.mentions)),
          h('td', {}, String(d.noReply ?? 0)),
          acknowledged.map((s) => h('td', {}, d.mentions ? percent(s.value(d)) : '–')),
          h('td', {}, String(d.humanFirstResponse?.count ?? 0)),
          h('td', {}, d.humanFirstResponse?.count ? percent(d.humanFirstResponse.withinTarget) : '–'),
          h('td', {}, d.humanFirstResponse?.medianMs != null ? duration(d.humanFirstResponse.medianMs) : '–'),
          h('td', {}, String(d.humanNextResponse?.count ?? 0)),
          h('td', {}, d.humanNextResponse?.count ? percent(d.humanNextResponse.withinTarget) : '–'),
          h('td', {}, d.humanNextResponse?.medianMs != null ? duration(d.humanNextResponse.medianMs) : '–'),
        ),
      ),
    ),
  );
}

const DAY_MS = 86_400_000;

/** Every UTC day of the period, oldest first: a day without mentions is still a day on the axis. */
export function everyDay(days, daysBack, now = Date.now()) {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: daysBack }, (_, i) => {
    const day = new Date(today - (daysBack - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    return (
      byDay.get(day) ?? {
        day,
        mentions: 0,
        noReply: 0,
        acknowledged: null,
        humanFirstResponse: { count: 0, withinTarget: null, medianMs: null },
        humanNextResponse: { count: 0, withinTarget: null, medianMs: null },
      }
    );
  });
}

async function show(daysBack) {
  const out = byId('report');
  replaceChildren(out, h('p', { class: 'hint' }, 'Loading…'));
  const report = await api(`/api/reports/sla?days=${daysBack}`);
  const days = everyDay(report.days, daysBack);
  const { humanTargetMs, nextReplyTargetMs } = report;
  // Short enough for both labels to fit the legend on a phone.
  human[0].label = humanTargetMs ? `first reply ≤ ${duration(humanTargetMs)}` : 'first reply within target';
  human[1].label = nextReplyTargetMs ? `next reply ≤ ${duration(nextReplyTargetMs)}` : 'next reply within target';
  replaceChildren(
    out,
    h('h2', {}, 'Mentions acknowledged'),
    legend(acknowledged),
    h(
      'div',
      { class: 'chart-scroll' },
      shareChart({ days, series: acknowledged, label: `Share of mentions acknowledged within 1, 5 and 60 minutes, last ${daysBack} days` }),
    ),
    h('h2', {}, 'Human first and next response'),
    legend(human),
    h(
      'div',
      { class: 'chart-scroll' },
      shareChart({
        days,
        series: human,
        label: `Share of human first responses, and of next replies to a customer's follow-up, within their SLA targets, last ${daysBack} days (n: first responses / next replies that day)`,
        note: (d) => `n=${d.humanFirstResponse?.count ?? 0}/${d.humanNextResponse?.count ?? 0}`,
      }),
    ),
    h('div', { class: 'table-scroll' }, table(days)),
  );
}

async function start() {
  renderNav('reports', await currentUser());
  const select = byId('report-days');
  select.addEventListener('change', () => show(Number(select.value)).catch(fail));
  await show(Number(select.value));
}

function fail(err) {
  if (err instanceof ApiError && err.status === 401) return;
  replaceChildren(byId('report'), h('p', { class: 'notice error', role: 'alert' }, `Could not load the report: ${err.message}`));
}

start().catch(fail);
