import type { Knowledge, KnowledgeEntry, Reply } from './schema.js';

/**
 * The texts the bot posts, in one language: each undefined when the file has none in it, so the
 * caller never posts a text in another language than the one asked for without knowing.
 */

/** A reply given as one text or `default:` plus channels: the channel's own script, else the default. */
export const channelScript = (reply: Reply, channel: string): string =>
  typeof reply === 'string' ? reply : (reply[channel] ?? reply.default);

/** The entry's reply script for a channel in a language. */
export function entryScriptIn(entry: KnowledgeEntry, channel: string, language: string): string | undefined {
  const reply = entry.replies[language];
  return reply === undefined ? undefined : channelScript(reply, channel);
}

/** The courtesy reply for a channel in a language. */
export function courtesyIn(knowledge: Knowledge, channel: string, language: string): string | undefined {
  const reply = knowledge.courtesies[language];
  return reply === undefined ? undefined : channelScript(reply, channel);
}

/** Whether the bot answers in this language (it may still acknowledge others: see acknowledgements). */
export const answersIn = (knowledge: Knowledge, language: string): boolean => knowledge.languages.includes(language);

/** The default language: the first of `languages`. */
export const defaultLanguage = (knowledge: Knowledge): string => knowledge.languages[0]!;
