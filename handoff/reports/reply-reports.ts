import type { ReportCell } from '../../store/handoff-store.js';
import { cellFacts } from './cell-facts.js';
import { bucketMs, decodeReply, type ReplyFact } from './report-cells.js';
import { periodOf, periodsOf, type ReportRange } from './report-query.js';
import { shareOf } from './report-table.js';
import type { ReportBody } from './volume-reports.js';

/** A histogram of reply-time buckets: count, and the bucket's time at a given rank. */
class Histogram {
  count = 0;
  met = 0;
  private readonly buckets = new Map<number, number>();
  add(f: ReplyFact, n: number) {
    this.count += n;
    if (f.met) this.met += n;
    this.buckets.set(f.bucket, (this.buckets.get(f.bucket) ?? 0) + n);
  }
  /** The q-quantile (0.5: median) in ms, from the bucket holding that rank; null when empty. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (const [bucket, n] of [...this.buckets].sort((a, b) => a[0] - b[0])) {
      seen += n;
      if (seen >= rank) return Math.round(bucketMs(bucket));
    }
    return null;
  }
}

const replyFacts = cellFacts(decodeReply);

const NOTES = (range: ReportRange) => [
  'Times count business hours only (a handoff on Friday night waits from Monday morning), from the handoff to the first reply of a person, and from a customer follow-up to the next reply.',
  'Replies people sent natively on the platform are not timed here. A reply counts under the topic its thread was handed off with (its latest handoff); replies counted before this version have none.',
  `Periods are days in ${range.timeZone}, by when the reply was sent. Median and 90th percentile are read from a histogram of 2% steps.`,
];

/** Per period: people's first and next replies, median and 90th percentile (business time). */
export function replyTimes(cells: readonly ReportCell[], range: ReportRange): ReportBody {
  const period = periodOf(range);
  const rows = new Map(periodsOf(range).map((p) => [p.day, { label: p.label, first: new Histogram(), next: new Histogram() }]));
  for (const { hour, n, f } of replyFacts(cells, range)) rows.get(period(hour))?.[f.kind].add(f, n);
  return {
    columns: [
      { key: 'period', label: 'Period' },
      { key: 'firstReplies', label: 'First replies' },
      { key: 'firstMedianMs', label: 'First reply, median (ms)' },
      { key: 'firstP90Ms', label: 'First reply, 90th percentile (ms)' },
      { key: 'nextReplies', label: 'Next replies' },
      { key: 'nextMedianMs', label: 'Next reply, median (ms)' },
      { key: 'nextP90Ms', label: 'Next reply, 90th percentile (ms)' },
    ],
    rows: [...rows.values()].map((r) => ({
      period: r.label,
      firstReplies: r.first.count,
      firstMedianMs: r.first.quantile(0.5),
      firstP90Ms: r.first.quantile(0.9),
      nextReplies: r.next.count,
      nextMedianMs: r.next.quantile(0.5),
      nextP90Ms: r.next.quantile(0.9),
    })),
    notes: NOTES(range),
  };
}

/** Share of people's replies within the target, per team and per agent, first and next replies apart. */
export function slaMet(cells: readonly ReportCell[], range: ReportRange): ReportBody {
  const groups = new Map<string, { by: string; name: string; kind: string; h: Histogram }>();
  const add = (by: string, name: string, f: ReplyFact, n: number) => {
    const key = `${by}\n${name}\n${f.kind}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { by, name, kind: f.kind, h: new Histogram() }));
    g.h.add(f, n);
  };
  for (const { n, f } of replyFacts(cells, range)) {
    add('team', f.team || '(no team)', f, n);
    add('agent', f.agent, f, n);
  }
  const rows = [...groups.values()]
    .sort((a, b) => a.by.localeCompare(b.by) || a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind))
    .map((g) => ({
      by: g.by,
      name: g.name,
      kind: g.kind,
      replies: g.h.count,
      met: g.h.met,
      metShare: shareOf(g.h.met, g.h.count),
      medianMs: g.h.quantile(0.5),
    }));
  return {
    columns: [
      { key: 'by', label: 'By' },
      { key: 'name', label: 'Team or agent' },
      { key: 'kind', label: 'Reply' },
      { key: 'replies', label: 'Replies' },
      { key: 'met', label: 'Within target' },
      { key: 'metShare', label: 'SLA met' },
      { key: 'medianMs', label: 'Median (ms)' },
    ],
    rows,
    notes: [
      'Within target: the first reply within HUMAN_RESPONSE_TARGET_MINUTES, a next reply within HUMAN_NEXT_REPLY_TARGET_MINUTES, both in business time. A team is the thread’s team when the reply was sent.',
      ...NOTES(range).slice(1, 2),
    ],
  };
}
