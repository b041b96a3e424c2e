/** Words that make a mention urgent whatever its intent. Patterns match stems and common phrasings. */
const SIGNALS: Record<string, RegExp> = {
  safety: /\b(fire|smok(e|ing)|explod\w*|burn(t|ed|ing)?|injur\w*|hurt|bleed\w*|hospital|danger\w*|unsafe|poison\w*|allerg\w*|chok(e|ed|ing)|electric shock|gas leak|recall)\b/i,
  legal: /\b(lawyer|attorney|solicitor|su(e|ing)|lawsuit|legal action|court|ombudsman|trading standards|small claims|class action|gdpr complaint|regulator)\b/i,
  data_breach: /\b(hack(ed|er|ing)?|breach\w*|leak(ed)?|data (leak|exposed)|stolen (account|card|identity)|identity theft|phishing|someone (logged|got) into my account|unauthori[sz]ed (charge|access|login)|fraud\w*)\b/i,
  outage: /\b(down|outage|offline|not (loading|working)|crash(ed|es|ing)?|error \d{3}|service unavailable|no (service|signal|internet|power)|can'?t connect)\b/i,
};

export const URGENCY_NAMES = Object.keys(SIGNALS);

export function urgencySignals(text: string): string[] {
  return URGENCY_NAMES.filter((name) => SIGNALS[name]!.test(text));
}

export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/**
 * Safety, legal threats and data breaches go to the front of the queue; outages, complaints and angry
 * customers next; spam and praise last.
 */
export function priorityOf(signals: readonly string[], builtin: string | undefined, negative: boolean, complaint: boolean): Priority {
  if (signals.some((s) => s === 'safety' || s === 'legal' || s === 'data_breach')) return 'urgent';
  if (signals.includes('outage') || builtin === 'outage' || complaint || (negative && builtin === 'human')) return 'high';
  if (builtin === 'spam' || builtin === 'thanks' || builtin === 'greeting') return 'low';
  return 'normal';
}
