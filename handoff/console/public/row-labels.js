import { h } from './dom.js';

const LEVELS = { urgent: 'Urgent', high: 'High' };

/** "Urgent" or "High" where a thread must be seen first; nothing for normal and low (most of the queue). */
export function priorityBadge(thread) {
  const label = LEVELS[thread.priorityLevel];
  if (!label) return null;
  const why = (thread.reasons ?? [])[0];
  return h('span', { class: `badge priority-${thread.priorityLevel}`, title: why ? `${label}: ${why}` : label }, label);
}

const LANGUAGE_CODE = /^[a-z]{2,3}$/;
let languageNames;

/** "French" for fr, in the browser's language (the code itself where Intl cannot name it). */
function languageName(code) {
  try {
    languageNames ??= new Intl.DisplayNames([navigator.language || 'en'], { type: 'language' });
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The agent's own language (the browser's): a queue of mostly that language needs no badge on each row. */
const readersLanguage = () => (navigator.language || '').toLowerCase().split('-')[0];

/**
 * The language of the customer's latest mention ("FR"), as the turn detected it; nothing when too
 * short to tell. `onRow`: nothing either in the agent's own language, so the badges that remain are
 * the ones to notice.
 */
export function languageBadge(thread, { onRow = false } = {}) {
  const code = typeof thread.language === 'string' && LANGUAGE_CODE.test(thread.language) ? thread.language : null;
  if (!code || (onRow && code === readersLanguage())) return null;
  return h('span', { class: 'badge lang', title: `Written in ${languageName(code)}` }, code.toUpperCase());
}

/** The thread's one plain label set ("Safety: burn injury · Refund request · Angry complaint"), each once. */
export function labelsLine(thread, className) {
  const labels = [...new Set(thread.reasons ?? [])];
  return labels.length ? h('span', { class: className, dir: 'auto' }, labels.join(' · ')) : null;
}
