import type { FacetsOf } from '../../store/search-store.js';
import { rowLabels } from '../queue-labels.js';
import { languageOf, understandingOf } from '../thread-summary.js';

/**
 * A mention's facets for the search filters: the queue's priority level (the same rules as its rows),
 * the understanding's topic, and its language (the one the turn recorded; detected for older decisions).
 */
export const searchFacets: FacetsOf = (text, decision) => {
  const understanding = understandingOf({ decision });
  return {
    priority: rowLabels(text, understanding).priority,
    topic: understanding?.topic ?? null,
    language: languageOf(understanding, text),
  };
};
