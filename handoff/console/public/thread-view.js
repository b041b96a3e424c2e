import { h, replaceChildren } from './dom.js';
import { clock, isoTime } from './format.js';
import { slaBadge, waitingTime } from './queue-view.js';
import { replyBox } from './reply-box.js';
import { labelsLine, languageBadge, priorityBadge } from './row-labels.js';
import { stripInvisible } from './visible-text.js';
import { personOwned, repliedBadge } from './customer-replied.js';

const speaker = { customer: 'customer', bot: 'bot', agent: 'agent', brand: 'brand (on the platform)' };

/** Why a reply is not out (yet): the platform's answer to the last try, or why it was cancelled. */
const statusWords = { pending: 'Not sent yet, retrying: ', failed: 'Could not be sent: ', cancelled: 'Cancelled: ' };
// A reason given up with already says so ("reply could not be sent: x refused it: …"): not twice.
const reasonText = (status, reason) =>
  status === 'failed' && /could not be sent/i.test(reason) ? reason : `${statusWords[status] ?? ''}${reason}`;

function message(item) {
  const unsent = item.status && item.status !== 'sent';
  return h(
    'li',
    {
      class: `msg from-${item.from}${item.hidden ? ' hidden-comment' : ''}`,
      dataset: {
        ...(item.status ? { status: item.status } : {}),
        ...(item.from === 'customer' && item.platformId ? { platformId: item.platformId } : {}),
      },
    },
    h(
      'div',
      { class: 'msg-head' },
      h('bdi', { class: 'author' }, item.postedAs ?? item.author ?? ''),
      h('span', { class: 'from' }, speaker[item.from] ?? item.from),
      // A person's reply goes out as the brand: who sent it, beside the handle it was posted as.
      item.agent ? h('span', { class: 'sent-by' }, 'sent by ', h('bdi', {}, item.agent)) : null,
      h('time', { datetime: isoTime(item.at) }, clock(item.at)),
      unsent ? h('span', { class: `badge status-${item.status}` }, item.status) : null,
    ),
    h('p', { class: 'msg-text', dir: 'auto' }, item.text ?? ''),
    unsent && item.reason ? h('p', { class: 'msg-reason', dir: 'auto' }, reasonText(item.status, item.reason)) : null,
  );
}

function history(events) {
  if (!events || events.length === 0) return null;
  return h(
    'details',
    { class: 'history' },
    h('summary', {}, `History (${events.length})`),
    h(
      'ol',
      {},
      events.map((e) =>
        h(
          'li',
          {},
          h('time', {}, clock(e.at)),
          ' ',
          h('strong', {}, String(e.type ?? '').replaceAll('_', ' ')),
          e.actor ? [' by ', h('bdi', {}, e.actor)] : null,
        ),
      ),
    ),
  );
}

/** A reply here was given up: why, where the agent looks first. */
function replyFailure(thread) {
  const f = thread.replyFailure;
  if (!f) return null;
  return h('p', { class: 'reply-failure', role: 'alert', dir: 'auto' }, h('time', { datetime: isoTime(f.at) }, clock(f.at)), ' ', f.reason);
}

/** Why this thread is where it is, in the same plain labels as its queue row (no intent names, no scores). */
function understanding(thread) {
  const badge = priorityBadge(thread);
  const labels = labelsLine(thread, 'labels');
  const title = stripInvisible((thread.reasons ?? []).join(' · '));
  return badge || labels ? h('span', { class: 'understanding', title }, badge, badge && labels ? ' ' : null, labels) : null;
}

/** The thread's facts in one line: state and owner, priority and why, language, and while a person owes an answer the wait and the SLA. */
function facts(thread, fetchedAt) {
  const open = thread.state === 'waiting' || thread.state === 'agent';
  return h(
    'p',
    { class: 'thread-meta' },
    h('span', { class: `badge state-${thread.state}` }, thread.state),
    thread.assignee ? h('bdi', { class: 'assignee' }, thread.assignee) : null,
    repliedBadge(thread),
    understanding(thread),
    languageBadge(thread),
    open ? waitingTime(thread, fetchedAt) : null,
    open ? slaBadge(thread) : null,
  );
}

/** A link from the API only if it is http(s) (never javascript: or data:), resolved against this page. */
export function safeHref(value) {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value, location.origin);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** What the signed-in person may do with this thread now. */
export function allowedActions(thread, me) {
  const mine = thread.assignee === me && (thread.state === 'agent' || thread.state === 'resolved');
  // Nobody (or only the platform) holds it: any agent may finish it.
  const free = thread.state === 'waiting' || thread.state === 'bot' || (thread.state === 'agent' && !personOwned(thread));
  return {
    // Also a thread the brand answered natively and kept open (held by the platform, not a person).
    claim: thread.state === 'waiting' || thread.state === 'bot' || (thread.state === 'agent' && !personOwned(thread)),
    reply: mine && thread.state === 'agent',
    release: mine && thread.state === 'agent',
    handBack: mine,
    resolve: (mine && thread.state === 'agent') || free,
    close: (mine && thread.state !== 'closed') || free,
  };
}

function actionBar(thread, me, onAction) {
  const can = allowedActions(thread, me);
  const button = (name, label, enabled, cls = '') =>
    h('button', { type: 'button', class: cls, disabled: !enabled, dataset: { action: name }, on: { click: () => onAction(name) } }, label);
  const heldBy =
    thread.state === 'agent' && thread.assignee !== me
      ? h('span', { class: 'hint' }, 'Held by ', h('bdi', {}, thread.assignee ?? 'someone'))
      : null;
  return h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': 'Thread actions' },
    button('claim', 'Claim (c)', can.claim, 'primary'),
    button('release', 'Release to queue', can.release),
    button('hand-back', 'Hand back to bot', can.handBack),
    button('resolve', 'Resolve', can.resolve),
    button('close', 'Close', can.close),
    heldBy,
  );
}

/**
 * Draws a thread: who and where, SLA, the conversation as the customer sees it, actions, reply box.
 * On a refresh of the same thread the reply box is kept (a draft survives live updates).
 */
export function renderThread(container, data, { me, fetchedAt, onAction, onSend, onClose }) {
  const { thread, transcript, events } = data;
  const can = allowedActions(thread, me);
  const sameThread = container.dataset.key === thread.key;
  const old = sameThread ? container.replyBox : null;
  let reply = old && old.enabled === can.reply ? old : null;
  if (!reply) {
    const box = replyBox({
      limits: thread.limits,
      enabled: can.reply,
      disabledReason: thread.state === 'agent' ? 'Only the person holding this thread can reply.' : 'Claim the thread to reply.',
      onSend,
    });
    reply = { ...box, enabled: can.reply };
    // The thread changed hands (claimed, released when idle): the draft is kept all the same.
    if (old?.input.value) {
      reply.input.value = old.input.value;
      reply.chosen.entryId = old.chosen.entryId;
      reply.update();
    }
  }
  // Typing goes on through a live refresh: moving the box in the page would drop its focus.
  const typing = document.activeElement === reply.input ? [reply.input.selectionStart, reply.input.selectionEnd] : null;
  // A live refresh keeps the reader where they were, unless they were following the latest message.
  const previous = sameThread ? container.querySelector('.thread-scroll') : null;
  const follow = !previous || previous.scrollHeight - previous.scrollTop - previous.clientHeight < 40;
  const previousTop = previous?.scrollTop ?? 0;
  const historyOpen = sameThread && container.querySelector('details.history')?.open;
  container.dataset.key = thread.key;
  container.replyBox = reply;
  const link = safeHref(thread.permalink);
  const where = link
    ? h(
        'a',
        { class: 'channel', href: link, target: '_blank', rel: 'noopener noreferrer', title: 'Open the post on the platform' },
        `${thread.channel} ↗`,
      )
    : h('span', { class: 'channel' }, thread.channel);
  replaceChildren(
    container,
    h(
      'header',
      { class: 'thread-head' },
      h(
        'div',
        { class: 'thread-facts' },
        // On a phone the thread takes the screen: the way back to the queue (wide screens show both).
        onClose
          ? h(
              'a',
              {
                class: 'back-to-queue',
                href: location.pathname,
                on: {
                  click: (e) => {
                    e.preventDefault();
                    onClose();
                  },
                },
              },
              '← Queue',
            )
          : null,
        h('h2', { id: 'thread-title' }, h('bdi', {}, thread.author ?? '?'), ' ', where),
        facts(thread, fetchedAt),
      ),
      replyFailure(thread),
    ),
    h(
      'div',
      { class: 'thread-scroll' },
      h('ol', { class: 'transcript', 'aria-label': 'Conversation' }, transcript.map(message)),
      history(events),
    ),
    h('div', { class: 'thread-foot' }, actionBar(thread, me, onAction), reply.form),
  );
  const scroller = container.querySelector('.thread-scroll');
  scroller.scrollTop = follow ? scroller.scrollHeight : previousTop;
  if (historyOpen) container.querySelector('details.history')?.setAttribute('open', '');
  if (typing) {
    reply.input.focus();
    reply.input.setSelectionRange(typing[0], typing[1]);
  }
  return reply;
}
