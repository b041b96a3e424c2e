import { svg } from './dom.js';
import { percent } from './format.js';

// Chart geometry in SVG units: height, margins for the axis labels, bar width and gap.
const { HEIGHT, TOP, BOTTOM, LEFT, BAR, GAP } = { HEIGHT: 220, TOP: 12, BOTTOM: 36, LEFT: 44, BAR: 9, GAP: 3 };

/**
 * A grouped bar chart of shares (0..1) by day, as inline SVG built with DOM calls (no markup
 * strings). `series`: [{ label, className, value(day) }]; each bar carries a <title> tooltip.
 */
export function shareChart({ days, series, label, note }) {
  // Wide enough for the day label under each group, even with a single series.
  const group = Math.max(series.length * (BAR + GAP) + 14, 50);
  const width = LEFT + Math.max(days.length, 1) * group + 8;
  const plot = HEIGHT - TOP - BOTTOM;
  const y = (share) => TOP + plot * (1 - Math.max(0, Math.min(1, share)));
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT, role: 'img', 'aria-label': label });
  chart.append(svg('title', {}, label));
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    chart.append(
      svg('line', { class: 'grid', x1: LEFT, x2: width - 4, y1: y(tick), y2: y(tick) }),
      svg('text', { class: 'axis', x: LEFT - 6, y: y(tick) + 4, 'text-anchor': 'end' }, percent(tick)),
    );
  }
  days.forEach((day, i) => {
    const x0 = LEFT + i * group + 7;
    series.forEach((s, j) => {
      const value = s.value(day);
      if (!Number.isFinite(value)) return;
      const bar = svg('rect', {
        class: `bar ${s.className}`,
        x: x0 + j * (BAR + GAP),
        y: y(value),
        width: BAR,
        height: Math.max(0, HEIGHT - BOTTOM - y(value)),
      });
      bar.append(svg('title', {}, `${day.day}: ${s.label} ${percent(value)}`));
      chart.append(bar);
    });
    const annotation = note?.(day);
    if (annotation)
      chart.append(
        svg(
          'text',
          { class: 'axis', x: x0 + (series.length * (BAR + GAP)) / 2, y: HEIGHT - BOTTOM + 30, 'text-anchor': 'middle' },
          annotation,
        ),
      );
    chart.append(
      svg(
        'text',
        { class: 'axis', x: x0 + (series.length * (BAR + GAP)) / 2, y: HEIGHT - BOTTOM + 16, 'text-anchor': 'middle' },
        String(day.day).slice(5),
      ),
    );
  });
  return chart;
}

export function legend(series) {
  // About 7 units per character of 11px text, then a gap.
  const starts = series.map((_, i) => series.slice(0, i).reduce((x, s) => x + s.label.length * 7 + 40, 0));
  const width = starts.at(-1) + series.at(-1).label.length * 7 + 20;
  return svg(
    'svg',
    { class: 'legend', width, height: 18, role: 'presentation' },
    series.flatMap((s, i) => [
      svg('rect', { class: `bar ${s.className}`, x: starts[i], y: 4, width: 10, height: 10 }),
      svg('text', { class: 'axis', x: starts[i] + 16, y: 13 }, s.label),
    ]),
  );
}
