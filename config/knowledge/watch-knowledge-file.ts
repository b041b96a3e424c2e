import { unwatchFile, watch, watchFile, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * Calls `changed` (debounced) whenever `file` may have changed; returns the function that stops
 * watching. The folder is watched, not the file: editors and git replace the file, which ends a
 * watch on it. File events do not cross a network volume: another instance's publish to a shared
 * file is seen by polling its modification time too.
 */
export function watchKnowledgeFile(file: string, changed: () => void, debounceMs = 200): () => void {
  let timer: NodeJS.Timeout | undefined;
  const debounced = () => {
    clearTimeout(timer);
    timer = setTimeout(changed, debounceMs);
  };
  const watcher = watch(path.dirname(path.resolve(file)), (_event, name) => {
    if (name === null || name === path.basename(file)) debounced();
  });
  watcher.unref();
  const poll = (now: Stats, before: Stats) => {
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) debounced();
  };
  watchFile(file, { interval: 2000, persistent: false }, poll);
  return () => {
    clearTimeout(timer);
    watcher.close();
    unwatchFile(file, poll);
  };
}
