import { searchTokens } from '../../shared/search-tokens.js';

const BEFORE = 60;
const AFTER = 160;

/**
 * The part of a thread's text around the first word of the query found in it (the latest text
 * when none is, or without a query), cut at word boundaries, with an ellipsis where it was cut.
 */
export function searchSnippet(body: string, query: string): string {
  const lower = body.toLowerCase();
  let at = -1;
  for (const term of searchTokens(query, 8)) {
    const found = lower.indexOf(term);
    if (found !== -1 && (at === -1 || found < at)) at = found;
  }
  // No word found: the latest text, from its start.
  const latest = at === -1;
  if (latest) at = Math.max(0, body.lastIndexOf('\n') + 1);
  let start = latest ? at : Math.max(0, at - BEFORE);
  let end = Math.min(body.length, at + AFTER);
  if (start > 0 && !latest) start = body.indexOf(' ', start) + 1 || start;
  if (end < body.length) end = body.lastIndexOf(' ', end) > at ? body.lastIndexOf(' ', end) : end;
  const text = body.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 && !latest ? '…' : ''}${text}${end < body.length ? '…' : ''}`;
}
