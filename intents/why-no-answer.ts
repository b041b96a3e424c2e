import type { Understanding } from './understanding.js';
import { builtinTopics } from './builtin-intents.js';

const BUILTIN_TOPICS = Object.keys(builtinTopics());

/** Each look-alike check of intents/entry-verifier.ts in words, as marketing reads them. */
const LOOKALIKE_WORDS: Record<string, string> = {
  other_topic: 'it reads as another topic than the entry’s examples',
  cue: 'it says something the entry’s examples never do (arrived, got it, works again, thanks, tried already, what time, how much, planned work…)',
  other_device: 'it names a device none of the entry’s texts name',
  other_model: 'it names another model of a line the entry names',
  other_name: 'it gives what the entry names another name (another network, card, programme, sale day…)',
  no_subject: 'it never names what every example and keyword of the entry names (its subject)',
  negative_words: 'it uses a word of one of the entry’s negative examples',
  other_topic_words: 'it uses a phrasing of another topic that the entry’s texts never use',
  other_problem: 'it tells of another problem than the entry’s',
  other_question: 'it asks for something the entry’s texts never mention',
  done: 'it says it did what the entry says cannot be done',
  undone: 'it says it cancelled, returned or changed something, which the entry’s texts never mention',
  denied: 'it says the entry’s problem is not there (not late, not damaged…)',
  quotes_reply: 'it quotes the entry’s own reply back',
  asks_nothing: 'it neither asks anything nor reports a problem, and the entry’s examples do',
  praise: 'it is praise, and the entry’s reply answers a problem',
  wants_contact: 'it asks to be called or written to: a person answers that',
};

/** Shipped off-topic phrasings (intents/background-phrases.ts, lookalike-phrases.ts) in words. */
const BACKGROUND_WORDS: Record<string, string> = {
  device: 'talk about devices',
  connectivity: 'talk about wifi, internet or signal',
  travel: 'talk about travel',
  food_and_store: 'talk about food and stores',
  media_and_games: 'talk about media and games',
  chatter: 'chatter',
  praise: 'praise',
  state_reached: 'news that something is settled (arrived, works again)',
};

/** A phrasing quoted in a why: one line, at most a tweet's first words. */
const quoted = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
};

/** What read closer than the closest entry, in words: where marketing can look to win it back. */
function closerThing(label: string | undefined, example: string | undefined): string {
  const quote = example ? ` "${quoted(example)}"` : '';
  if (label === undefined) return 'something no entry covers (a built-in topic, or a common off-topic mention)';
  if (label.startsWith('not-'))
    return example
      ? `the negative example${quote} of "${label.slice('not-'.length)}" (a look-alike written for it)`
      : `the negative examples of "${label.slice('not-'.length)}" (the look-alikes written for it)`;
  if (BUILTIN_TOPICS.includes(label)) return `the built-in topic "${label}"${example ? ` (as${quote})` : ''}, a question no entry covers,`;
  return `common off-topic ${BACKGROUND_WORDS[label] ?? label.replace(/_/g, ' ')}${example ? ` (as${quote})` : ''}`;
}

/**
 * Why the understanding gave no answer, in a sentence: the closest entry and what kept the bot from
 * using it. What marketing needs when a mention they expected answered is handed off.
 */
export function whyNoAnswer(u: Understanding): string | undefined {
  const scores = u.scores ?? {};
  const closest = u.closestEntryId ? `"${u.closestEntryId}"` : 'the closest entry';
  const confidence = (scores['answer.confidence'] ?? scores['answer.best_entry_confidence'])?.toFixed(2) ?? '?';
  if (u.handoffReason === 'look_alike') {
    const reasons = Object.keys(scores)
      .filter((k) => k.startsWith('answer.lookalike.'))
      .map((k) => LOOKALIKE_WORDS[k.slice('answer.lookalike.'.length)] ?? k.slice('answer.lookalike.'.length));
    return `${closest} (confidence ${confidence}) refused as a look-alike: ${reasons.join('; ')}`;
  }
  if (u.handoffReason === 'below_threshold') {
    if (scores['answer.background'] === 1) {
      return `it reads more like ${closerThing(u.closerThanEntry, u.closerExample)} than like ${closest}`;
    }
    if (scores['answer.weak_match'] === 1)
      return `${closest} (confidence ${confidence}), but none of its examples is close to the mention (nearest ${scores['answer.top_nearest']?.toFixed(2) ?? '?'})`;
    return `${closest} at confidence ${confidence}, under the threshold ${scores['answer.threshold']?.toFixed(2) ?? '?'}`;
  }
  if (u.handoffReason === 'no_active_entry') return 'no entry is active on this channel at this time (windows, channels)';
  return undefined;
}
