import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
// Static and dynamic imports with a bare specifier (not ./, not node:).
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]*)?)['"]/gm;

function sourceFiles(dir: string): string[] {
  return (
    readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name))
      // The console's browser scripts import nothing from npm.
      .filter((e) => !e.parentPath.includes('node_modules') && !e.parentPath.includes(path.join('console', 'public')))
      .map((e) => path.join(e.parentPath, e.name))
  );
}

function packagesImported(dirs: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of dirs.flatMap(sourceFiles)) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (spec!.startsWith('node:') || builtinModules.includes(spec!) || spec!.startsWith('/')) continue;
      const name = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!;
      found.set(name, path.relative(root, file));
    }
  }
  return found;
}

describe('package.json', () => {
  it('declares, as a dependency, every package the shipped code imports (the image installs no devDependencies)', () => {
    const missing = [...packagesImported(['bot', 'intents', 'handoff', 'config'])].filter(([name]) => !(name in pkg.dependencies));
    expect(missing).toEqual([]);
  });

  it('declares every package the tests, benchmarks and tools import', () => {
    const declared = { ...pkg.dependencies, ...pkg.devDependencies };
    const missing = [...packagesImported(['test'])].filter(([name]) => !(name in declared));
    expect(missing).toEqual([]);
    // The scan itself sees imports (it would pass vacuously otherwise).
    expect(packagesImported(['intents']).has('@energetic-ai/core')).toBe(true);
  });
});
