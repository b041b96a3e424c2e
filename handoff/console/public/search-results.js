import { h } from './dom.js';
import { duration } from './format.js';
import { priorityBadge } from './row-labels.js';

// One row of search results: who, where, the thread's state and priority, the text around the words found.

/** The words of the query inside a snippet, marked (built as text nodes: nothing parsed as markup). */
function highlighted(text, q) {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]{1,40}/gu) ?? []).slice(0, 8);
  if (words.length === 0) return [text];
  const lower = text.toLowerCase();
  const parts = [];
  let at = 0;
  while (at < text.length) {
    let next = -1;
    let word = '';
    for (const w of words) {
      const i = lower.indexOf(w, at);
      if (i !== -1 && (next === -1 || i < next)) [next, word] = [i, w];
    }
    if (next === -1) break;
    parts.push(text.slice(at, next), h('mark', {}, text.slice(next, next + word.length)));
    at = next + word.length;
  }
  parts.push(text.slice(at));
  return parts;
}

export function resultRow(hit, q, selectedKey, onSelect) {
  const labels = [hit.topic, hit.language?.toUpperCase()].filter(Boolean).join(' · ');
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: 'row result',
        dataset: { key: hit.key },
        'aria-current': hit.key === selectedKey ? 'true' : null,
        on: { click: () => onSelect(hit.key) },
      },
      h(
        'span',
        { class: 'row-head' },
        h('bdi', { class: 'author' }, hit.author ?? '?'),
        h('span', { class: 'channel' }, hit.channel),
        h('span', { class: `badge state-${hit.state}` }, hit.state === 'agent' ? `with ${hit.assignee ?? 'someone'}` : hit.state),
        priorityBadge(hit),
      ),
      h('span', { class: 'row-text', dir: 'auto' }, ...highlighted(hit.snippet, q)),
      h('span', { class: 'row-meta' }, labels || null, labels ? ' · ' : null, `${duration(Date.now() - hit.updatedAt)} ago`),
    ),
  );
}
