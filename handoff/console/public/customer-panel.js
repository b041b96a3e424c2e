import { api, ApiError } from './api.js';
import { h, replaceChildren } from './dom.js';
import { clock, isoTime } from './format.js';

// The customer panel beside the open thread: who the customer is on each channel (identities an agent
// linked; a link can be undone), their notes (kept across threads), and their threads, newest first,
// each with how it went and opening it on click.

const customerPath = (identity) => `/api/customers/${encodeURIComponent(identity.channel)}/${encodeURIComponent(identity.author)}`;
const sameIdentity = (a, b) => a.channel === b.channel && a.author === b.author;

/**
 * customerPanel(aside, { onOpen, say, reportError }) returns show(thread): draws the customer of the
 * thread's author (or hides the panel when there is none). A notes draft survives live redraws.
 */
export function customerPanel(aside, { onOpen, say, reportError }) {
  let shown = null; // { identity, data, threadKey }
  let notes = null; // { customerKey, input, version, saved }
  let linked = false;

  let latest = 0; // the last load asked for: an older answer arriving after it is dropped

  async function load(identity, threadKey) {
    const asked = ++latest;
    const data = await api(customerPath(identity));
    if (asked !== latest) return;
    shown = { identity, data, threadKey };
    draw();
  }

  async function act(request, done) {
    say('');
    try {
      const data = await request();
      shown = { ...shown, data };
      draw();
      if (done) say(done, 'ok');
    } catch (err) {
      reportError(err);
    }
  }

  function identities({ customer }) {
    return h(
      'ul',
      { class: 'identities', 'aria-label': 'Identities' },
      customer.identities.map((identity, i) =>
        h(
          'li',
          {},
          h('bdi', { class: 'author' }, identity.author),
          ' ',
          h('span', { class: 'channel' }, identity.channel),
          // The thread's own identity stays: undoing a link is done on the others.
          i === 0
            ? null
            : h(
                'button',
                {
                  type: 'button',
                  class: 'quiet unlink',
                  title: `Undo the link to ${identity.author} on ${identity.channel}`,
                  on: {
                    click: () =>
                      act(async () => {
                        await api('/api/customers/unlink', { method: 'POST', body: { identity } });
                        return api(customerPath(shown.identity));
                      }, `Unlinked ${identity.author}.`),
                  },
                },
                'Unlink',
              ),
        ),
      ),
    );
  }

  function linkForm({ channels }) {
    const channel = h('input', { id: 'link-channel', list: 'link-channels', required: true, autocomplete: 'off', size: 10, value: '' });
    const author = h('input', { id: 'link-author', required: true, autocomplete: 'off', placeholder: '@ann@mastodon.social' });
    const form = h(
      'form',
      { class: 'link-form' },
      h(
        'datalist',
        { id: 'link-channels' },
        channels.map((c) => h('option', { value: c })),
      ),
      h('label', { for: 'link-channel' }, 'Channel'),
      channel,
      h('label', { for: 'link-author' }, 'Handle'),
      author,
      h('button', { type: 'submit' }, 'Link'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const other = { channel: channel.value.trim(), author: author.value.trim() };
      act(async () => {
        const data = await api('/api/customers/link', { method: 'POST', body: { identity: shown.identity, with: other } });
        linked = true; // the form closes: the new identity is in the list above it
        return data;
      }, `Linked ${other.author} on ${other.channel}.`);
    });
    return h('details', { class: 'link-identity' }, h('summary', {}, 'Link another identity'), form);
  }

  function notesBox({ customer }) {
    const customerKey = customer.id ?? `${shown.identity.channel}\n${shown.identity.author}`;
    const saved = customer.notes?.text ?? '';
    const version = customer.notes?.version ?? 0;
    // Another customer, or nothing typed here: the box shows what is saved. A draft is kept.
    if (!notes || notes.customerKey !== customerKey || notes.input.value === notes.saved) {
      const input = h('textarea', {
        id: 'customer-notes',
        rows: 3,
        dir: 'auto',
        maxlength: 4000,
        placeholder: 'Notes about this customer, kept across threads',
      });
      input.value = saved;
      notes = { customerKey, input, version, saved };
    } else notes = { ...notes, version, saved };
    const save = h('button', { type: 'submit' }, 'Save notes');
    const form = h(
      'form',
      { class: 'customer-notes' },
      h('label', { for: 'customer-notes' }, 'Notes'),
      notes.input,
      h(
        'div',
        { class: 'notes-bar' },
        customer.notes
          ? h(
              'span',
              { class: 'hint' },
              'by ',
              h('bdi', {}, customer.notes.by),
              ' · ',
              h('time', { datetime: isoTime(customer.notes.at) }, clock(customer.notes.at)),
            )
          : null,
        save,
      ),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      say('');
      try {
        const text = notes.input.value;
        const { customer: now } = await api(`${customerPath(shown.identity)}/notes`, {
          method: 'PUT',
          body: { text, version: notes.version },
        });
        notes = { ...notes, saved: now.notes?.text ?? '', version: now.notes?.version ?? 0 };
        shown = { ...shown, data: { ...shown.data, customer: now } };
        draw();
        say('Notes saved.', 'ok');
      } catch (err) {
        // Saved meanwhile by someone else: their version is the one to build on; the draft stays.
        if (err instanceof ApiError && err.status === 409) await load(shown.identity, shown.threadKey).catch(() => {});
        reportError(err);
      }
    });
    return form;
  }

  function threads({ threads, total }) {
    return [
      h('h3', {}, `Threads (${total})`),
      h(
        'ol',
        { class: 'customer-threads', 'aria-label': 'Their threads' },
        threads.map((t) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'customer-thread',
                dataset: { key: t.key },
                'aria-current': t.key === shown.threadKey ? 'true' : null,
                on: { click: () => onOpen(t.key) },
              },
              h(
                'span',
                { class: 'ct-head' },
                h('span', { class: `badge state-${t.state}` }, t.state),
                h('span', { class: `outcome outcome-${t.outcome.kind}` }, t.outcome.label),
                h('time', { datetime: isoTime(t.at) }, clock(t.at)),
              ),
              h('span', { class: 'ct-text', dir: 'auto' }, t.key === shown.threadKey ? '(this thread) ' : null, t.text ?? ''),
              h('span', { class: 'ct-where' }, h('bdi', {}, t.author ?? ''), ' · ', t.channel),
            ),
          ),
        ),
      ),
    ];
  }

  const linkInputs = () => ['link-channel', 'link-author'].map((id) => aside.querySelector(`#${id}`)).filter(Boolean);

  function draw() {
    const { data } = shown;
    const typing = document.activeElement === notes?.input ? [notes.input.selectionStart, notes.input.selectionEnd] : null;
    const linkOpen = aside.querySelector('details.link-identity')?.open && !linked;
    // A live redraw while the agent types a handle to link keeps what they typed and where.
    const linkDraft = linkInputs().map((i) => [i.value, document.activeElement === i && [i.selectionStart, i.selectionEnd]]);
    linked = false;
    replaceChildren(
      aside,
      h('h2', { class: 'customer-title' }, 'Customer'),
      identities(data),
      linkForm(data),
      notesBox(data),
      threads(data),
    );
    if (linkOpen) {
      aside.querySelector('details.link-identity')?.setAttribute('open', '');
      linkInputs().forEach((input, i) => {
        const [value, selection] = linkDraft[i];
        input.value = value;
        if (!selection) return;
        input.focus();
        input.setSelectionRange(...selection);
      });
    }
    if (typing) {
      notes.input.focus();
      notes.input.setSelectionRange(typing[0], typing[1]);
    }
    aside.hidden = false;
    aside.parentElement?.classList.add('with-customer');
  }

  return function show(thread) {
    if (!thread?.author) {
      latest++;
      aside.hidden = true;
      aside.parentElement?.classList.remove('with-customer');
      shown = null;
      return Promise.resolve();
    }
    const identity = { channel: thread.channel, author: thread.author };
    if (shown && !sameIdentity(shown.identity, identity)) notes = null;
    return load(identity, thread.key).catch(reportError);
  };
}
