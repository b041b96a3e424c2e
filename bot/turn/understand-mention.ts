import { detectLanguage } from '../../intents/detect-language.js';
import type { Understander, Understanding } from '../../intents/understanding.js';
import type { Mention } from '../../store/mention.js';
import type { MentionLanguage } from './mention-language.js';

/**
 * The understander's answer with the language the mention is written in: detected here, once per
 * turn, so every understanding the turn records (and the queue, search and routing read) carries it.
 */
export async function understandMention(
  understander: Understander,
  mention: Mention,
  at: Date,
  answerIn?: Pick<MentionLanguage, 'language' | 'detected'>,
): Promise<Understanding> {
  // `answerIn`: the language the turn answers in (mention-language.ts), whose examples it is understood
  // against, with the detector's answer when choosing it already asked.
  const understanding = await understander.understand({
    text: mention.text,
    channel: mention.channel,
    at,
    ...(answerIn ? { language: answerIn.language } : {}),
  });
  return { ...understanding, language: answerIn?.detected !== undefined ? answerIn.detected : detectLanguage(mention.text) };
}
