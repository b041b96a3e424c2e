import { api } from './api.js';
import { h, keepFocus, replaceChildren } from './dom.js';

// Tags on the open thread: each with a button to remove it, and a box to add one (Enter).
// The queue rows show them too (tagList).

const tagsPath = (key) => `/api/threads/${encodeURIComponent(key)}/tags`;

/** The tags of a queue row, or nothing. */
export function tagList(tags, className = 'row-tags') {
  if (!tags?.length) return null;
  return h(
    'span',
    { class: className, 'aria-label': 'Tags' },
    tags.map((t) => h('span', { class: 'tag' }, t)),
  );
}

/**
 * threadTags({ say, reportError }) returns show(container, key): fetches the thread's tags and draws
 * the tag bar at the end of the thread's head. The box is the same element across live redraws, so
 * what is typed in it stays.
 */
export function threadTags({ say, reportError }) {
  let bar = null; // { key, node, input }
  // A read that raced a change (started while one was under way, or answered after one finished) may
  // hold the tags from before it: only the change's own answer is drawn then.
  let changing = 0;
  let changes = 0;

  async function change(key, request, done) {
    say('');
    changing++;
    try {
      const { tags } = await request();
      if (bar?.key === key) draw(tags);
      if (done) say(done, 'ok');
    } catch (err) {
      reportError(err);
    } finally {
      changing--;
      changes++;
    }
  }

  function draw(tags) {
    const { key, node, input } = bar;
    const restoreFocus = keepFocus(node);
    replaceChildren(
      node,
      tags.map((tag) =>
        h(
          'span',
          { class: 'tag' },
          tag,
          h(
            'button',
            {
              type: 'button',
              class: 'tag-remove',
              'aria-label': `Remove the tag ${tag}`,
              on: { click: () => change(key, () => api(`${tagsPath(key)}/${encodeURIComponent(tag)}`, { method: 'DELETE' })) },
            },
            '×',
          ),
        ),
      ),
      h('label', { for: 'tag-input', class: 'visually-hidden' }, 'Add a tag'),
      input,
    );
    restoreFocus();
  }

  return async function show(container, key) {
    if (bar?.key !== key) {
      const input = h('input', { id: 'tag-input', class: 'tag-input', placeholder: '+ tag', maxlength: 32, autocomplete: 'off', size: 8 });
      input.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' || !input.value.trim()) return;
        event.preventDefault();
        const tag = input.value;
        change(key, () => api(tagsPath(key), { method: 'POST', body: { tag } }), null).then(() => {
          if (!input.value || input.value === tag) input.value = '';
        });
      });
      bar = { key, node: h('div', { class: 'tag-bar', role: 'group', 'aria-label': 'Tags' }), input, tags: [] };
    }
    // Put back in the same tick as the thread's redraw: console.js gives it its focus back.
    container.querySelector('.thread-head')?.append(bar.node);
    const quiet = changing === 0;
    const before = changes;
    const { tags } = await api(tagsPath(key));
    if (bar.key === key && quiet && changes === before) draw(tags);
  };
}
