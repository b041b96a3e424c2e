/**
 * What the knowledge editor reads of the bot's decisions: how many mentions each entry answered
 * lately, with the latest ones, and recent handoffs (what a new incident entry could learn from).
 * Both backends read mentions newest first and stop at the first received before the period (less a
 * day's slack: a mention is decided soon after it arrives) or after `maxScanned`, so the work is the
 * period's mentions, never the whole history.
 */

/** A decided mention as these listings carry it; `text` cut to LISTED_TEXT_CHARS. */
export interface DecidedMention {
  id: number;
  channel: string;
  threadId: string;
  author: string;
  text: string;
  receivedAt: number;
  decidedAt: number;
  /** The entry it was answered with (answered mentions only). */
  entryId?: string;
}

export interface EntryAnswerCount {
  entryId: string;
  /** Answered with this entry since `dayFrom` and since `weekFrom` (by decision time). */
  lastDay: number;
  lastWeek: number;
  /** Newest first, at most `latest`. */
  latest: DecidedMention[];
}

export interface EntryAnswersResult {
  entries: EntryAnswerCount[];
  /** False when `maxScanned` mentions were read before the period's start: the counts are a lower bound. */
  complete: boolean;
}

export interface EntryAnswers {
  answersByEntry(q: { dayFrom: number; weekFrom: number; latest: number; maxScanned: number }): Promise<EntryAnswersResult>;
  /** Handed-off mentions received since `since`, newest first, at most `limit`. */
  recentHandoffs(q: { since: number; limit: number; maxScanned: number }): Promise<DecidedMention[]>;
}

/** A mention is decided within this long of its receipt (deadlines are minutes): how far back a scan reads past a period. */
export const DECISION_SLACK_MS = 24 * 60 * 60 * 1000;

/** One page of mentions of a status, newest first, from a backend. */
export interface ScanPage {
  rows: DecidedMention[];
  /** Read next below this id; 0 when there is nothing older. */
  nextBefore: number;
  /** The oldest receipt time on this page (every status counted), or undefined when it read none. */
  oldestReceivedAt: number | undefined;
  /** Mentions read for this page. */
  scanned: number;
}

export type ScanMentions = (status: 'answered' | 'handed_off', beforeId: number) => Promise<ScanPage>;

/** Reads pages until the period's start (less the slack) or the bound; `take` returns false to stop early. */
async function scan(
  page: ScanMentions,
  status: 'answered' | 'handed_off',
  from: number,
  maxScanned: number,
  take: (m: DecidedMention) => boolean,
): Promise<boolean> {
  let before = Number.MAX_SAFE_INTEGER;
  let scanned = 0;
  for (;;) {
    const p = await page(status, before);
    scanned += p.scanned;
    for (const m of p.rows) if (m.receivedAt >= from - DECISION_SLACK_MS && !take(m)) return true;
    if (p.nextBefore <= 0 || (p.oldestReceivedAt !== undefined && p.oldestReceivedAt < from - DECISION_SLACK_MS)) return true;
    if (scanned >= maxScanned) return false;
    before = p.nextBefore;
  }
}

/** The EntryAnswers of a backend that pages its mentions newest first. */
export function entryAnswersFrom(page: ScanMentions): EntryAnswers {
  return {
    async answersByEntry({ dayFrom, weekFrom, latest, maxScanned }) {
      const byEntry = new Map<string, EntryAnswerCount>();
      const complete = await scan(page, 'answered', weekFrom, maxScanned, (m) => {
        if (!m.entryId || m.decidedAt < weekFrom) return true;
        let e = byEntry.get(m.entryId);
        if (!e) byEntry.set(m.entryId, (e = { entryId: m.entryId, lastDay: 0, lastWeek: 0, latest: [] }));
        e.lastWeek++;
        if (m.decidedAt >= dayFrom) e.lastDay++;
        if (e.latest.length < latest) e.latest.push(m);
        return true;
      });
      return { entries: [...byEntry.values()], complete };
    },
    async recentHandoffs({ since, limit, maxScanned }) {
      const out: DecidedMention[] = [];
      await scan(page, 'handed_off', since, maxScanned, (m) => {
        if (m.receivedAt >= since) out.push(m);
        return out.length < limit;
      });
      return out;
    },
  };
}
