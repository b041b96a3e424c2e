import type { StoredMention } from '../../store/mention.js';
import type { TurnOutcome } from '../../store/store.js';
import { HOUR_MS, type HandoffStore, taggedKey } from '../../store/handoff-store.js';
import { businessMsBetween, type BusinessHours } from '../hours/business-hours.js';
import { encodeReply, encodeVolume, replyBucket, type VolumeFact, type VolumeOutcome } from './report-cells.js';

const COUNTED: readonly string[] = ['answered', 'no_reply', 'handed_off'] satisfies VolumeOutcome[];

/** The entry the decision names, else the built-in intent it was understood as ('' when neither). */
export function topicOf(decision: Record<string, unknown>): string {
  const u = (decision.understanding ?? {}) as { entryId?: unknown; topic?: unknown; intent?: unknown };
  const followUp = (decision.followUp ?? {}) as { entryId?: unknown };
  for (const t of [decision.entryId, u.entryId, followUp.entryId, u.topic, u.intent])
    if (typeof t === 'string' && t !== '' && t !== 'out_of_scope') return t;
  return '';
}

/** A decided mention as the volumes count it; undefined for what is no customer's (own posts, bots) or is people's (routed). */
export function volumeFact(mention: StoredMention, outcome: TurnOutcome, team: string): VolumeFact | undefined {
  if (!COUNTED.includes(outcome.status)) return undefined;
  return {
    channel: mention.channel,
    team,
    topic: topicOf(outcome.decision),
    outcome: outcome.status as VolumeOutcome,
    reason: String(outcome.decision.reason ?? ''),
    replied: outcome.replies.length > 0,
  };
}

export interface ReportRecorderDeps {
  handoff: Pick<HandoffStore, 'threadTeams' | 'countReportCells' | 'handedOffDecision'>;
  hours: BusinessHours;
  firstTargetMs: number;
  nextTargetMs: number;
}

/**
 * Counts the reports' facts as they happen: each committed decision (after routing, so a handoff
 * counts in the team it was routed to) and each person's reply to a handoff or a follow-up, timed in
 * business hours, under the topic the thread was handed off with.
 */
export function createReportRecorder(deps: ReportRecorderDeps) {
  return {
    async decided(decided: readonly { mention: StoredMention; outcome: TurnOutcome }[]): Promise<void> {
      const counted = decided.filter((d) => COUNTED.includes(d.outcome.status));
      if (counted.length === 0) return;
      const teams = await deps.handoff.threadTeams(counted.map((d) => d.mention));
      const cells = counted.flatMap(({ mention, outcome }) => {
        const fact = volumeFact(mention, outcome, teams.get(taggedKey(mention)) ?? '');
        return fact ? [{ hour: Math.floor(mention.receivedAt / HOUR_MS), cell: encodeVolume(fact) }] : [];
      });
      await deps.handoff.countReportCells('volume', cells);
    },
    /** A person's reply at `at` to what waited since `since` (the handoff, or the customer's follow-up). */
    async replied(r: { channel: string; threadId: string; agent: string; kind: 'first' | 'next'; since: number; at: number }) {
      const [teams, handedOff] = await Promise.all([deps.handoff.threadTeams([r]), deps.handoff.handedOffDecision(r)]);
      const ms = businessMsBetween(deps.hours, r.since, r.at);
      const target = r.kind === 'first' ? deps.firstTargetMs : deps.nextTargetMs;
      const cell = encodeReply({
        channel: r.channel,
        team: teams.get(taggedKey(r)) ?? '',
        agent: r.agent,
        kind: r.kind,
        bucket: replyBucket(ms),
        met: ms <= target,
        topic: handedOff ? topicOf(handedOff) : '',
      });
      await deps.handoff.countReportCells('reply', [{ hour: Math.floor(r.at / HOUR_MS), cell }]);
    },
  };
}

export type ReportRecorder = ReturnType<typeof createReportRecorder>;
