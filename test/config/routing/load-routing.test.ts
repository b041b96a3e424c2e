import { describe, expect, it } from 'vitest';
import { parseRouting, RoutingError } from '../../../config/routing/load-routing.js';

function problemsOf(text: string) {
  try {
    parseRouting(text, 'routing.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(RoutingError);
    return (err as RoutingError).problems;
  }
  throw new Error('expected the text to be refused');
}

describe('routing file validation', () => {
  it('takes a valid file with every condition and action', () => {
    const { routing } = parseRouting(`version: 1
rules:
  - name: all-of-it
    when:
      topic: [refund]
      keywords: [charged twice]
      patterns: ['order #\\d+']
      language: [en]
      channel: [x]
      handle: ['@acme']
      priority: [high]
      sentiment: [negative]
      complaint: true
      customer_tags: [vip]
      hours: closed
    do: { team: billing, priority: urgent, tags: [refund], notify: billing, assign: alice, hide: true }
    stop: true
`);
    expect(routing.rules).toHaveLength(1);
    expect(routing.rules[0]!.stop).toBe(true);
  });

  it('an unknown condition: its line and column', () => {
    const problems = problemsOf('version: 1\nrules:\n  - name: a\n    when:\n      mood: [sad]\n    do: { team: b }\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 5, column: 7, path: 'rules.0.when' });
    expect(problems[0]!.message).toMatch(/mood/);
  });

  it('a wrong value: the line and column of that value', () => {
    const problems = problemsOf('version: 1\nrules:\n  - name: a\n    when:\n      priority: [soon]\n    do: { team: b }\n');
    expect(problems[0]).toMatchObject({ line: 5, column: 18, path: 'rules.0.when.priority.0' });
  });

  it('a bad team name and a missing action', () => {
    const problems = problemsOf('version: 1\nrules:\n  - name: a\n    do: { team: Billing Desk }\n  - name: b\n    do: {}\n');
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['rules.0.do.team', 4],
      ['rules.1.do', 6],
    ]);
  });

  it('two rules with one name: the second is pointed at', () => {
    const problems = problemsOf('version: 1\nrules:\n  - { name: a, do: { team: b } }\n  - { name: a, do: { team: c } }\n');
    expect(problems).toEqual([expect.objectContaining({ line: 4, column: 13, message: 'a second rule named a' })]);
  });

  it('refuses patterns that can backtrack without end, and broken ones', () => {
    const problems = problemsOf(
      "version: 1\nrules:\n  - name: a\n    when:\n      patterns: ['(a+)+$', '(\\w)\\1', 'ok', '(unclosed']\n    do: { team: b }\n",
    );
    expect(problems.map((p) => [p.path, p.line, p.column])).toEqual([
      ['rules.0.when.patterns.0', 5, 18],
      ['rules.0.when.patterns.1', 5, 28],
      ['rules.0.when.patterns.3', 5, 44],
    ]);
    expect(problems[0]!.message).toMatch(/stall/);
    expect(problems[1]!.message).toMatch(/back-references/);
    expect(problems[2]!.message).toMatch(/not a regular expression/);
  });

  it('YAML the parser refuses: line and column, marked unreadable', () => {
    const problems = problemsOf('version: 1\nrules:\n  - name: a\n    do: { team: b\n');
    expect(problems[0]!.unreadable).toBe(true);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(4);
  });

  it('a duplicate key is refused where it stands', () => {
    const problems = problemsOf('version: 1\nversion: 1\nrules: []\n');
    expect(problems[0]).toMatchObject({ line: 2, column: 1, unreadable: true });
  });

  it('too deep a text is refused before parsing', () => {
    const problems = problemsOf(`version: 1\nrules: ${'['.repeat(40)}${']'.repeat(40)}\n`);
    expect(problems[0]!.message).toMatch(/nested deeper than 16 levels: a routing file/);
  });

  it('the error message lists file:line:column for each problem', () => {
    expect(() => parseRouting('version: 2\n', 'config/routing.yaml')).toThrow(/config\/routing\.yaml:1:10 version:/);
  });
});
