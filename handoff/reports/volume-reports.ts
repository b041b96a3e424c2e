import { localParts } from '../../config/time-zone.js';
import { HOUR_MS, type ReportCell } from '../../store/handoff-store.js';
import { cellFacts } from './cell-facts.js';
import { decodeVolume } from './report-cells.js';
import { periodOf, periodsOf, type ReportRange } from './report-query.js';
import { shareOf, type Columns, type ReportRow } from './report-table.js';

export interface ReportBody {
  columns: Columns;
  rows: ReportRow[];
  notes: string[];
}

/** The decided mentions' counters that pass the filters, decoded. */
export const volumeFacts = cellFacts(decodeVolume);

const SILENCED_NOTE =
  'Handed off includes mentions silenced by the author cap (no acknowledgement sent: the author had had enough replies from the bot in the cap window); they are counted apart as silenced.';
const LEFT_OUT_NOTE =
  "Not counted: the brand's own posts, other bots' posts, and mentions in threads people already hold (those are the people's conversation, not the bot's).";

/** Per period: mentions decided, answered by the bot, courtesy replies and no reply, handed off, silenced. */
export function volumes(cells: readonly ReportCell[], range: ReportRange): ReportBody {
  const period = periodOf(range);
  const rows = new Map(
    periodsOf(range).map((p) => [
      p.day,
      { period: p.label, mentions: 0, answered: 0, courtesy: 0, noReply: 0, handedOff: 0, acknowledged: 0, silenced: 0 },
    ]),
  );
  for (const { hour, n, f } of volumeFacts(cells, range)) {
    const row = rows.get(period(hour));
    if (!row) continue;
    row.mentions += n;
    if (f.outcome === 'answered') row.answered += n;
    else if (f.outcome === 'no_reply') {
      if (f.replied) row.courtesy += n;
      else row.noReply += n;
    } else {
      row.handedOff += n;
      if (f.replied) row.acknowledged += n;
      else row.silenced += n;
    }
  }
  return {
    columns: [
      { key: 'period', label: 'Period' },
      { key: 'mentions', label: 'Mentions' },
      { key: 'answered', label: 'Answered by the bot' },
      { key: 'courtesy', label: 'Courtesy reply' },
      { key: 'noReply', label: 'No reply' },
      { key: 'handedOff', label: 'Handed off' },
      { key: 'acknowledged', label: 'Handed off, acknowledged' },
      { key: 'silenced', label: 'Handed off, silenced by the author cap' },
    ],
    rows: [...rows.values()],
    notes: [SILENCED_NOTE, LEFT_OUT_NOTE],
  };
}

/** Per knowledge entry or built-in intent: mentions about it and the share the bot answered. */
export function answerRate(cells: readonly ReportCell[], range: ReportRange): ReportBody {
  const topics = new Map<string, { topic: string; mentions: number; answered: number; handedOff: number }>();
  for (const { n, f } of volumeFacts(cells, range)) {
    if (f.outcome === 'no_reply') continue;
    let t = topics.get(f.topic);
    if (!t) topics.set(f.topic, (t = { topic: f.topic, mentions: 0, answered: 0, handedOff: 0 }));
    t.mentions += n;
    if (f.outcome === 'answered') t.answered += n;
    else t.handedOff += n;
  }
  const rows = [...topics.values()]
    .sort((a, b) => b.mentions - a.mentions || a.topic.localeCompare(b.topic))
    .map((t) => ({ ...t, topic: t.topic || '(not understood)', answerRate: shareOf(t.answered, t.mentions) }));
  return {
    columns: [
      { key: 'topic', label: 'Entry or intent' },
      { key: 'mentions', label: 'Mentions' },
      { key: 'answered', label: 'Answered by the bot' },
      { key: 'handedOff', label: 'Handed off' },
      { key: 'answerRate', label: 'Answer rate' },
    ],
    rows,
    notes: [
      'Mentions needing no reply (thanks, spam, noise) are left out: the rate is of the questions the bot could have answered.',
      LEFT_OUT_NOTE,
    ],
  };
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Mentions per weekday and hour of day, in the configured time zone. */
export function busiestHours(cells: readonly ReportCell[], range: ReportRange): ReportBody {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const local = new Map<number, [number, number]>();
  for (const { hour, n } of volumeFacts(cells, range)) {
    let at = local.get(hour);
    if (!at) {
      const p = localParts(range.timeZone, hour * HOUR_MS);
      at = [(((p.day + 4) % 7) + 7) % 7, Math.floor(p.minute / 60)];
      local.set(hour, at);
    }
    grid[at[0]]![at[1]]! += n;
  }
  // Monday first, as a support week is read.
  const order = [1, 2, 3, 4, 5, 6, 0];
  const rows = order.flatMap((d) => grid[d]!.map((mentions, hour) => ({ weekday: WEEKDAYS[d]!, hour, mentions })));
  return {
    columns: [
      { key: 'weekday', label: 'Weekday' },
      { key: 'hour', label: 'Hour' },
      { key: 'mentions', label: 'Mentions' },
    ],
    rows,
    notes: [`Hours in ${range.timeZone}, by when each mention was received.`, LEFT_OUT_NOTE],
  };
}

/** Handoffs by the decision's reason, most frequent first. */
export function handoffReasons(cells: readonly ReportCell[], range: ReportRange): ReportBody {
  const reasons = new Map<string, number>();
  let total = 0;
  for (const { n, f } of volumeFacts(cells, range)) {
    if (f.outcome !== 'handed_off') continue;
    reasons.set(f.reason, (reasons.get(f.reason) ?? 0) + n);
    total += n;
  }
  const rows = [...reasons]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, handoffs]) => ({ reason: reason || '(none recorded)', handoffs, share: shareOf(handoffs, total) }));
  return {
    columns: [
      { key: 'reason', label: 'Reason' },
      { key: 'handoffs', label: 'Handoffs' },
      { key: 'share', label: 'Share' },
    ],
    rows,
    notes: [
      'The reason the bot recorded when it handed the mention to people (not_understood, follow_up, language, author_reply_cap, deadline...). Handoffs people made from the no-reply list are not counted.',
    ],
  };
}
