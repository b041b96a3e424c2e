import { composeReply, toneFor } from '../../config/knowledge/reply-tone.js';
import { defaultLanguage, entryScriptIn } from '../../config/knowledge/language-scripts.js';
import { isEntryActive, replyVariables, type Knowledge, type KnowledgeEntry } from '../../config/knowledge/schema.js';
import type { Understander } from '../../intents/understanding.js';
import { replyName } from '../channels/handles.js';
import { mentionLanguage } from './mention-language.js';

/** Below this confidence an entry is not suggested (a 0% card only invites a wrong reply). */
export const SUGGESTION_FLOOR = 0.1;

/** The customer's mention a person is answering. */
export interface SuggestFor {
  channel: string;
  author: string;
  text: string;
  at: Date;
}

/** An entry's reply as the bot would post it on that channel, to that customer. */
export interface EntryReply {
  entryId: string;
  title: string;
  reply: string;
}

export interface SuggestedReplies {
  /** The best matching active entries, best first, each with its confidence. */
  suggestions: (EntryReply & { confidence: number })[];
  /** Every entry active on the channel now, in the file's order: what a person may pick instead. */
  entries: EntryReply[];
}

/**
 * The reply the turn would compose for this entry (decide-turn.ts): the channel's script in the
 * mention's language (the default language's when the entry has none in it: a person translates),
 * its tone, the author's name.
 */
export function entryReply(knowledge: Knowledge, entry: KnowledgeEntry, mention: SuggestFor): EntryReply {
  const { language } = mentionLanguage(knowledge, mention.text, []);
  const script = entryScriptIn(entry, mention.channel, language) ?? entryScriptIn(entry, mention.channel, defaultLanguage(knowledge)) ?? '';
  return {
    entryId: entry.id,
    title: entry.title,
    reply: composeReply(
      script,
      replyVariables(entry, replyName(mention.channel, mention.author)),
      toneFor(knowledge, mention.channel, mention.text),
    ),
  };
}

/**
 * Replies for a person answering a handed-off mention: the entries the answer decision ranks highest
 * (without its threshold: a person judges), and every other active entry to pick from.
 */
export async function suggestReplies(
  understander: Understander,
  knowledge: Knowledge,
  mention: SuggestFor,
  limit: number,
): Promise<SuggestedReplies> {
  const active = knowledge.entries.filter((e) => isEntryActive(e, mention.channel, mention.at));
  const { language } = mentionLanguage(knowledge, mention.text, []);
  const ranked = understander.rankEntries ? await understander.rankEntries({ ...mention, language }, limit) : [];
  const byId = new Map(active.map((e) => [e.id, e]));
  return {
    suggestions: ranked.flatMap((r) => {
      const entry = byId.get(r.entryId);
      // An entry the ranking gives next to no chance is no suggestion: it stays in the pick list.
      return entry && r.confidence >= SUGGESTION_FLOOR ? [{ ...entryReply(knowledge, entry, mention), confidence: r.confidence }] : [];
    }),
    entries: active.map((e) => entryReply(knowledge, e, mention)),
  };
}
