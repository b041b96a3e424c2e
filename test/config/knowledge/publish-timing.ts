import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postJson } from '../../helpers/start-service.js';
import { startEditorService } from './editor-service.js';

/**
 * How long the editor's calls take on the running service (a script, not a test: figures depend on
 * the machine). `npx tsc -p tsconfig.json; node dist/test/config/knowledge/publish-timing.js [entries]`
 * With `entries` the file is a generated one of that many entries (5 example phrasings each).
 */
const ENTRIES = Number(process.argv[2] ?? 0);
const ROUNDS = 5;

function generated(n: number, reply: string): string {
  const lines = ['version: 1', 'acknowledgement: A person from our team will answer here.', 'entries:'];
  for (let i = 0; i < n; i++) {
    const thing = `gadget ${i}`;
    lines.push(
      `  - id: issue-${i}`,
      '    kind: incident',
      `    title: ${thing} broken`,
      `    keywords: ["${thing}"]`,
      '    examples:',
      ...['my {t} arrived broken', 'the {t} stopped working', 'help, {t} is broken again', 'is anyone looking at the {t} issue', 'order {i}: the {t} broke'].map(
        (e) => `      - "${e.replace('{t}', thing).replace('{i}', String(i))}"`,
      ),
      `    reply: "${reply} about the ${thing}: https://acme.example/${i}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(run: () => Promise<{ status: number }>, expected: number): Promise<number> {
  const t0 = performance.now();
  const { status } = await run();
  const ms = performance.now() - t0;
  if (status !== expected) throw new Error(`expected ${expected}, got ${status}`);
  return ms;
}

// Run from the repository root (the compiled script sits in dist/).
const example = readFileSync(path.resolve('config/knowledge.yaml'), 'utf8');
const version = (i: number) => (ENTRIES ? generated(ENTRIES, `Update ${i}`) : example.replace('most delayed', `most of the ${i} delayed`));
const refused = ENTRIES ? generated(ENTRIES, 'Bad').replace('version: 1', 'version: 1\ntimezone: Mars/Olympus') : example.replace('expect: app-outage', 'expect: handoff');

const dir = mkdtempSync(path.join(tmpdir(), 'fr-publish-timing-'));
const file = path.join(dir, 'knowledge.yaml');
writeFileSync(file, version(0));
const t0 = performance.now();
const service = await startEditorService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false' });
const startMs = performance.now() - t0;
await service.app.access.users.saveUser('timing', ['editor'], 'timing-password-1');
const res = await fetch(`${service.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'timing', password: 'timing-password-1' }) });
const cookie = { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
const call = (route: string, body: unknown) => () => postJson(`${service.url}${route}`, body, cookie);

const figures: Record<string, number[]> = { check: [], publish: [], 'refused publish': [], 'preview (draft)': [], 'preview (live)': [], rollback: [] };
for (let i = 1; i <= ROUNDS; i++) {
  figures.check!.push(await timed(call('/api/knowledge/check', { text: version(i) }), 200));
  figures['preview (draft)']!.push(await timed(call('/api/knowledge/preview', { text: version(i), mention: 'my gadget 3 arrived broken', channel: 'sandbox' }), 200));
  figures.publish!.push(await timed(call('/api/knowledge/publish', { text: version(i), message: `round ${i}` }), 200));
  figures['preview (live)']!.push(await timed(call('/api/knowledge/preview', { mention: 'my parcel is two weeks late', channel: 'sandbox' }), 200));
  figures['refused publish']!.push(await timed(call('/api/knowledge/publish', { text: refused }), 422));
  figures.rollback!.push(await timed(call('/api/knowledge/rollback', { version: i }), 200));
}
console.log(`\nknowledge editor on the running service: ${ENTRIES ? `${ENTRIES} generated entries` : 'config/knowledge.yaml'}, ${ROUNDS} rounds (median / max)`);
console.log(`  service start (first version checked)  ${(startMs / 1000).toFixed(2)} s`);
for (const [name, xs] of Object.entries(figures)) console.log(`  ${name.padEnd(22)} ${median(xs).toFixed(0).padStart(6)} ms / ${Math.max(...xs).toFixed(0)} ms`);
await service.dispose();
rmSync(dir, { recursive: true, force: true });
