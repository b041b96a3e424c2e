import { api } from './api.js';
import { h, replaceChildren } from './dom.js';

// Emerging incidents (issue 19) on the queue page: a banner per raised group with its count, its
// customers, the words that set it apart and sample mentions; editors open the drafted entry in the
// knowledge editor, answer the waiting threads once its entry is live, or dismiss it. Customer text
// is shown with textContent only (dom.js).
//
// The banners share the queue's column: each is one line until opened, and several are one line
// together ("3 emerging incidents") until that is opened, so that a wave of incidents leaves the
// queue in view.

const state = { groups: [], busy: new Set(), open: new Map(), all: undefined };
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

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
    // Open by itself once its entry is live: the waiting threads can be answered in one action.
    const open = state.open.get(g.id) ?? answer !== null;
    return h(
      'details',
      {
        class: 'emerging',
        'data-group': g.id,
        'aria-label': 'Emerging incident',
        open,
        on: { toggle: (e) => state.open.set(g.id, e.currentTarget.open) },
      },
      // Closed: the waiting count and the first words on one line; open: the whole count.
      h(
        'summary',
        { class: 'emerging-head' },
        h('strong', {}, 'Emerging incident'),
        h('span', { class: 'emerging-full' }, ` · ${g.size} alike handoffs from ${g.authors} customers · ${g.waiting} waiting`),
        h('span', { class: 'emerging-short' }, ` · ${g.waiting} waiting · `, h('em', {}, g.words.slice(0, 4).join(', '))),
      ),
      h(
        'p',
        { class: 'emerging-words' },
        g.words.map((w) => h('span', { class: 'chip' }, w)),
      ),
      h(
        'details',
        { class: 'emerging-samples' },
        h('summary', {}, plural(g.samples.length, 'sample mention', 'sample mentions')),
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
    if (state.groups.length < 2) return replaceChildren(host, state.groups.map(banner));
    const waiting = state.groups.reduce((n, g) => n + g.waiting, 0);
    replaceChildren(
      host,
      h(
        'details',
        {
          class: 'emerging-all',
          // Open by itself while an incident's entry is live and its threads wait (an editor's action).
          open: state.all ?? (isEditor && state.groups.some((g) => g.entryId && g.waiting > 0)),
          on: { toggle: (e) => (state.all = e.currentTarget.open) },
        },
        h(
          'summary',
          { class: 'emerging-all-head' },
          h('strong', {}, `${state.groups.length} emerging incidents`),
          ` · ${waiting} waiting · `,
          h('em', {}, state.groups.map((g) => g.words[0]).join(', ')),
        ),
        h('div', { class: 'emerging-all-list' }, state.groups.map(banner)),
      ),
    );
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
