import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleKnowledge, postJson, repoRoot, startService } from '../helpers/start-service.js';

const CLI = path.join(repoRoot, 'dist/bot/cli.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, EMBEDDING_CACHE_DIR: path.join(tmpdir(), 'first-reply-test-embeddings') }, timeout: 60_000 });

describe('first-reply command line (dist/bot/cli.js)', () => {
  it('check passes the example knowledge file with exit 0', () => {
    const r = run('check', exampleKnowledge);
    expect(r.stdout).toContain('3 entries, 3 test case(s): 0 error(s)');
    expect(r.status).toBe(0);
  });

  it('check refuses a file with a failing test case and an unknown variable, naming their lines, with exit 1', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-cli-')), 'k.yaml');
    writeFileSync(file, readFileSync(exampleKnowledge, 'utf8').replace('expect: app-outage', 'expect: handoff').replace('{{link}}', '{{lnk}}'));
    const r = run('check', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${file}:\\d+:\\d+ error entries\\.1\\.tests\\.0: test case "the app is down again\\?\\?" on sandbox: expected handoff, the bot would answer with app-outage`));
    expect(r.stdout).toMatch(/error entries\.2\.reply: unknown variable \{\{lnk\}\}/);
    expect(r.stdout).toContain('this file would be rejected');
  });

  it('try explains a decision', () => {
    const r = run('try', exampleKnowledge, '@acme my parcel is two weeks late', '--channel', 'x');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('decision  answer with "parcel-delays"');
    expect(r.stdout).toMatch(/reply {5}Hi @customer, sorry your parcel is late/);
  });

  it('prints its usage on a wrong call, with exit 2', () => {
    const r = run('chek');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: first-reply <command>');
  });

  it('users add keeps a person who then signs in to the service on the same data; the password never appears in the output', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-cli-users-'));
    const env = { ...process.env, DATA_DIR: dataDir };
    const add = spawnSync(process.execPath, [CLI, 'users', 'add', 'ann', '--role', 'agent,editor', '--password-stdin'], { encoding: 'utf8', env, input: 'correct horse battery\n' });
    expect(add.status).toBe(0);
    expect(add.stdout).toBe('saved ann (agent, editor)\n');
    const list = spawnSync(process.execPath, [CLI, 'users', 'list'], { encoding: 'utf8', env });
    expect(list.stdout).toBe('ann\tagent,editor\n');
    expect(spawnSync(process.execPath, [CLI, 'users', 'add', 'bob', '--role', 'boss', '--token'], { encoding: 'utf8', env }).status).toBe(1);
    const service = await startService({ DATA_DIR: dataDir, UNDERSTANDING: 'keyword' });
    try {
      expect((await postJson(`${service.url}/api/session`, { username: 'ann', password: 'correct horse battery' })).body.user).toEqual({ name: 'ann', roles: ['agent', 'editor'] });
      expect((await postJson(`${service.url}/api/session`, { username: 'ann', password: 'correct horse' })).status).toBe(401);
    } finally {
      await service.dispose();
    }
  });
});
