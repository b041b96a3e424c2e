import { api } from './api.js';
import { h, replaceChildren } from './dom.js';

// Emerging incidents (issue 19) on the queue page: a banner per raised group with its count, its
// customers, the words that set it apart and sample mentions; editors open the drafted entry in the
// knowledge editor, answer the waiting threads once its entry is live, or dismiss it. Customer text
// is shown with textContent only (dom.js).

const state = { groups: [], busy: new Set() };

/** `me`: the signed-in user (editors act); `say`, `reportError`: the page's notice. */
export function startEmergingBanner({ host, me, say, reportError }) {
  const isEditor = me.roles.includes('editor') || me.roles.includes('admin');

  async function act(id, path, body, done) {
    state.busy.add(id);
    render();
    try {
      const result = await api(`/api/emerging/${id}/${path}`, { method: 'POST', body });
      say(done(result));
    } catch (err) {
      reportError(err);
    } finally {
      state.busy.delete(id);
      await refresh();
    }
  }

  function banner(g) {
    const busy = state.busy.has(g.id);
    const answer =
      isEditor && g.entryId && g.waiting > 0
        ? h(
            'button',
            {
              type: 'button',
              class: 'primary',
              'data-action': 'answer',
              disabled: busy,
              on: {
                click: () =>
                  act(
                    g.id,
                    'answer',
                    { entryId: g.entryId },
                    (r) =>
                      `Answered ${r.answered.length} threads with ${g.entryId}${r.remaining > 0 ? `; the other ${r.remaining} are being answered` : ''}`,
                  ),
              },
            },
            `Answer the ${g.waiting} waiting threads with ${g.entryTitle ?? g.entryId}`,
          )
        : null;
    return h(
      'section',
      { class: 'emerging', 'data-group': g.id, 'aria-label': 'Emerging incident' },
      h(
        'p',
        { class: 'emerging-head' },
        h('strong', {}, 'Emerging incident'),
        ` · ${g.size} alike handoffs from ${g.authors} customers · ${g.waiting} waiting`,
      ),
      h(
        'p',
        { class: 'emerging-words' },
        g.words.map((w) => h('span', { class: 'chip' }, w)),
      ),
      h(
        'details',
        { class: 'emerging-samples' },
        h('summary', {}, `${g.samples.length} sample mentions`),
        h(
          'ul',
          {},
          g.samples.map((s) => h('li', { dir: 'auto' }, s)),
        ),
      ),
      h(
        'div',
        { class: 'emerging-actions' },
        answer,
        isEditor && !g.entryId
          ? h(
              'a',
              { class: 'button', 'data-action': 'draft', href: `/console/knowledge#emerging=${encodeURIComponent(g.id)}` },
              'Draft an entry',
            )
          : null,
        isEditor
          ? h(
              'button',
              {
                type: 'button',
                'data-action': 'dismiss',
                disabled: busy,
                on: { click: () => act(g.id, 'dismiss', undefined, () => 'Dismissed the emerging incident') },
              },
              'Dismiss',
            )
          : null,
      ),
    );
  }

  function render() {
    host.hidden = state.groups.length === 0;
    replaceChildren(host, state.groups.map(banner));
  }

  async function refresh() {
    try {
      state.groups = (await api('/api/emerging')).groups;
      render();
    } catch (err) {
      reportError(err);
    }
  }

  refresh();
  return { refresh };
}
