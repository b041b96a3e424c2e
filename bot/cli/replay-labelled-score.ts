import type { DecisionKind } from './decision-csv.js';

/** A labelled mention and what the bot decided. `label`: an entry id, `handoff` or `no_reply`. */
export interface ScoredMention {
  label: string;
  decision: DecisionKind;
  /** The entry answered with, when the decision is answer. */
  entryId?: string;
  /** It follows the customer's earlier posts in its thread (decided with them). */
  followUp?: boolean;
}

export interface ReplayScore {
  mentions: number;
  /** Mentions labelled with an entry, and those answered with exactly that entry. */
  entryLabelled: number;
  covered: number;
  /** Answered with an entry they are not labelled with (another entry, handoff or no_reply). */
  wrong: number;
  /** Wrong answers whose label is handoff or no_reply, and those whose label is another entry. */
  wrongOnHandoff: number;
  wrongOnNoReply: number;
  wrongOnOtherEntry: number;
  noReplyDecided: number;
  noReplyLabelled: number;
  noReplyRight: number;
  /** no_reply decisions on mentions labelled handoff: someone who needed a person was dropped. */
  noReplyOnHandoff: number;
  handedOff: number;
  /** Entry-labelled mentions not answered with their entry, by what happened instead. */
  missedToHandoff: number;
  missedToNoReply: number;
  /** Entry-labelled follow-ups in a thread, and those answered with their entry (coverage apart from thread openers). */
  entryLabelledFollowUps: number;
  coveredFollowUps: number;
}

export const isEntryLabel = (label: string) => label !== 'handoff' && label !== 'no_reply';

/** The counts behind every figure; figures are shares of them (see `ratio`). */
export function scoreReplay(mentions: readonly ScoredMention[]): ReplayScore {
  const s: ReplayScore = {
    mentions: mentions.length,
    entryLabelled: 0,
    covered: 0,
    wrong: 0,
    wrongOnHandoff: 0,
    wrongOnNoReply: 0,
    wrongOnOtherEntry: 0,
    noReplyDecided: 0,
    noReplyLabelled: 0,
    noReplyRight: 0,
    noReplyOnHandoff: 0,
    handedOff: 0,
    missedToHandoff: 0,
    missedToNoReply: 0,
    entryLabelledFollowUps: 0,
    coveredFollowUps: 0,
  };
  for (const m of mentions) {
    const answered = m.decision === 'answer';
    if (isEntryLabel(m.label)) {
      s.entryLabelled++;
      if (m.followUp) s.entryLabelledFollowUps++;
      if (answered && m.entryId === m.label) {
        s.covered++;
        if (m.followUp) s.coveredFollowUps++;
      } else if (m.decision === 'handoff') s.missedToHandoff++;
      else if (m.decision === 'no_reply') s.missedToNoReply++;
    }
    if (answered && m.entryId !== m.label) {
      s.wrong++;
      if (m.label === 'handoff') s.wrongOnHandoff++;
      else if (m.label === 'no_reply') s.wrongOnNoReply++;
      else s.wrongOnOtherEntry++;
    }
    if (m.label === 'no_reply') s.noReplyLabelled++;
    if (m.decision === 'no_reply') {
      s.noReplyDecided++;
      if (m.label === 'no_reply') s.noReplyRight++;
      if (m.label === 'handoff') s.noReplyOnHandoff++;
    }
    if (m.decision === 'handoff') s.handedOff++;
  }
  return s;
}

/** Sums of several brands' counts: the overall figures pool mentions, they do not average brands. */
export function addScores(scores: readonly ReplayScore[]): ReplayScore {
  const total = scoreReplay([]);
  for (const s of scores) for (const k of Object.keys(total) as (keyof ReplayScore)[]) total[k] += s[k];
  return total;
}

/** A share, or undefined when there is nothing to share out (no_reply precision before any no_reply). */
export const ratio = (n: number, of: number): number | undefined => (of > 0 ? n / of : undefined);

export interface ReplayFigures {
  coverage: number | undefined;
  wrongAnswers: number | undefined;
  noReplyPrecision: number | undefined;
  noReplyRecall: number | undefined;
  handoffShare: number | undefined;
}

export function replayFigures(s: ReplayScore): ReplayFigures {
  return {
    coverage: ratio(s.covered, s.entryLabelled),
    wrongAnswers: ratio(s.wrong, s.mentions),
    noReplyPrecision: ratio(s.noReplyRight, s.noReplyDecided),
    noReplyRecall: ratio(s.noReplyRight, s.noReplyLabelled),
    handoffShare: ratio(s.handedOff, s.mentions),
  };
}

/** A look-alike decided at one moment: it fails when it gets an entry's reply other than `expect`. */
export interface LookalikeDecision {
  text: string;
  expect: string;
  at: Date;
  decision: DecisionKind;
  entryId?: string;
}

/** The look-alikes answered with an entry they must not get, once each (the first such moment). */
export function lookalikesAnswered(decisions: readonly LookalikeDecision[]): LookalikeDecision[] {
  const failed = new Map<string, LookalikeDecision>();
  for (const d of decisions) {
    if (d.decision === 'answer' && d.entryId !== d.expect && !failed.has(d.text)) failed.set(d.text, d);
  }
  return [...failed.values()];
}
