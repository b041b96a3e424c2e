import { compilePattern, PATTERN_INPUT_CHARS } from '../../config/routing/safe-pattern.js';
import type { Routing, RoutingRule, RuleConditions } from '../../config/routing/schema.js';
import type { RoutingFacts, RoutingOutcome } from './routing-facts.js';

/** One evaluation's view of the facts: the costly ones worked out once, on first use. */
interface Seen {
  facts: RoutingFacts;
  head: string;
  language?: string | null;
  handles?: Set<string>;
}

type Test = (seen: Seen) => boolean;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normalHandle = (h: string) => h.replace(/^@/, '').replace(/\.+$/, '').toLowerCase();
const HANDLE = /@[\w.-]{1,100}/g;

function addressed(seen: Seen): Set<string> {
  seen.handles ??= new Set((seen.head.match(HANDLE) ?? []).map(normalHandle));
  return seen.handles;
}

/** A rule's conditions as tests, cheapest first (the text's regexes and the language last). */
function testsOf(when: RuleConditions): Test[] {
  const tests: Test[] = [];
  const oneOf = <T>(values: readonly T[] | undefined, read: (f: RoutingFacts) => T | null | undefined) => {
    if (!values) return;
    const set = new Set<T>(values);
    tests.push(({ facts }) => {
      const value = read(facts);
      return value !== null && value !== undefined && set.has(value);
    });
  };
  oneOf(when.channel, (f) => f.channel);
  oneOf(when.priority, (f) => f.priority);
  oneOf(when.sentiment, (f) => f.sentiment);
  if (when.complaint !== undefined) tests.push(({ facts }) => facts.complaint === when.complaint);
  if (when.hours) tests.push(({ facts }) => facts.inHours === (when.hours === 'open'));
  if (when.topic) {
    const topics = new Set(when.topic);
    tests.push(({ facts: f }) => [f.intent, f.entryId, f.topic].some((t) => !!t && topics.has(t)));
  }
  if (when.customer_tags) {
    const tags = when.customer_tags;
    tests.push(({ facts }) => tags.some((t) => facts.customerTags.includes(t)));
  }
  if (when.handle) {
    const handles = when.handle.map(normalHandle);
    tests.push((seen) => handles.some((h) => addressed(seen).has(h)));
  }
  if (when.keywords) {
    // Whole words or phrases: "refund" does not match "refunded", a space matches any run of spaces.
    const words = when.keywords.map((k) => escapeRegex(k.toLowerCase()).replace(/\s+/g, '\\s+'));
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${words.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
    tests.push(({ head }) => re.test(head));
  }
  if (when.patterns) {
    const res = when.patterns.map(compilePattern);
    tests.push(({ head }) => res.some((re) => re.test(head)));
  }
  if (when.language) {
    const languages = new Set(when.language);
    tests.push((seen) => {
      if (seen.language === undefined) seen.language = seen.facts.language();
      return seen.language !== null && languages.has(seen.language);
    });
  }
  return tests;
}

export interface CompiledRule {
  rule: RoutingRule;
  matches(seen: Seen): boolean;
}

export interface RoutingRules {
  readonly rules: readonly CompiledRule[];
  /** The rules in order: every match adds its actions; `stop` ends the evaluation. */
  evaluate(facts: RoutingFacts): RoutingOutcome;
  /** The one rule alone (the editor's dry run). */
  matchesRule(name: string, facts: RoutingFacts): boolean;
}

/** Compiles the file's rules once (per version that goes live): an evaluation then allocates little. */
export function compileRules(routing: Routing): RoutingRules {
  const rules: CompiledRule[] = routing.rules.map((rule) => {
    const tests = rule.when ? testsOf(rule.when) : [];
    return { rule, matches: (seen) => tests.every((t) => t(seen)) };
  });
  const seenOf = (facts: RoutingFacts): Seen => ({ facts, head: facts.text.slice(0, PATTERN_INPUT_CHARS) });
  return {
    rules,
    evaluate(facts) {
      const seen = seenOf(facts);
      const outcome: RoutingOutcome = { matched: [], tags: [], notify: [], hide: false };
      for (const { rule, matches } of rules) {
        if (!matches(seen)) continue;
        outcome.matched.push(rule.name);
        const act = rule.do;
        outcome.team ??= act.team;
        outcome.priority ??= act.priority;
        outcome.assign ??= act.assign;
        for (const tag of act.tags ?? []) if (!outcome.tags.includes(tag)) outcome.tags.push(tag);
        if (act.notify && !outcome.notify.includes(act.notify)) outcome.notify.push(act.notify);
        if (act.hide) outcome.hide = true;
        if (rule.stop) break;
      }
      for (const key of ['team', 'priority', 'assign'] as const) if (outcome[key] === undefined) delete outcome[key];
      return outcome;
    },
    matchesRule(name, facts) {
      const found = rules.find((r) => r.rule.name === name);
      return !!found && found.matches(seenOf(facts));
    },
  };
}
