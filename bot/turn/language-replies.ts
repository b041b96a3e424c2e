import { answersIn, courtesyIn, defaultLanguage, entryScriptIn } from '../../config/knowledge/language-scripts.js';
import { composeReply, toneFor } from '../../config/knowledge/reply-tone.js';
import { replyVariables, type Knowledge, type KnowledgeEntry } from '../../config/knowledge/schema.js';
import type { Mention } from '../../store/mention.js';
import { replyName } from '../channels/handles.js';

/** Outside business hours: the acknowledgement to use instead (the setting's, in the default language), and when a person will answer. */
export interface AfterHours {
  template: string;
  /** When a person will answer, written for a language (ISO 639-1). */
  opens: (language: string) => string;
}

/** An acknowledgement as posted, the language it is in, and for the agents why it is not in the customer's. */
export interface Acknowledgement {
  text: string;
  language: string;
  /** Set when the file has no acknowledgement in the mention's language: it went out in the default one. */
  note?: string;
}

/**
 * The acknowledgement posted when a person takes over (also when the deadline passes), in the
 * mention's language. Outside business hours it says when a person will answer: the file's
 * `after_hours` text in that language, the AFTER_HOURS_ACKNOWLEDGEMENT setting for the default
 * language, else the plain acknowledgement in that language (right language over the opening time).
 * Without any text in the mention's language, the default language's, with a note for the agents.
 * The author is named only as the platform could have written them (a forged or odd name becomes "there").
 */
export function acknowledgementIn(knowledge: Knowledge, mention: Mention, language: string, afterHours?: AfterHours): Acknowledgement {
  const main = defaultLanguage(knowledge);
  const template = (l: string) =>
    (afterHours ? (knowledge.after_hours[l] ?? (l === main ? afterHours.template : undefined)) : undefined) ??
    knowledge.acknowledgements[l];
  const own = template(language);
  const used = own === undefined ? main : language;
  const text = composeReply(
    own ?? template(main)!,
    { author: replyName(mention.channel, mention.author), ...(afterHours ? { opens: afterHours.opens(used) } : {}) },
    toneFor(knowledge, mention.channel, mention.text),
  );
  return own === undefined
    ? {
        text,
        language: main,
        note: `Written in ${languageName(language)}, acknowledged in ${languageName(main)}`,
      }
    : { text, language };
}

/** "German (de)": the code alone when the runtime knows no name for it. */
export function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(code);
    return name ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** The courtesy reply in the mention's language, or undefined (no reply) when the file has none in it. */
export function courtesyReplyIn(knowledge: Knowledge, mention: Mention, language: string): string | undefined {
  const script = courtesyIn(knowledge, mention.channel, language);
  return script === undefined
    ? undefined
    : composeReply(script, { author: replyName(mention.channel, mention.author) }, toneFor(knowledge, mention.channel, mention.text));
}

/** The entry's answer in the mention's language, or undefined when the bot does not answer in it or the entry has no reply in it. */
export function answerIn(knowledge: Knowledge, entry: KnowledgeEntry, mention: Mention, language: string): string | undefined {
  const script = answersIn(knowledge, language) ? entryScriptIn(entry, mention.channel, language) : undefined;
  return script === undefined
    ? undefined
    : composeReply(
        script,
        replyVariables(entry, replyName(mention.channel, mention.author)),
        toneFor(knowledge, mention.channel, mention.text),
      );
}
