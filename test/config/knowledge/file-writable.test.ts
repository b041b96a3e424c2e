import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { knowledgeFileWritable } from '../../../config/knowledge/file-writable.js';

const compiled = path.resolve('dist/config/knowledge/file-writable.js');

/**
 * Asks as an ordinary user: root may write anywhere, so the check runs in a child process under
 * `nobody` when the tests run as root (as in CI's container).
 */
function writableAsUser(file: string): { writable: boolean; reason?: string } {
  const script = `import(${JSON.stringify(compiled)}).then(async (m) => console.log(JSON.stringify(await m.knowledgeFileWritable(${JSON.stringify(file)}))))`;
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', ...asNobody }));
}

describe('a knowledge file that publishing could not write is found at start-up', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function folderWithFile() {
    const folder = mkdtempSync(path.join(tmpdir(), 'fr-writable-'));
    dirs.push(folder);
    const file = path.join(folder, 'knowledge.yaml');
    writeFileSync(file, 'entries: []\n');
    return { folder, file };
  }

  it('a writable folder and file can be published to', async () => {
    const { file } = folderWithFile();
    expect(await knowledgeFileWritable(file)).toEqual({ writable: true });
  });

  it('a read-only folder (the temp file cannot be made beside the file) cannot', () => {
    const { folder, file } = folderWithFile();
    chmodSync(folder, 0o555);
    const found = writableAsUser(file);
    expect(found.writable).toBe(false);
    expect(found.reason).toContain('not writable');
  });

  it('a read-only file in a writable folder cannot', () => {
    const { folder, file } = folderWithFile();
    chmodSync(folder, 0o777);
    chmodSync(file, 0o444);
    const found = writableAsUser(file);
    expect(found).toEqual({ writable: false, reason: 'the file is read-only for this process' });
  });
});
