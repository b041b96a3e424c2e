import { LruCache } from '../shared/lru-cache.js';
import { PRIORITY_RULES, type Priority, type PriorityRule } from './priority-rules.js';

export type { Priority } from './priority-rules.js';

/** A report that something is broken or down: a topic for routing, not a reason to jump the queue. */
const OUTAGE = /\b(down|outage|offline|not (loading|working)|crash(ed|es|ing)?|error \d{3}|service unavailable|can'?t connect)\b/i;

// Words that, earlier in the same clause, turn a match into its opposite or a hypothesis.
const NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'none', 'without', 'if', 'whether', 'unless', 'nothing']);
const CLAUSE_END = /[.,;:!?()\n]/;
const WINDOW = 40;

/** Curly apostrophes and HTML-escaped ampersands (as tweets come) read like plain ones. */
const normalized = (text: string): string => text.replace(/[\u2018\u2019\u02bc`]/g, "'").replace(/&amp;/gi, '&');

/** True when the clause before `index` holds a negation or an "if" in its last few words. */
function negatedAt(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - WINDOW), index);
  let clauseStart = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    if (CLAUSE_END.test(before[i]!)) {
      clauseStart = i + 1;
      break;
    }
  }
  const words = before.slice(clauseStart).toLowerCase().split(/\s+/).filter(Boolean).slice(-4);
  return words.some((w) => NEGATORS.has(w) || w.endsWith("n't") || w === 'no-one');
}

// Global copies, made once, to walk every match of a rule.
const GLOBAL = new Map<PriorityRule, RegExp>(PRIORITY_RULES.map((rule) => [rule, new RegExp(rule.pattern.source, 'gi')]));

function firstPlainMatch(rule: PriorityRule, text: string): boolean {
  const global = GLOBAL.get(rule)!;
  global.lastIndex = 0;
  for (let m = global.exec(text); m; m = global.exec(text)) {
    // A phrasing that itself negates ("won't turn on", "no service") is read as written.
    if (!negatedAt(text, m.index)) return true;
    if (m[0].length === 0) global.lastIndex++;
  }
  return false;
}

type Reason = { signal: string; priority: 'urgent' | 'high'; reason: string };

function reasonsIn(text: string): Reason[] {
  const t = normalized(text);
  const found = PRIORITY_RULES.filter((rule) => firstPlainMatch(rule, t) && (!rule.alsoNeeds || rule.alsoNeeds.test(t)));
  return [...found.filter((r) => r.priority === 'urgent'), ...found.filter((r) => r.priority === 'high')].map(
    ({ signal, priority, reason }) => ({ signal, priority, reason }),
  );
}

// One mention's text is read by its turn, its routing, the search indexer, the live events and each
// queue listing that summarizes its thread: the rules run once per text while it is recent. Long
// texts (rare, and costly to keep) are read each time.
const RECENT_TEXTS = 1000;
const CACHED_TEXT_CHARS = 2000;
const recent = new LruCache<{ reasons: readonly Reason[]; signals: readonly string[] }>(RECENT_TEXTS, Number.POSITIVE_INFINITY);

function readOf(text: string) {
  const known = recent.get(text);
  if (known) return known;
  const reasons = reasonsIn(text);
  const signals = new Set(reasons.map((r) => r.signal));
  if (OUTAGE.test(normalized(text))) signals.add('outage');
  const read = { reasons, signals: [...signals] };
  if (text.length <= CACHED_TEXT_CHARS) {
    recent.set(text, read);
  }
  return read;
}

/** Why a mention ranks urgent or high, in plain words, most urgent first (one per reason, in rule order). */
export function priorityReasons(text: string): Reason[] {
  return readOf(text).reasons.map((r) => ({ ...r }));
}

/** The urgency signals in a mention: the ranking's (safety, data_breach, legal, service_down, money_taken, follow_up) and outage. */
export function urgencySignals(text: string): string[] {
  return [...readOf(text).signals];
}

const URGENT_SIGNALS = new Set(PRIORITY_RULES.filter((r) => r.priority === 'urgent').map((r) => r.signal));
const HIGH_SIGNALS = new Set(PRIORITY_RULES.filter((r) => r.priority === 'high').map((r) => r.signal));
const LOW_TOPICS = new Set(['spam', 'thanks', 'greeting']);

/**
 * Urgent: safety, data breach, legal threats. High: no service at all, money taken wrongly, repeated
 * follow-ups. Low: thanks, greetings, spam. Everything else is normal, however angry: within a level
 * the queue puts negative and complaining mentions first (handoff/queue-order.ts), so tone orders the
 * queue without making most mentions "high".
 */
export function priorityOf(signals: readonly string[], builtin: string | undefined, _negative?: boolean, _complaint?: boolean): Priority {
  if (signals.some((s) => URGENT_SIGNALS.has(s))) return 'urgent';
  if (signals.some((s) => HIGH_SIGNALS.has(s))) return 'high';
  if (builtin && LOW_TOPICS.has(builtin)) return 'low';
  return 'normal';
}
