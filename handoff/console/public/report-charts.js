import { svg } from './dom.js';
import { duration, percent } from './format.js';

// The team reports' charts, as inline SVG built with DOM calls. Every chart has one scale for all
// its bars (the largest period's, or 0–100% for shares), written on its axis, so bars compare.

const TOP = 14;
const BOTTOM = 34;
const LEFT = 60;

/** A round axis maximum at or above `max` (1, 2, 5 × 10^n), so ticks read as plain numbers. */
export function niceMax(max) {
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

function frame(label, width, height, kind) {
  const chart = svg('svg', { class: `chart ${kind}`, viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label });
  chart.append(svg('title', {}, label));
  return chart;
}

/**
 * Bars per period, stacked (`stacked`) or side by side. series: [{ key, label, className }];
 * `format` writes a value (axis ticks, tooltips).
 */
export function periodBars({ rows, series, label, stacked, format = String, nice = niceMax, height = 240 }) {
  const per = stacked ? 1 : series.length;
  const group = Math.max(per * 12 + 16, 46);
  const width = LEFT + Math.max(rows.length, 1) * group + 10;
  const plot = height - TOP - BOTTOM;
  const totals = rows.map((r) =>
    stacked ? series.reduce((t, s) => t + (r[s.key] ?? 0), 0) : Math.max(0, ...series.map((s) => r[s.key] ?? 0)),
  );
  const max = nice(Math.max(0, ...totals));
  const y = (v) => TOP + plot * (1 - v / max);
  const chart = frame(label, width, height, 'period-chart');
  for (const tick of [0, 0.25, 0.5, 0.75, 1].map((t) => t * max)) {
    chart.append(
      svg('line', { class: 'grid', x1: LEFT, x2: width - 4, y1: y(tick), y2: y(tick) }),
      svg('text', { class: 'axis', x: LEFT - 6, y: y(tick) + 4, 'text-anchor': 'end' }, format(tick)),
    );
  }
  rows.forEach((row, i) => {
    const x0 = LEFT + i * group + 8;
    let base = 0;
    series.forEach((s, j) => {
      const value = row[s.key];
      if (!Number.isFinite(value) || value <= 0) return;
      const top = stacked ? base + value : value;
      const bar = svg('rect', {
        class: `bar ${s.className}`,
        x: stacked ? x0 : x0 + j * 12,
        y: y(top),
        width: stacked ? group - 16 : 10,
        height: Math.max(0, y(stacked ? base : 0) - y(top)),
      });
      bar.append(svg('title', {}, `${row.period}: ${s.label} ${format(value)}`));
      chart.append(bar);
      if (stacked) base = top;
    });
    const mid = x0 + (stacked ? group - 16 : per * 12) / 2;
    if (stacked && totals[i] > 0)
      chart.append(svg('text', { class: 'axis value', x: mid, y: y(totals[i]) - 3, 'text-anchor': 'middle' }, format(totals[i])));
    chart.append(svg('text', { class: 'axis', x: mid, y: height - BOTTOM + 16, 'text-anchor': 'middle' }, String(row.period).slice(5)));
  });
  return chart;
}

/** Horizontal bars of shares (0–100%, the same scale for every row), each labelled with its share and its count. */
export function shareBars({ rows, name, share, count, label, className = 's1' }) {
  const NAME = 190;
  const BAR = 300;
  const width = NAME + BAR + 130;
  const height = TOP + rows.length * 24 + 24;
  const chart = frame(label, width, height, 'share-chart');
  const x = (s) => NAME + BAR * Math.max(0, Math.min(1, s));
  for (const tick of [0, 0.5, 1])
    chart.append(
      svg('line', { class: 'grid', x1: x(tick), x2: x(tick), y1: TOP - 4, y2: height - 20 }),
      svg('text', { class: 'axis', x: x(tick), y: height - 6, 'text-anchor': 'middle' }, percent(tick)),
    );
  rows.forEach((row, i) => {
    const y0 = TOP + i * 24;
    const value = share(row);
    const text = String(name(row));
    chart.append(
      svg('text', { class: 'axis', x: NAME - 8, y: y0 + 14, 'text-anchor': 'end' }, text.length > 28 ? `${text.slice(0, 27)}…` : text),
    );
    if (Number.isFinite(value)) {
      const bar = svg('rect', { class: `bar ${className}`, x: NAME, y: y0 + 3, width: Math.max(1, x(value) - NAME), height: 15 });
      bar.append(svg('title', {}, `${text}: ${percent(value)} (${count(row)})`));
      chart.append(bar);
    }
    chart.append(svg('text', { class: 'axis value', x: NAME + BAR + 8, y: y0 + 14 }, `${percent(value)} · ${count(row)}`));
  });
  return chart;
}

/** Weekday × hour of day, each cell shaded by its share of the busiest cell and showing its count. */
export function heatmap({ rows, label }) {
  const CELL = 30;
  const days = [...new Set(rows.map((r) => r.weekday))];
  const width = 96 + 24 * CELL;
  const height = 22 + days.length * CELL;
  const max = Math.max(1, ...rows.map((r) => r.mentions));
  const chart = frame(label, width, height, 'heat-chart');
  for (let hour = 0; hour < 24; hour++)
    chart.append(
      svg('text', { class: 'axis', x: 96 + hour * CELL + CELL / 2, y: 14, 'text-anchor': 'middle' }, String(hour).padStart(2, '0')),
    );
  days.forEach((day, d) => chart.append(svg('text', { class: 'axis', x: 88, y: 22 + d * CELL + CELL / 2 + 4, 'text-anchor': 'end' }, day)));
  for (const r of rows) {
    const d = days.indexOf(r.weekday);
    const level = Math.ceil((r.mentions / max) * 5);
    const cell = svg('rect', {
      class: `heat h${level}`,
      x: 96 + r.hour * CELL + 1,
      y: 22 + d * CELL + 1,
      width: CELL - 2,
      height: CELL - 2,
    });
    cell.append(svg('title', {}, `${r.weekday} ${String(r.hour).padStart(2, '0')}:00: ${r.mentions} mentions`));
    chart.append(cell);
    if (r.mentions > 0)
      chart.append(
        svg(
          'text',
          {
            class: `axis heat-n${level >= 4 ? ' on-dark' : ''}`,
            x: 96 + r.hour * CELL + CELL / 2,
            y: 22 + d * CELL + CELL / 2 + 4,
            'text-anchor': 'middle',
          },
          r.mentions >= 1000 ? `${Math.round(r.mentions / 100) / 10}k` : String(r.mentions),
        ),
      );
  }
  return chart;
}

const MINUTE = 60_000;
/** A duration axis's maximum in whole quarter hours, hours or days, so its quarter ticks read plainly. */
export function niceDuration(max) {
  for (const m of [4, 8, 20, 40, 60, 120, 240, 480, 720, 1440, 2880, 5760, 11520]) if (m * MINUTE >= max) return m * MINUTE;
  return niceMax(max / (1440 * MINUTE)) * 1440 * MINUTE;
}

/** Durations in ms on an axis, e.g. 1h 30m. */
export const durationTick = (ms) => (ms > 0 ? duration(ms) : '0');
