import type { TurnDecision } from '../turn/decide-turn.js';
import { whyNoAnswer } from '../../intents/why-no-answer.js';

/** answer (an entry's reply), handoff (a person takes over), no_reply (neither: nothing posted, no queue). */
export type DecisionKind = 'answer' | 'handoff' | 'no_reply';

/**
 * What a turn decision comes to in public. `no_reply` is the bot's own decision that a mention needs
 * no person (a thanks, spam, noise; `reason` says which). The guards' `ignored` and `routed` (a person
 * already owns the thread) neither answer nor queue a handoff of the bot's own: they count as no_reply too.
 */
export function decisionKind(d: TurnDecision): DecisionKind {
  if (d.status === 'answered') return 'answer';
  if (d.status === 'handed_off') return 'handoff';
  return 'no_reply';
}

export const csvField = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** The columns of `replay --out`, one row per mention (`why`: empty when answered or decided before understanding). */
export const DECISION_COLUMNS = [
  'id',
  'decision',
  'entry',
  'reason',
  'confidence',
  'intent',
  'sentiment',
  'priority',
  'language',
  'text',
  'why',
] as const;

/** The language a decision recorded ("fr"), "und" when too short to tell, '' when it has no understanding. */
export const languageField = (d: TurnDecision): string =>
  d.understanding?.language === undefined ? '' : (d.understanding.language ?? 'und');

export function decisionFields(id: string, d: TurnDecision, text: string): string[] {
  const u = d.understanding;
  return [
    id,
    decisionKind(d),
    d.entryId ?? '',
    d.reason,
    u ? u.confidence.toFixed(3) : '',
    u?.intent ?? '',
    u?.sentiment ?? '',
    u?.priority ?? '',
    languageField(d),
    text,
    // Why an entry's reply was not given, in words (the closest entry and what refused it), as `try` says.
    d.status !== 'answered' && u ? (whyNoAnswer(u) ?? '') : '',
  ];
}

export const csvLine = (fields: readonly (string | number)[]) => fields.map(csvField).join(',');
