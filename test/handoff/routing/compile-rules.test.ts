import { describe, expect, it } from 'vitest';
import { parseRouting } from '../../../config/routing/load-routing.js';
import { compileRules } from '../../../handoff/routing/compile-rules.js';
import { facts } from './routing-facts-fixture.js';

const rulesOf = (yaml: string) => compileRules(parseRouting(`version: 1\nrules:\n${yaml}`).routing);
/** One rule with one condition, routing to team t. */
const one = (when: string) => rulesOf(`  - name: r\n    when: { ${when} }\n    do: { team: t }\n`);

describe('routing rule conditions', () => {
  const cases: [string, string, Parameters<typeof facts>[0], Parameters<typeof facts>[0]][] = [
    ['topic: built-in intent', 'topic: [refund]', { intent: 'refund' }, { intent: 'billing' }],
    ['topic: knowledge entry', 'topic: [outage-2026]', { intent: 'outage-2026', entryId: 'outage-2026' }, { intent: 'delivery' }],
    ['topic: built-in topic under an entry', 'topic: [outage]', { intent: 'some-entry', topic: 'outage' }, { topic: 'delivery' }],
    [
      'keywords: whole words, any case',
      'keywords: [charged twice]',
      { text: 'I was CHARGED   twice!' },
      { text: 'I was charged twiceover' },
    ],
    ['keywords: no partial word', 'keywords: [refund]', { text: 'a refund please' }, { text: 'it was refunded' }],
    ['patterns', 'patterns: ["order #\\\\d{4}"]', { text: 'Order #1234 is late' }, { text: 'order #12 is late' }],
    ['language', 'language: [fr]', { language: 'fr' }, { language: 'en' }],
    ['language unknown never matches', 'language: [fr]', { language: 'fr' }, { language: null }],
    ['channel', 'channel: [meta, mastodon]', { channel: 'mastodon' }, { channel: 'x' }],
    ['brand handle addressed', "handle: ['@Acme_Billing']", { text: 'hey @acme_billing.' }, { text: 'hey @acme' }],
    ['priority', 'priority: [urgent, high]', { priority: 'urgent' }, { priority: 'normal' }],
    ['sentiment', 'sentiment: [negative]', { sentiment: 'negative' }, { sentiment: 'positive' }],
    ['complaint', 'complaint: true', { complaint: true }, { complaint: false }],
    ['not a complaint', 'complaint: false', { complaint: false }, { complaint: true }],
    ['customer tags', 'customer_tags: [vip, press]', { customerTags: ['press'] }, { customerTags: ['regular'] }],
    ['business hours open', 'hours: open', { inHours: true }, { inHours: false }],
    ['business hours closed', 'hours: closed', { inHours: false }, { inHours: true }],
  ];
  for (const [label, when, yes, no] of cases) {
    it(label, () => {
      const rules = one(when);
      expect(rules.evaluate(facts(yes)).team).toBe('t');
      expect(rules.evaluate(facts(no)).team).toBeUndefined();
    });
  }

  it('needs every condition of a rule to hold', () => {
    const rules = one('channel: [x], sentiment: [negative]');
    expect(rules.evaluate(facts({ channel: 'x', sentiment: 'negative' })).matched).toEqual(['r']);
    expect(rules.evaluate(facts({ channel: 'x', sentiment: 'neutral' })).matched).toEqual([]);
    expect(rules.evaluate(facts({ channel: 'meta', sentiment: 'negative' })).matched).toEqual([]);
  });

  it('reads a pattern only in the start of a very long post', () => {
    const rules = one('patterns: ["needle"]');
    expect(rules.evaluate(facts({ text: `${'a '.repeat(500)}needle` })).team).toBe('t');
    expect(rules.evaluate(facts({ text: `${'a '.repeat(5000)}needle` })).team).toBeUndefined();
  });

  it('detects the language only when a rule asks for it', () => {
    let asked = 0;
    const f = { ...facts({ channel: 'x' }), language: () => (asked++, 'fr') };
    one('channel: [x]').evaluate(f);
    expect(asked).toBe(0);
    const two = rulesOf(
      '  - { name: a, when: { language: [de] }, do: { tags: [a] } }\n  - { name: b, when: { language: [fr] }, do: { tags: [b] } }\n',
    );
    expect(two.evaluate(f).tags).toEqual(['b']);
    expect(asked).toBe(1);
  });
});

describe('routing rule order and actions', () => {
  const rules = rulesOf(`
  - name: vip
    when: { customer_tags: [vip] }
    do: { team: vip-desk, priority: urgent, tags: [vip], notify: vip-desk, assign: alice }
  - name: refunds
    when: { topic: [refund] }
    do: { team: billing, priority: high, tags: [refund, money], notify: billing }
  - name: angry
    when: { sentiment: [negative] }
    do: { tags: [money, upset], hide: true }
    stop: true
  - name: everything
    do: { team: general, tags: [seen] }
`);

  it('applies every action of a single matching rule', () => {
    expect(rules.evaluate(facts({ customerTags: ['vip'] }))).toEqual({
      matched: ['vip', 'everything'],
      team: 'vip-desk',
      priority: 'urgent',
      assign: 'alice',
      tags: ['vip', 'seen'],
      notify: ['vip-desk'],
      hide: false,
    });
  });

  it('keeps the first team, priority and assignee; adds tags and notifications once each', () => {
    const outcome = rules.evaluate(facts({ customerTags: ['vip'], intent: 'refund' }));
    expect(outcome.matched).toEqual(['vip', 'refunds', 'everything']);
    expect(outcome.team).toBe('vip-desk');
    expect(outcome.priority).toBe('urgent');
    expect(outcome.tags).toEqual(['vip', 'refund', 'money', 'seen']);
    expect(outcome.notify).toEqual(['vip-desk', 'billing']);
  });

  it('stops after a matching rule with stop', () => {
    const outcome = rules.evaluate(facts({ intent: 'refund', sentiment: 'negative' }));
    expect(outcome.matched).toEqual(['refunds', 'angry']);
    expect(outcome).toMatchObject({ team: 'billing', tags: ['refund', 'money', 'upset'], hide: true });
  });

  it('a rule without conditions matches every handoff; none matching changes nothing', () => {
    expect(rules.evaluate(facts()).team).toBe('general');
    expect(rulesOf('  - { name: a, when: { channel: [meta] }, do: { team: b } }\n').evaluate(facts())).toEqual({
      matched: [],
      tags: [],
      notify: [],
      hide: false,
    });
  });

  it('re-ordering the rules changes which team wins', () => {
    const swapped = rulesOf(`
  - { name: refunds, when: { topic: [refund] }, do: { team: billing } }
  - { name: vip, when: { customer_tags: [vip] }, do: { team: vip-desk } }
`);
    expect(swapped.evaluate(facts({ customerTags: ['vip'], intent: 'refund' })).team).toBe('billing');
  });

  it('tries one rule alone for the dry run', () => {
    expect(rules.matchesRule('refunds', facts({ intent: 'refund' }))).toBe(true);
    expect(rules.matchesRule('refunds', facts())).toBe(false);
    expect(rules.matchesRule('absent', facts())).toBe(false);
  });
});
