import { h } from './dom.js';
import { editor, knowledge } from './knowledge-editor.js';
import { renderAnswers } from './knowledge-answers.js';
import { renderCalendar } from './knowledge-calendar.js';
import { incidentSection, renderLiveIncidents, toggle } from './knowledge-incident.js';
import { notice, send } from './knowledge-send.js';

// Issue 23's parts of the knowledge page, each in its own section of the side pane: incidents (new,
// end now), the calendar of windows (of the text in the editor) and answers per entry. They refresh
// when a new version goes live (the page's live-version line changes) and, the calendar, as the
// draft changes.

const section = (id, title, hint) =>
  h('section', { id: `${id}-section`, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), hint, h('div', { id }));

function mount() {
  const side = document.querySelector('.side-pane');
  if (!side) return false;
  side.prepend(incidentSection());
  // On a phone the side pane comes after the editor: the incident form is one tap from the top.
  document
    .querySelector('.pane-head')
    ?.append(h('button', { type: 'button', class: 'primary ni-jump', on: { click: () => toggle(true) } }, 'New incident'));
  const entries = document.getElementById('entries')?.closest('section');
  const calendar = section('calendar', 'Calendar', null);
  const answers = section('answers', 'Answers per entry', null);
  if (entries) entries.after(calendar, answers);
  else side.append(calendar, answers);
  return true;
}

let zone = 'UTC';
let calendarTimer;

async function refreshCalendar() {
  const box = document.getElementById('calendar');
  const { status, data } = await send('/api/knowledge/calendar', editor.value ? { text: editor.value } : {});
  if (status === 200) {
    zone = data.timezone;
    renderCalendar(box, data);
    box.classList.remove('stale');
  } else if (status === 422) {
    // Keep the last calendar, marked: the draft does not parse right now.
    box.classList.add('stale');
  }
}

async function refreshAll() {
  if (!knowledge.live) return;
  await refreshCalendar();
  renderLiveIncidents(knowledge.live, zone);
  await renderAnswers(document.getElementById('answers'));
}

const refreshShown = () => void refreshAll().catch((err) => notice(err.message, 'error'));

if (mount()) {
  // The page writes the live version line after each load (start, publish, rollback, end now). The
  // first load may have finished before this module ran (it loads after the page's own): then now.
  new MutationObserver(refreshShown).observe(document.getElementById('live-version'), {
    childList: true,
    characterData: true,
    subtree: true,
  });
  if (knowledge.live) refreshShown();
  const later = () => {
    clearTimeout(calendarTimer);
    calendarTimer = setTimeout(() => void refreshCalendar().catch(() => undefined), 600);
  };
  editor.addEventListener('input', later);
  document.addEventListener('knowledge-draft-changed', later);
}
