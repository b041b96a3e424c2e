import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

/**
 * Whether a publish could write the knowledge file: it writes a temp file beside it and renames it
 * over, so the folder must take new files. A file mounted read-only (or a folder the service's user
 * cannot write) is found at start-up, not at an editor's first publish.
 */
export async function knowledgeFileWritable(file: string): Promise<{ writable: boolean; reason?: string }> {
  const folder = path.dirname(path.resolve(file));
  try {
    await access(folder, constants.W_OK);
  } catch {
    return { writable: false, reason: `its folder ${folder} is not writable by this process` };
  }
  try {
    await access(file, constants.W_OK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { writable: true };
    return { writable: false, reason: 'the file is read-only for this process' };
  }
  return { writable: true };
}
