import { detectLanguage } from '../../intents/detect-language.js';
import type { FacetsOf } from '../../store/search-store.js';
import { rowLabels } from '../queue-labels.js';
import { understandingOf } from '../thread-summary.js';

/**
 * A mention's facets for the search filters: the queue's priority level (the same rules as its rows),
 * the understanding's topic, and its language (the understanding's when it has one, else detected).
 */
export const searchFacets: FacetsOf = (text, decision) => {
  const understanding = understandingOf({ decision });
  const language = (understanding as { language?: unknown } | null)?.language;
  return {
    priority: rowLabels(text, understanding).priority,
    topic: understanding?.topic ?? null,
    language: typeof language === 'string' && language ? language : detectLanguage(text),
  };
};
