import { cpSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/start-service.js';
import { copiesOf, underWorkdir, workdirOf, type Stage } from './dockerfile.js';

/**
 * Lays out under `appDir` (the runtime stage's WORKDIR) what its COPY instructions put in the image,
 * taken from this checkout after `npm run build` (the build stage's dist/ is the local one). As in
 * Docker, a folder's contents go to the target, a file into a target ending in "/". The deps stage's
 * node_modules is linked, not copied (here it holds the dev dependencies too).
 */
export function layOutRuntime(stages: Stage[], runtime: Stage, appDir: string): void {
  for (const copy of copiesOf(runtime)) {
    const from = copy.from === undefined ? undefined : stages.find((s) => s.name === copy.from);
    if (copy.from !== undefined && !from) throw new Error(`COPY --from=${copy.from}: no such stage`);
    const target = path.join(appDir, path.posix.relative(workdirOf(runtime), path.posix.resolve(workdirOf(runtime), copy.target)));
    for (const source of copy.sources) {
      const local = path.join(repoRoot, from ? underWorkdir(from, source) : source);
      const isDir = statSync(local).isDirectory();
      const dest = !isDir && copy.target.endsWith('/') ? path.join(target, path.basename(source)) : target;
      mkdirSync(path.dirname(dest), { recursive: true });
      if (path.basename(local) === 'node_modules') symlinkSync(local, dest);
      else cpSync(local, dest, { recursive: true });
    }
  }
}
