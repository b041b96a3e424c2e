/**
 * What an understander learns one intent from: plain phrasings, and where and when the intent may be
 * answered. intents/ knows no file format: the knowledge file's entries are one source of these
 * (config/knowledge/schema.ts), tests and evaluations build them directly.
 */
export interface IntentExamples {
  /** Reported as the understanding's `intent` and `entryId` when a mention matches. */
  id: string;
  keywords: readonly string[];
  examples: readonly string[];
  /** Example phrasings in other languages than the default's, per language (ISO 639-1): see language-understander.ts. */
  examples_in?: { readonly [language: string]: readonly string[] } | undefined;
  /** Phrasings that look alike but must not be matched to this intent. */
  negative_examples: readonly string[];
  /** Absolute instants (ISO 8601) between which the intent may be answered; absent: always. */
  window?: { start?: string | undefined; end?: string | undefined } | undefined;
  /** Channel names, or absent / ["all"] for every channel. */
  channels?: readonly string[] | undefined;
  /** An incident (something broken) or a campaign (a promotion): the knowledge entry's kind, when known. */
  kind?: 'incident' | 'campaign' | undefined;
  /** A short name of what the intent is about (the knowledge entry's title). */
  title?: string | undefined;
  /** What the intent is answered with (one text, or one per channel): its words tell a real match. */
  reply?: string | { readonly [channel: string]: string | undefined } | undefined;
}

/** An intent applies to a mention when its window is open and it covers the mention's channel. */
export function isIntentActive(intent: IntentExamples, channel: string, at: Date): boolean {
  const t = at.getTime();
  if (intent.window?.start && t < Date.parse(intent.window.start)) return false;
  if (intent.window?.end && t >= Date.parse(intent.window.end)) return false;
  if (!intent.channels || intent.channels.includes('all')) return true;
  return intent.channels.includes(channel);
}
