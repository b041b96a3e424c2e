import { api } from './api.js';
import { h } from './dom.js';

// Suggested replies on a handed-off thread (issue 19): the best matching active entries with their
// confidence and the exact reply each would post, one key (1, 2, 3) or click to put it in the reply
// box, a "not this" mark that teaches the bot, and any other active entry from a searchable list.

const OPEN_STATES = new Set(['waiting', 'agent']);
const percent = (c) => `${Math.round(c * 100)}%`;

function entryMatches(entry, words) {
  const hay = `${entry.title} ${entry.entryId} ${entry.reply}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** `kept`: the search and whether the list is open, kept across live redraws of the same thread. */
function picker(entries, use, canUse, kept) {
  const list = h('ul', { class: 'pick-list' });
  const search = h('input', {
    type: 'search',
    id: 'pick-search',
    class: 'pick-search',
    placeholder: 'Search entries by title or text',
    'aria-label': 'Search entries',
    autocomplete: 'off',
  });
  const draw = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = entries.filter((e) => entryMatches(e, words));
    list.replaceChildren(
      ...shown.map((e) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'pick',
              disabled: !canUse,
              dataset: { entry: e.entryId },
              title: e.reply,
              on: { click: () => use(e) },
            },
            h('bdi', { class: 'pick-title' }, e.title),
            h('span', { class: 'pick-reply', dir: 'auto' }, e.reply),
          ),
        ),
      ),
      ...(shown.length === 0 ? [h('li', { class: 'hint' }, 'No active entry matches.')] : []),
    );
  };
  search.value = kept.search;
  search.addEventListener('input', () => {
    kept.search = search.value;
    draw();
  });
  draw();
  const details = h(
    'details',
    { class: 'pick-entry', open: kept.open },
    h('summary', {}, `Pick another entry (${entries.length})`),
    search,
    list,
  );
  details.addEventListener('toggle', () => (kept.open = details.open));
  return details;
}

/**
 * show(container, data, replyBox): draws the panel above the thread's actions. The suggestions are
 * fetched once per thread and customer post (a live refresh redraws them from memory).
 */
export function suggestionPanel({ say, reportError }) {
  let cached = { id: null, data: null };
  let kept = { key: null, search: '', open: false };
  const wrongMarked = new Set();

  async function load(thread, transcript) {
    const id = `${thread.key}#${transcript.length}`;
    if (cached.id !== id) cached = { id, data: await api(`/api/threads/${encodeURIComponent(thread.key)}/suggestions`) };
    return cached.data;
  }

  const keptFor = (key) => {
    if (kept.key !== key) kept = { key, search: '', open: false };
    return kept;
  };

  return async function show(container, { thread, transcript }, replyBox) {
    container.querySelector('section.suggestions')?.remove();
    if (!OPEN_STATES.has(thread.state) || !replyBox) return;
    const data = await load(thread, transcript).catch((err) => {
      reportError(err);
      return null;
    });
    const foot = container.querySelector('.thread-foot');
    if (!data || !foot || container.dataset.key !== thread.key) return;
    const canUse = replyBox.enabled;
    const use = (entry) => {
      replyBox.useEntry(entry.entryId, entry.reply);
      say(`“${entry.title}” is in the reply box: send it as it is or edit it.`, 'ok');
    };
    const markWrong = async (s) => {
      try {
        await api(`/api/threads/${encodeURIComponent(thread.key)}/suggestions/wrong`, { method: 'POST', body: { entryId: s.entryId } });
        wrongMarked.add(`${cached.id}:${s.entryId}`);
        say(`Marked “${s.title}” as not right here: an editor will review it.`, 'ok');
        show(container, { thread, transcript }, replyBox);
      } catch (err) {
        reportError(err);
      }
    };
    const suggestions = data.suggestions.filter((s) => !wrongMarked.has(`${cached.id}:${s.entryId}`));
    const items = suggestions.map((s, i) =>
      h(
        'li',
        { class: 'suggestion', dataset: { rank: String(i + 1), entry: s.entryId } },
        h(
          'div',
          { class: 'suggestion-head' },
          h('kbd', {}, String(i + 1)),
          h('bdi', { class: 'suggestion-title', title: s.title }, s.title),
          h('span', { class: 'confidence', title: 'how sure the bot is that this entry answers the post' }, percent(s.confidence)),
        ),
        h('p', { class: 'suggestion-reply', dir: 'auto' }, s.reply),
        s.parts.length > 1 ? h('p', { class: 'hint' }, `Posts as ${s.parts.length} replies on ${thread.channel}.`) : null,
        h(
          'div',
          { class: 'suggestion-actions' },
          h('button', { type: 'button', class: 'use primary', disabled: !canUse, on: { click: () => use(s) } }, 'Use reply'),
          h('button', { type: 'button', class: 'wrong', on: { click: () => markWrong(s) } }, 'Not right'),
        ),
      ),
    );
    const panel = h(
      'section',
      { class: 'suggestions', 'aria-label': 'Suggested replies' },
      h(
        'h3',
        {},
        'Suggested replies',
        canUse ? h('span', { class: 'hint' }, ' press 1–3 to use one') : h('span', { class: 'hint' }, ' claim the thread to use one'),
      ),
      // Why the bot held back: a suggestion it refused as a look-alike is weighed twice; one it was only unsure of is sent.
      data.botWhy ? h('p', { class: 'bot-why', dir: 'auto' }, h('strong', {}, 'Why the bot did not answer: '), data.botWhy) : null,
      items.length ? h('ol', { class: 'suggestion-list' }, items) : h('p', { class: 'hint' }, 'No entry matches this post.'),
      data.entries.length ? picker(data.entries, use, canUse, keptFor(thread.key)) : null,
    );
    // Two draws in quick succession (a live refresh) both end here: one panel only.
    container.querySelector('section.suggestions')?.remove();
    foot.before(panel);
  };
}
