import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postJson, startService } from '../../helpers/start-service.js';

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
      ...[
        'my {t} arrived broken',
        'the {t} stopped working',
        'help, {t} is broken again',
        'is anyone looking at the {t} issue',
        'order {i}: the {t} broke',
      ].map((e) => `      - "${e.replace('{t}', thing).replace('{i}', String(i))}"`),
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
// A reply edit (no retraining) and an edit of the phrasings (retraining).
const version = (i: number) => (ENTRIES ? generated(ENTRIES, `Update ${i}`) : example.replace('most delayed', `most of the ${i} delayed`));
const relearn = (i: number) =>
  version(i)
    .replace('- your app keeps crashing', `- your app keeps crashing\n      - the app crashed ${i} times today`)
    .replace('is anyone looking at the gadget 1 issue', `is anyone looking at the gadget 1 issue (${i})`);
const refused = ENTRIES
  ? generated(ENTRIES, 'Bad').replace('version: 1', 'version: 1\ntimezone: Mars/Olympus')
  : example.replace('expect: app-outage', 'expect: handoff');

const dir = mkdtempSync(path.join(tmpdir(), 'fr-publish-timing-'));
const file = path.join(dir, 'knowledge.yaml');
writeFileSync(file, version(0));
const t0 = performance.now();
const service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false' });
const startMs = performance.now() - t0;
await service.app.access.users.saveUser('timing', ['editor'], 'timing-password-1');
const res = await fetch(`${service.url}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'timing', password: 'timing-password-1' }),
});
const cookie = { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
const call = (route: string, body: unknown) => () => postJson(`${service.url}${route}`, body, cookie);

const figures: Record<string, number[]> = {};
const measure = async (name: string, route: string, body: unknown, status = 200) =>
  (figures[name] ??= []).push(await timed(call(route, body), status));
// A publish carries the diff it was shown: asked for before the publish is timed.
const shown = async (text: string) => (await postJson(`${service.url}/api/knowledge/diff`, { text }, cookie)).body.shown;
for (let i = 1; i <= ROUNDS; i++) {
  await measure('check, reply edit', '/api/knowledge/check', { text: version(i) });
  await measure('check, phrasing edit', '/api/knowledge/check', { text: relearn(i) });
  await measure('preview, draft', '/api/knowledge/preview', {
    text: relearn(i),
    mention: 'my gadget 3 arrived broken',
    channel: 'sandbox',
  });
  await measure('preview, live', '/api/knowledge/preview', { mention: 'my parcel is two weeks late', channel: 'sandbox' });
  await measure('publish, reply edit', '/api/knowledge/publish', {
    text: version(i),
    message: `round ${i}`,
    shown: await shown(version(i)),
  });
  await measure('publish, phrasing edit', '/api/knowledge/publish', {
    text: relearn(i),
    message: `round ${i}`,
    shown: await shown(relearn(i)),
  });
  await measure('refused publish', '/api/knowledge/publish', { text: refused, shown: await shown(refused) }, 422);
  await measure('rollback', '/api/knowledge/rollback', { version: 1 });
}
console.log(
  `\nknowledge editor on the running service: ${ENTRIES ? `${ENTRIES} generated entries` : 'config/knowledge.yaml'}, ${ROUNDS} rounds (median / max)`,
);
console.log(`  service start (first version checked)  ${(startMs / 1000).toFixed(2)} s`);
for (const [name, xs] of Object.entries(figures))
  console.log(`  ${name.padEnd(22)} ${median(xs).toFixed(0).padStart(6)} ms / ${Math.max(...xs).toFixed(0)} ms`);
await service.dispose();
rmSync(dir, { recursive: true, force: true });
