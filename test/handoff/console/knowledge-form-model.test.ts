import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { exampleKnowledge, repoRoot } from '../../helpers/start-service.js';

// The knowledge form edits the draft through knowledge-form-model.js (browser JavaScript, no build
// step); the same module runs here on the yaml package's Node build. Generated entries, as far as the
// form can express them (list items on one line each, trimmed), must come out of the form and out of
// the YAML the same: switching views changes no byte, an edit touches only its entry, and what the
// YAML says is what the form said.

type Entry = Record<string, unknown>;
interface Model {
  readEntries(text: string): { entries: Entry[]; timezone?: string };
  writeEntry(text: string, index: number, entry: Entry): string;
  removeEntry(text: string, index: number): string;
}
const { knowledgeYaml, FIELDS } = (await import(
  pathToFileURL(path.join(repoRoot, 'handoff/console/public/knowledge-form-model.js')).href
)) as {
  knowledgeYaml(y: typeof Y): Model;
  FIELDS: string[];
};
const model = knowledgeYaml(Y);
const base = readFileSync(exampleKnowledge, 'utf8');

const word = fc.constantFrom(
  'parcel',
  'late',
  'app',
  'down',
  'login',
  'Black',
  'Friday',
  'promo',
  'code',
  'café',
  'naïve',
  '😀',
  '#1',
  'a:b',
  '"quoted"',
  "it's",
  '- dash',
  '{x}',
  '[y]',
  '@acme',
  'https://acme.example/x',
);
const phrase = (min: number) =>
  fc
    .array(word, { minLength: 1, maxLength: 8 })
    .map((w) => w.join(' '))
    .filter((t) => t.trim() === t && [...t].length >= min);
const script = fc.array(word, { minLength: 1, maxLength: 40 }).map((w) => `Hi {{author}}, ${w.join(' ')}`);
const local = fc
  .record({ d: fc.integer({ min: 1, max: 28 }), m: fc.integer({ min: 1, max: 12 }), h: fc.integer({ min: 0, max: 23 }) })
  .map(({ d, m, h }) => `2026-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:00`);

const entry = fc.record(
  {
    id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/),
    kind: fc.constantFrom('incident', 'campaign'),
    title: phrase(1),
    window: fc.record({ start: local, timezone: fc.constantFrom('Europe/Paris', 'America/New_York') }),
    channels: fc.uniqueArray(fc.constantFrom('sandbox', 'x', 'mastodon'), { minLength: 1, maxLength: 3 }),
    priority: fc.integer({ min: 0, max: 100 }),
    keywords: fc.array(phrase(2), { minLength: 1, maxLength: 5 }),
    examples: fc.array(phrase(3), { maxLength: 5 }),
    negative_examples: fc.array(phrase(3), { maxLength: 3 }),
    vars: fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), phrase(1), { maxKeys: 3 }),
    reply: fc.oneof(script, fc.record({ default: script, x: script })),
    tests: fc.array(fc.record({ text: phrase(1), expect: fc.constantFrom('handoff', 'parcel-delays') }), { maxLength: 3 }),
  },
  { requiredKeys: ['id', 'kind', 'title', 'keywords', 'reply'] },
);

/** The entry as the form holds it after writing: empty lists and maps are not written. */
const written = (e: Entry) =>
  Object.fromEntries(
    FIELDS.filter(
      (f) =>
        e[f] !== undefined &&
        !(Array.isArray(e[f]) && (e[f] as unknown[]).length === 0) &&
        !(typeof e[f] === 'object' && !Array.isArray(e[f]) && Object.keys(e[f] as object).length === 0),
    ).map((f) => [f, e[f]]),
  );

/** Every entry of a text read into the form and written back unchanged: switching views. */
const throughForm = (text: string) => model.readEntries(text).entries.reduce((t, e, i) => model.writeEntry(t, i, e), text);

describe('knowledge form and YAML round trip (issue 23)', () => {
  it('reading the example file into the form and back changes no byte', () => {
    expect(throughForm(base)).toBe(base);
  });

  it('an entry written through the form reads back the same, from the form and from the server, and nothing else moves', () => {
    fc.assert(
      fc.property(entry, fc.integer({ min: 0, max: 3 }), (e, index) => {
        const text = model.writeEntry(base, index, e);
        const back = model.readEntries(text).entries;
        expect(back[index]).toEqual(written(e));
        expect(back).toHaveLength(index === 3 ? 4 : 3);
        // The server's reading of the same text (window times become instants there).
        const server = parseKnowledge(text, 'k.yaml');
        expect(server.entries[index]).toMatchObject({ id: e.id, title: e.title, keywords: e.keywords, reply: e.reply });
        // Every other entry and every comment stays byte for byte.
        const others = (t: string) => model.readEntries(t).entries.filter((_, i) => i !== index);
        expect(others(text)).toEqual(others(base).slice(0, index === 3 ? 3 : 2));
        // A folded reply's line may start with "#" ("promo #1 ..."): that is the entry's text, not a comment.
        const fromEntry = (l: string) => JSON.stringify(e).includes(l.trim());
        const comments = (t: string) => t.split('\n').filter((l) => l.trimStart().startsWith('#') && !fromEntry(l));
        expect(comments(text)).toEqual(comments(base));
        // Writing the same again, or switching to the YAML view and back, is byte-identical.
        expect(model.writeEntry(text, index, back[index]!)).toBe(text);
        expect(throughForm(text)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('an entry typed in the YAML view in any style goes through the form byte-identical', () => {
    const styled = fc.record({ e: entry, flow: fc.boolean(), fold: fc.boolean(), padding: fc.boolean() });
    fc.assert(
      fc.property(styled, ({ e, flow, fold, padding }) => {
        const doc = new Y.Document(written(e));
        Y.visit(doc, {
          Seq: (_k, node) => void (node.flow = flow),
          Scalar: (_k, node) => void (fold && typeof node.value === 'string' && node.value.length > 30 && (node.type = 'BLOCK_FOLDED')),
        });
        const item = doc
          .toString({ lineWidth: 60, flowCollectionPadding: padding })
          .replace(/^(?!$)/gm, '    ')
          .replace(/^ {4}/, '  - ');
        const text = `${base}\n${item}`;
        expect(throughForm(text)).toBe(text);
        expect(model.readEntries(text).entries[3]).toEqual(written(e));
      }),
      { numRuns: 100 },
    );
  });

  it('the same edit made in the form or typed in the YAML gives the same file', () => {
    // The login outage fixed: its reply, a keyword and a window, once through the form and once by hand.
    const { entries } = model.readEntries(base);
    const fromForm = model.writeEntry(base, 1, {
      ...entries[1],
      keywords: [...(entries[1]!.keywords as string[]), 'login again'],
      window: { start: '2026-11-28 09:00', end: '2026-12-01 00:00', timezone: 'Europe/Paris' },
    });
    const byHand = base
      .replace('app crashing, app is down]', 'app crashing, app is down, login again]')
      .replace(
        '    title: App login failures\n',
        '    title: App login failures\n    window:\n      start: 2026-11-28 09:00\n      end: 2026-12-01 00:00\n      timezone: Europe/Paris\n',
      );
    expect(fromForm).toBe(byHand);
  });

  it('removes an entry with its lines, keeping every other line', () => {
    const text = model.removeEntry(base, 1);
    expect(model.readEntries(text).entries.map((e) => e.id)).toEqual(['parcel-delays', 'black-friday']);
    expect(text.split('\n').filter((l) => !base.split('\n').includes(l))).toEqual([]);
    expect(throughForm(text)).toBe(text);
  });
});
