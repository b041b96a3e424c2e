import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_LIMIT } from '../../../config/knowledge/yaml-limits.js';
import { KnowledgeError, MAX_ALIASES, MAX_NESTING, parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { exampleKnowledge, postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

const base = readFileSync(exampleKnowledge, 'utf8');
const PASSWORD = 'correct horse battery';

/** "Billion laughs": each level nine aliases of the one before, appended to a valid file. */
const bomb = `${base}lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
lol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
lol4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
lol5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
`;
const bombLine = base.split('\n').length + 1; // the first alias, on the line after the first anchor
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** The problem a text is refused with, and how long the refusal took. */
function refusal(text: string): { problem: KnowledgeError['problems'][number]; ms: number } {
  const t0 = performance.now();
  try {
    parseKnowledge(text);
  } catch (err) {
    expect(err).toBeInstanceOf(KnowledgeError);
    return { problem: (err as KnowledgeError).problems[0]!, ms: performance.now() - t0 };
  }
  throw new Error('the text was accepted');
}

describe('issue 14 finding 13 — any YAML the parser refuses or that exceeds its limits is a knowledge problem', () => {
  it('finding 13: an alias bomb is refused at the line and column of its first alias', () => {
    const { problem } = refusal(bomb);
    expect(problem.message).toMatch(/alias/);
    expect(problem.line).toBe(bombLine);
    expect(problem.column).toBe(bomb.split('\n')[bombLine - 1]!.indexOf('*a') + 1);
  });

  it('finding 13: deep nesting (flow and block) is refused where it goes too deep, at once, before the parser', () => {
    // About a megabyte each: the parser alone takes seconds on these.
    const flow = `${base}x: ${'{a: '.repeat(250_000)}${'}'.repeat(250_000)}\n`;
    const seqs = `${base}x: ${'['.repeat(500_000)}${']'.repeat(500_000)}\n`;
    const block = `${base}x:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')}\n`;
    for (const text of [flow, seqs, block]) {
      const { problem, ms } = refusal(text);
      expect(problem.message).toMatch(new RegExp(`nested deeper than ${MAX_NESTING} levels`));
      expect(problem.line).toBeGreaterThanOrEqual(lineOf(text, 'x:'));
      expect(ms).toBeLessThan(1000);
    }
  });

  it('finding 13: thousands of small aliases (quadratic to expand) are refused at the first one too many, at once', () => {
    const aliases = `${base}x:\n${Array.from({ length: 4_000 }, (_, i) => `  - &a${i} b\n  - *a${i}`).join('\n')}\n`;
    const { problem, ms } = refusal(aliases);
    expect(problem.message).toMatch(new RegExp(`more than ${MAX_ALIASES} aliases`));
    // The aliases are numbered from 0: the one past the limit is *a100.
    expect(problem.line).toBe(aliases.split('\n').indexOf(`  - *a${MAX_ALIASES}`) + 1);
    expect(ms).toBeLessThan(1000);
  });

  it('finding 13: a file that reuses a few anchors, or nests brackets inside text, still loads', () => {
    const reuse = base.replace('entries:', 'shared: &shared [one, two]\nentries:');
    expect(() => parseKnowledge(reuse)).toThrow(/shared/); // an unknown top-level field, not a parse limit
    const deepText = base.replace('we know about the login problem in the app', `we know ${'['.repeat(200)} and ${'- '.repeat(100)}`);
    expect(parseKnowledge(deepText).entries.length).toBe(parseKnowledge(base).entries.length);
    // The first entry's keywords reused as the second's, by an anchor and an alias.
    const anchors = base
      .replace('    keywords: [parcel late', '    keywords: &parcel [parcel late')
      .replace(/(entries:[\s\S]*?- id:[\s\S]*?- id:[\s\S]*?\n {4})keywords: \[[^\]]*\]/, '$1keywords: *parcel');
    expect(anchors).toContain('keywords: *parcel');
    const loaded = parseKnowledge(anchors);
    expect(loaded.entries[1]!.keywords).toEqual(loaded.entries[0]!.keywords);
  });

  describe('on the running service', () => {
    let service: RunningService;
    let file: string;
    let cookie: string;
    beforeAll(async () => {
      file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-yaml-limits-')), 'knowledge.yaml');
      writeFileSync(file, base);
      service = await startService({ KNOWLEDGE_FILE: file, UNDERSTANDING: 'keyword' });
      await service.app.access.users.saveUser('mia', ['editor'], PASSWORD);
      const res = await fetch(`${service.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'mia', password: PASSWORD }),
      });
      cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    }, 60_000);
    afterAll(async () => service?.dispose());

    const post = (url: string, body: unknown) => postJson(`${service.url}${url}`, body, { cookie });
    const live = async () =>
      (await (await fetch(`${service.url}/api/knowledge`, { headers: { cookie } })).json()) as {
        text: string;
        status: { version: number; lastError?: { source: string; problems: { message: string; line: number; column: number }[] } };
      };

    it('finding 13: check, preview and publish refuse an alias bomb with the problem at its line (no 500), the live version kept', async () => {
      const checked = await post('/api/knowledge/check', { text: bomb });
      // Text the parser refuses is answered 422, with its problems in the check's own shape.
      expect(checked.status).toBe(422);
      expect(checked.body.ok).toBe(false);
      expect(checked.body.errors).toEqual([
        expect.objectContaining({ level: 'error', message: expect.stringMatching(/alias/), line: bombLine }),
      ]);

      const previewed = await post('/api/knowledge/preview', { text: bomb, mention: 'the app is down', channel: 'sandbox' });
      expect(previewed.status).toBe(422);
      expect(previewed.body.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/alias/), line: bombLine })]);

      const published = await post('/api/knowledge/publish', { text: bomb });
      expect(published.status).toBe(422);
      expect(published.body.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/alias/), line: bombLine })]);
      expect((await live()).text).toBe(base);
      expect(readFileSync(file, 'utf8')).toBe(base);
    });

    it('finding 13: check, preview and publish refuse deep nesting the same way', async () => {
      const deep = `${base}x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
      const checked = await post('/api/knowledge/check', { text: deep });
      expect(checked.status).toBe(422);
      expect(checked.body.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/nested deeper/), line: lineOf(deep, 'x: [') }),
      ]);
      for (const url of ['/api/knowledge/preview', '/api/knowledge/publish']) {
        const res = await post(url, { text: deep, mention: 'the app is down', channel: 'sandbox' });
        expect(res.status, url).toBe(url.endsWith('preview') ? 422 : 400); // publish takes no mention: the body is refused first
      }
      const published = await post('/api/knowledge/publish', { text: deep });
      expect(published.status).toBe(422);
      expect(published.body.problems[0].message).toMatch(/nested deeper/);
    });

    it('finding 13: check answers 422 for any text the parser refuses, 200 with the problems for readable YAML that is not a valid file', async () => {
      const broken = await post('/api/knowledge/check', { text: `${base}x: [unclosed\n` });
      expect(broken.status).toBe(422);
      expect(broken.body).toMatchObject({ ok: false, errors: [expect.objectContaining({ level: 'error' })] });
      const invalid = await post('/api/knowledge/check', { text: base.replace(/^entries:/m, 'entries: 42\nold_entries:') });
      expect(invalid.status).toBe(200);
      expect(invalid.body.ok).toBe(false);
      expect(invalid.body.errors.length).toBeGreaterThan(0);
    });

    it('finding 13: a draft longer than the limit is refused before it is parsed', async () => {
      const huge = `${base}# ${'x'.repeat(TEXT_LIMIT)}\n`;
      const res = await post('/api/knowledge/check', { text: huge });
      expect([400, 413]).toContain(res.status);
    });

    it('finding 13: an alias bomb written to the file is refused by the watcher, the previous version kept and its problem shown', async () => {
      const before = (await live()).status.version;
      writeFileSync(file, bomb);
      const status = await waitFor(
        async () => {
          const s = (await live()).status;
          return s.lastError?.source === 'file' ? s : undefined;
        },
        10_000,
        'the file version refused',
      );
      expect(status.version).toBe(before);
      expect(status.lastError!.problems[0]).toMatchObject({ message: expect.stringMatching(/alias/), line: bombLine });
      expect((await live()).text).toBe(base);
      writeFileSync(file, base);
    });
  });
});
