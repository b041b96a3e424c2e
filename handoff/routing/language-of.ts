import { detectLanguage } from '../../intents/detect-language.js';

/**
 * The language a routing rule sees for a post. The one place routing learns it: when mentions
 * carry their detected language, read it here instead of detecting again.
 */
export function languageOf(post: { text: string; language?: string | null }): string | null {
  return post.language !== undefined ? post.language : detectLanguage(post.text);
}
