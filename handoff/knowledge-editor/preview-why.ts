import type { Understanding } from '../../intents/understanding.js';
import { whyNoAnswer } from '../../intents/why-no-answer.js';

/** What the editor is shown of the bot's decision on a previewed mention (the turn's decision has more). */
export interface PreviewDecision {
  status: 'answered' | 'handed_off' | 'ignored' | 'routed' | 'no_reply';
  reason: string;
  entryId?: string | undefined;
  reply?: { text: string; kind: string } | undefined;
  understanding?: Understanding | undefined;
  /** The language the mention was taken to be in, and why the reply is not in it when it is not. */
  language?: string | undefined;
  languageNote?: string | undefined;
}

/**
 * Why the bot decided a previewed mention so, in a sentence for the editor: for a handoff, the closest
 * entry and what kept the bot from it, in the words `first-reply try` uses.
 */
export function previewWhy(d: PreviewDecision, channel: string): string {
  const u = d.understanding;
  if (d.reason === 'language')
    return `hands off to a person: understood as "${u?.entryId ?? u?.intent}", but it has no reply in ${d.language} (the mention's language)`;
  return d.status === 'answered'
    ? `answers with "${d.entryId}": the mention was understood as this entry${u ? ` (confidence ${u.confidence.toFixed(2)})` : ''} and it is active on ${channel}`
    : `acknowledges and hands off to a person: ${(u && whyNoAnswer(u)) ?? `${u?.handoffReason ?? d.reason}${u ? ` (best guess ${u.intent}, confidence ${u.confidence.toFixed(2)})` : ''}`}`;
}
