import { HOUR_MS, type HandoffStore, type PastFactsPage, parseDecision, type ReportKind, taggedKey } from '../../store/handoff-store.js';
import { businessMsBetween, type BusinessHours } from '../hours/business-hours.js';
import { topicOf } from './record-facts.js';
import { encodeReply, encodeVolume, replyBucket, type VolumeOutcome } from './report-cells.js';

const COUNTED: readonly string[] = ['answered', 'no_reply', 'handed_off'] satisfies VolumeOutcome[];
/** Mentions read per page. */
export const BACKFILL_PAGE = 500;

export interface ReportBackfillDeps {
  handoff: Pick<HandoffStore, 'reportBackfill' | 'pastReportFacts' | 'advanceReportBackfill' | 'threadTeams' | 'handedOffDecision'>;
  hours: BusinessHours;
  firstTargetMs: number;
  nextTargetMs: number;
  now: () => number;
}

export interface BackfillRun {
  pageSize?: number;
  /** Stops after this many pages (the rest is left for the next run). */
  maxPages?: number;
  /** Asked between pages: true stops (the service closes). */
  stopping?: () => boolean;
  onPage?: (p: { cursor: number; cells: number }) => void;
}

/**
 * Counts the reports' facts of the data written before their counters (issue 20), as the recorder
 * (record-facts.ts) would have: each decision before the boundary, and each person's first or next
 * response (their console replies; the brand's native replies were never counted). A page of mentions
 * at a time; the counters and the cursor move in one step, so a run stopped anywhere (a restart, a
 * second instance) goes on where the store says and counts each fact once. Teams and topics are the
 * threads' as stored now.
 */
export async function backfillReports(deps: ReportBackfillDeps, run: BackfillRun = {}) {
  const pageSize = run.pageSize ?? BACKFILL_PAGE;
  let state = await deps.handoff.reportBackfill(deps.now());
  let pages = 0;
  let counted = 0;
  while (!state.done && pages < (run.maxPages ?? Number.POSITIVE_INFINITY) && !run.stopping?.()) {
    const page = await deps.handoff.pastReportFacts(state.cursor, pageSize, state.boundary);
    const cells = await cellsOf(deps, page);
    if (await deps.handoff.advanceReportBackfill(state.cursor, page.last, page.done, cells)) {
      state = { ...state, cursor: page.last, done: page.done };
      pages++;
      counted += cells.reduce((sum, c) => sum + c.n, 0);
      run.onPage?.({ cursor: page.last, cells: counted });
    } else state = await deps.handoff.reportBackfill(deps.now());
    await new Promise((r) => setImmediate(r));
  }
  return { pages, facts: counted, done: state.done, boundary: state.boundary };
}

async function cellsOf(deps: ReportBackfillDeps, page: PastFactsPage) {
  const counts = new Map<string, { kind: ReportKind; hour: number; cell: string; n: number }>();
  const count = (kind: ReportKind, at: number, cell: string) => {
    const hour = Math.floor(at / HOUR_MS);
    const k = `${kind}:${hour}:${cell}`;
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { kind, hour, cell, n: 1 });
  };
  const teams = await deps.handoff.threadTeams([...page.decisions, ...page.replies]);
  const teamOf = (t: { channel: string; threadId: string }) => teams.get(taggedKey(t)) ?? '';
  for (const d of page.decisions) {
    if (!COUNTED.includes(d.status)) continue;
    const decision = parseDecision(d.decision) ?? {};
    const fact = {
      channel: d.channel,
      team: teamOf(d),
      topic: topicOf(decision),
      outcome: d.status as VolumeOutcome,
      reason: String(decision.reason ?? ''),
      replied: d.replied,
    };
    count('volume', d.receivedAt, encodeVolume(fact));
  }
  const topics = new Map<string, string>();
  // A reply that answered the handoff and a follow-up at once counted as the first response only.
  const firsts = new Set(page.replies.filter((r) => r.kind === 'first').map((r) => `${taggedKey(r)}\n${r.at}`));
  for (const r of page.replies) {
    if (r.actor.startsWith('platform') || (r.kind === 'next' && firsts.has(`${taggedKey(r)}\n${r.at}`))) continue;
    const key = taggedKey(r);
    if (!topics.has(key)) {
      const handedOff = await deps.handoff.handedOffDecision(r);
      topics.set(key, handedOff ? topicOf(handedOff) : '');
    }
    const ms = businessMsBetween(deps.hours, r.at - r.ms, r.at);
    const target = r.kind === 'first' ? deps.firstTargetMs : deps.nextTargetMs;
    const cell = encodeReply({
      channel: r.channel,
      team: teamOf(r),
      agent: r.actor,
      kind: r.kind,
      bucket: replyBucket(ms),
      met: ms <= target,
      topic: topics.get(key)!,
    });
    count('reply', r.at, cell);
  }
  return [...counts.values()];
}
