// Runs every screenshot script in this folder (`*-screenshots.ts`), one after another:
//   npm run screenshots [-- name…]   (e.g. `npm run screenshots -- console` runs console-screenshots.ts only)
// Each writes its PNGs to artifacts/ and says which; look at them after changing a page.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => a !== '--');
const scripts = readdirSync(folder)
  .filter((f) => f.endsWith('-screenshots.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(`${w}-`)))
  .sort();
if (scripts.length === 0) throw new Error(`no screenshot script matches ${wanted.join(', ')}`);
const failed: string[] = [];
for (const script of scripts) {
  process.stdout.write(`\n== ${script}\n`);
  const run = spawnSync('npx', ['vite-node', path.join(folder, script)], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(script);
}
if (failed.length > 0) {
  process.stderr.write(`failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
