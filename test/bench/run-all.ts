import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [name...]`: runs the benchmarks (all by default) one after another and prints
 * their figures. Benchmarks are scripts, not tests: their numbers depend on the machine.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const all = ['core', 'webhook', 'knowledge', 'understanding', 'console', 'queue', 'scale', 'e2e', 'big-mentions', 'routing', 'reports'];
const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
for (const name of wanted) {
  const file = path.join(here, `${name}-bench.js`);
  if (!existsSync(file)) {
    console.error(`no benchmark named "${name}" (have: ${all.join(', ')})`);
    process.exitCode = 1;
    continue;
  }
  console.log(`\n=== ${name} ===`);
  const mod = (await import(file)) as { run(): Promise<void> };
  await mod.run();
}
