import { h, replaceChildren } from './dom.js';
import { dayStart, zoneDay, zoneName, zoneTime } from './knowledge-zone.js';

// The calendar (issue 23): every entry's window on one timeline, from a few days back to a few
// weeks ahead, in the file's time zone, so overlaps and gaps between campaigns show at a glance.
// Each row says its window in words too (screen readers, and anyone who prefers to read).

const DAY = 86_400_000;
const BACK_DAYS = 3;
const AHEAD_DAYS = 21;

const instant = (iso) => (iso ? Date.parse(iso) : undefined);

/** The window in words: "live since Fri 28 Nov, 09:00 until Mon 1 Dec, 00:00". */
export function windowWords(zone, start, end, now) {
  const t = (x) => zoneTime(zone, x);
  if (start === undefined && end === undefined) return 'always on';
  if (end === undefined) return `${start > now ? 'from' : 'live since'} ${t(start)}, no end`;
  if (end <= now) return start === undefined ? `ended ${t(end)}` : `was on from ${t(start)} to ${t(end)}`;
  if (start === undefined) return `on until ${t(end)}`;
  return `${start > now ? 'from' : 'live since'} ${t(start)} until ${t(end)}`;
}

/** Campaigns whose windows share time within the range, and the gaps between consecutive campaigns. */
export function overlapsAndGaps(rows, from, to) {
  const overlaps = [];
  // A campaign with no window at all is on all the time: it overlaps everything and leaves no gap, so
  // it would only drown the campaigns that are planned.
  const campaigns = rows.filter((r) => r.entry.kind === 'campaign' && (r.entry.start || r.entry.end)).sort((x, y) => x.s - y.s);
  for (let i = 0; i < campaigns.length; i++) {
    for (let j = i + 1; j < campaigns.length; j++) {
      const a = campaigns[i];
      const b = campaigns[j];
      const s = Math.max(a.s, b.s, from);
      const e = Math.min(a.e, b.e, to);
      if (s < e) overlaps.push({ a: a.entry, b: b.entry, s, e });
    }
  }
  const gaps = [];
  let reach = -Infinity;
  for (const c of campaigns) {
    if (reach !== -Infinity && c.s > reach && c.s > from && reach < to) gaps.push({ s: Math.max(reach, from), e: Math.min(c.s, to) });
    reach = Math.max(reach, c.e);
  }
  return { overlaps, gaps };
}

const pct = (x) => `${(x * 100).toFixed(3)}%`;

export function renderCalendar(box, data) {
  const zone = data.timezone;
  const now = Date.parse(data.now);
  const from = dayStart(zone, now - BACK_DAYS * DAY);
  const to = dayStart(zone, now + (AHEAD_DAYS + 1) * DAY);
  const span = to - from;
  const at = (t) => Math.min(1, Math.max(0, (t - from) / span));
  const rows = data.entries.map((entry) => ({
    entry,
    s: instant(entry.start) ?? -Infinity,
    e: instant(entry.end) ?? Infinity,
  }));

  const days = [];
  for (let t = from; t < to; t = dayStart(zone, t + DAY + 3_600_000)) days.push(t);
  const ticks = h(
    'div',
    { class: 'cal-scale', 'aria-hidden': 'true' },
    days.map((t) => {
      const tick = h(
        'span',
        { class: `cal-day${zoneDay(zone, t + 12 * 3_600_000).startsWith('Mon') ? ' monday' : ''}` },
        zoneDay(zone, t + 12 * 3_600_000),
      );
      tick.style.left = pct(at(t));
      // A label near the right edge would be cut off (or run off a phone's screen): only its line is drawn.
      if (at(t) > 0.87) tick.classList.add('end');
      return tick;
    }),
  );
  const nowMark = () => {
    const mark = h('span', { class: 'cal-now', 'aria-hidden': 'true' });
    mark.style.left = pct(at(now));
    return mark;
  };

  const nowLabel = h('span', { class: 'cal-now-label', 'aria-hidden': 'true' }, 'now');
  nowLabel.style.left = pct(at(now));

  const list = h(
    'ol',
    { class: 'cal-rows', 'aria-label': `Windows from ${zoneTime(zone, from)} to ${zoneTime(zone, to)}, ${zoneName(zone)}` },
    rows.map(({ entry, s, e }) => {
      const words = windowWords(zone, instant(entry.start), instant(entry.end), now);
      const visible = s < to && e > from;
      const bar = h('span', {
        class: `cal-bar ${entry.kind}${s < from ? ' open-start' : ''}${e > to ? ' open-end' : ''}${e <= now ? ' past' : ''}`,
        'aria-hidden': 'true',
      });
      if (visible) {
        bar.style.left = pct(at(s));
        bar.style.width = pct(Math.max(at(e) - at(s), 0.004));
      } else bar.hidden = true;
      return h(
        'li',
        { class: 'cal-row', dataset: { entry: entry.id } },
        h(
          'span',
          { class: 'cal-label' },
          h('span', { class: `cal-kind ${entry.kind}` }, entry.kind),
          ' ',
          h('span', { class: 'cal-title', dir: 'auto' }, entry.title),
        ),
        h(
          'span',
          { class: 'cal-track' },
          bar,
          nowMark(),
          visible ? null : h('span', { class: 'hint cal-outside' }, e <= from ? 'ended before this range' : 'starts after this range'),
        ),
        h('span', { class: 'cal-words' }, words),
      );
    }),
  );

  const { overlaps, gaps } = overlapsAndGaps(rows, from, to);
  const spanText = (x) => `${zoneTime(zone, x.s)} – ${x.e >= to ? 'beyond' : zoneTime(zone, x.e)}`;
  replaceChildren(
    box,
    h('p', { class: 'hint' }, `Last ${BACK_DAYS} days and next ${AHEAD_DAYS} days, ${zoneName(zone)}.`),
    h(
      'div',
      { class: 'cal-frame' },
      h('div', { class: 'cal-head' }, h('span', { class: 'cal-label' }), h('span', { class: 'cal-track' }, ticks, nowMark(), nowLabel)),
      list,
    ),
    h(
      'ul',
      { class: 'cal-notes', 'aria-label': 'Overlaps and gaps' },
      overlaps.map((o) => h('li', { class: 'cal-overlap' }, h('strong', {}, 'Overlap: '), `${o.a.id} and ${o.b.id}, ${spanText(o)}`)),
      gaps.map((g) => h('li', { class: 'cal-gap' }, h('strong', {}, 'No campaign: '), spanText(g))),
      overlaps.length + gaps.length === 0 ? h('li', { class: 'hint' }, 'No overlaps, no gaps between campaigns.') : null,
    ),
  );
}
