import { describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledgeFile, parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { isEntryActive } from '../../../config/knowledge/schema.js';
import { exampleKnowledge } from '../../helpers/start-service.js';

const valid = `version: 1
acknowledgement: Hi {{author}}, a person will answer here.
entries:
  - id: outage
    kind: incident
    title: App outage
    keywords: [app down]
    reply: We know, fixing it.
`;

function problemsOf(text: string) {
  try {
    parseKnowledge(text, 'k.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(KnowledgeError);
    return (err as KnowledgeError).problems;
  }
  throw new Error('expected the file to be rejected');
}

describe('knowledge file', () => {
  it('loads the example file shipped in config/', async () => {
    const k = await loadKnowledgeFile(exampleKnowledge);
    expect(k.entries.map((e) => e.id)).toEqual(['parcel-delays', 'app-outage', 'black-friday']);
    expect(k.entries[0]!.priority).toBe(50);
  });

  it('reports broken YAML with its line and column', () => {
    const problems = problemsOf(valid.replace('keywords: [app down]', 'keywords: [app down'));
    expect(problems[0]!.line).toBeGreaterThanOrEqual(7);
    expect(problems[0]!.message).toMatch(/flow sequence|Missing|expected/i);
  });

  it('points a schema error at the offending line', () => {
    const problems = problemsOf(valid.replace('kind: incident', 'kind: outage'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 5, column: 11, path: 'entries.0.kind' });
  });

  it('points a missing field at its entry', () => {
    const problems = problemsOf(valid.replace('    reply: We know, fixing it.\n', ''));
    expect(problems[0]).toMatchObject({ path: 'entries.0.reply', line: 4 });
    expect(problems[0]!.message).toMatch(/a reply is required/);
  });

  it('rejects duplicate ids, unknown fields and windows that end before they start', () => {
    const twice = valid + valid.split('entries:\n')[1]!;
    expect(problemsOf(twice)[0]).toMatchObject({ path: 'entries.1.id', line: 9 });
    expect(problemsOf(valid.replace('title: App outage', 'title: App outage\n    colour: red'))[0]!.message).toMatch(/colour/);
    const window = valid.replace('    keywords', '    window: { start: 2026-12-01T00:00:00Z, end: 2026-11-01T00:00:00Z }\n    keywords');
    expect(problemsOf(window)[0]).toMatchObject({ path: 'entries.0.window.end', message: 'window ends before it starts' });
  });

  it('turns entries on and off with their window and channels', () => {
    const k = parseKnowledge(
      valid.replace(
        '    keywords',
        '    window: { start: "2026-11-20T00:00:00Z", end: "2026-12-01T00:00:00+01:00" }\n    channels: [x, sandbox]\n    keywords',
      ),
    );
    const e = k.entries[0]!;
    expect(isEntryActive(e, 'x', new Date('2026-11-19T23:59:59Z'))).toBe(false);
    expect(isEntryActive(e, 'x', new Date('2026-11-20T00:00:00Z'))).toBe(true);
    expect(isEntryActive(e, 'x', new Date('2026-11-30T22:59:59Z'))).toBe(true);
    expect(isEntryActive(e, 'x', new Date('2026-11-30T23:00:00Z'))).toBe(false);
    expect(isEntryActive(e, 'mastodon', new Date('2026-11-25T00:00:00Z'))).toBe(false);
  });
});
