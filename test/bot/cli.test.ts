import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleKnowledge, postJson, repoRoot, startService } from '../helpers/start-service.js';
import { deletePrefix } from '../store/redis-test-backend.js';

const CLI = path.join(repoRoot, 'dist/bot/cli.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, EMBEDDING_CACHE_DIR: path.join(tmpdir(), 'first-reply-test-embeddings') },
    timeout: 60_000,
  });

describe('first-reply command line (dist/bot/cli.js)', () => {
  it('check passes the example knowledge file with exit 0', () => {
    const r = run('check', exampleKnowledge);
    expect(r.stdout).toContain('3 entries, 4 test case(s): 0 error(s)');
    expect(r.status).toBe(0);
  });

  it('check refuses a file with a failing test case and an unknown variable, naming their lines, with exit 1', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-cli-')), 'k.yaml');
    writeFileSync(
      file,
      readFileSync(exampleKnowledge, 'utf8').replace('expect: app-outage', 'expect: handoff').replace('{{link}}', '{{lnk}}'),
    );
    const r = run('check', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `${file}:\\d+:\\d+ error entries\\.1\\.tests\\.0: test case "the app is down again\\?\\?" on sandbox: expected handoff, the bot would answer with app-outage`,
      ),
    );
    expect(r.stdout).toMatch(/error entries\.2\.reply\.default: unknown variable \{\{lnk\}\}/);
    expect(r.stdout).toContain('this file would be rejected');
  });

  it('try explains a decision', () => {
    const r = run('try', exampleKnowledge, '@acme my parcel is two weeks late', '--channel', 'x');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('decision  answer with "parcel-delays"');
    expect(r.stdout).toMatch(/reply {5}Hi @customer, sorry your parcel is late/);
  });

  it('try --at decides at that time: an entry outside its window is not answered, and a wrong time is refused', () => {
    // parcel-delays starts on 1 January 2026 in the example file.
    const before = run('try', exampleKnowledge, '@acme my parcel is two weeks late', '--channel', 'x', '--at', '2025-06-01T09:00:00Z');
    expect(before.status).toBe(0);
    expect(before.stdout).toContain('on x at 2025-06-01T09:00:00.000Z');
    expect(before.stdout).toContain('decision  acknowledge and hand off to a person');
    expect(before.stdout).toMatch(/^why {7}\S/m);
    expect(before.stdout).not.toContain('parcel-delays');
    expect(run('try', exampleKnowledge, '@acme my parcel is two weeks late', '--at', 'yesterday').status).toBe(2);
  });

  it('issue 21: try prints the language the mention is written in, or that it is too short to tell', () => {
    const fr = run(
      'try',
      exampleKnowledge,
      "@acme mon colis n'est toujours pas arrivé, ça fait deux semaines https://t.co/x",
      '--channel',
      'x',
    );
    expect(fr.status).toBe(0);
    expect(fr.stdout).toMatch(/^language {2}fr$/m);
    expect(run('try', exampleKnowledge, '@acme ok 👍').stdout).toMatch(/^language {2}too short to tell$/m);
  });

  it('issue 21: replay sums up the languages and writes a language column', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-cli-replay-'));
    const mentions = path.join(dir, 'mentions.csv');
    const out = path.join(dir, 'decisions.csv');
    writeFileSync(
      mentions,
      [
        'tweet_id,text',
        '1,@acme my parcel is two weeks late',
        '2,"@acme mijn pakket is nog steeds niet aangekomen, wat nu?"',
        '3,@acme ¿dónde está mi pedido? llevo dos semanas esperando',
        '4,@acme ok',
      ].join('\n'),
    );
    const r = run('replay', exampleKnowledge, mentions, '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/languages {14}en 1 \(25\.0%\), nl 1 \(25\.0%\), es 1 \(25\.0%\), too short to tell 1 \(25\.0%\)/);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('id,decision,entry,reason,confidence,intent,sentiment,priority,language,text,why');
    const column = rows[0]!.split(',').indexOf('language');
    expect(rows.slice(1).map((row) => row.split(',')[column])).toEqual(['en', 'nl', 'es', 'und']);
  });

  it("replay's why column says what kept each unanswered mention from its closest entry, as try does", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-cli-why-'));
    const mentions = path.join(dir, 'mentions.csv');
    const out = path.join(dir, 'decisions.csv');
    writeFileSync(mentions, ['id,text', '1,@acme my parcel is two weeks late', '2,@acme what is your favourite colour'].join('\n'));
    expect(run('replay', exampleKnowledge, mentions, '--out', out).status).toBe(0);
    const [header, answered, handedOff] = readFileSync(out, 'utf8').trim().split('\n');
    expect(header!.split(',').at(-1)).toBe('why');
    expect(answered).toMatch(/,answer,parcel-delays,.*,$/);
    const tried = run('try', exampleKnowledge, '@acme what is your favourite colour').stdout.match(/^why {7}(.+)$/m)?.[1];
    expect(tried).toBeTruthy();
    expect(handedOff).toContain(`,handoff,`);
    expect(handedOff!.endsWith(`"${tried!.replace(/"/g, '""')}"`)).toBe(true);
    // A look-alike its authors wrote for the entry reads closer than the entry: the why names them.
    expect(run('try', exampleKnowledge, '@acme my parcel arrived but the box is damaged').stdout).toMatch(
      /^why {7}it reads more like the negative example ".+" of "parcel-delays" \(a look-alike written for it\) than like "parcel-delays"$/m,
    );
  });

  it('prints its usage on a wrong call, with exit 2', () => {
    const r = run('chek');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: first-reply <command>');
  });

  it('users add keeps a person who then signs in to the service on the same data; the password never appears in the output', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-cli-users-'));
    const env = { ...process.env, DATA_DIR: dataDir };
    const add = spawnSync(process.execPath, [CLI, 'users', 'add', 'ann', '--role', 'agent,editor', '--password-stdin'], {
      encoding: 'utf8',
      env,
      input: 'correct horse battery\n',
    });
    expect(add.status).toBe(0);
    expect(add.stdout).toBe('saved ann (agent, editor)\n');
    const list = spawnSync(process.execPath, [CLI, 'users', 'list'], { encoding: 'utf8', env });
    expect(list.stdout).toBe('ann\tagent,editor\n');
    expect(spawnSync(process.execPath, [CLI, 'users', 'add', 'bob', '--role', 'boss', '--token'], { encoding: 'utf8', env }).status).toBe(
      1,
    );
    const service = await startService({ DATA_DIR: dataDir, UNDERSTANDING: 'keyword' });
    try {
      expect((await postJson(`${service.url}/api/session`, { username: 'ann', password: 'correct horse battery' })).body.user).toEqual({
        name: 'ann',
        roles: ['agent', 'editor'],
      });
      expect((await postJson(`${service.url}/api/session`, { username: 'ann', password: 'correct horse' })).status).toBe(401);
    } finally {
      await service.dispose();
    }
  });

  it("finding 10 (issue 14): users tokens lists a user's tokens with creation and last use, users revoke refuses one at once on the running service", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-cli-tokens-'));
    const env = { ...process.env, DATA_DIR: dataDir };
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'users', ...args], { encoding: 'utf8', env });
    const add = cli('add', 'robot', '--role', 'agent', '--token');
    expect(add.status).toBe(0);
    const first = /token \(shown once\): (\S+)/.exec(add.stdout)![1]!;
    const second = cli('token', 'robot').stdout.trim();
    const service = await startService({ DATA_DIR: dataDir, UNDERSTANDING: 'keyword', SANDBOX_ENABLED: 'false' });
    try {
      const me = async (token: string) => (await fetch(`${service.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;
      expect(await me(first)).toBe(200);
      const listed = cli('tokens', 'robot');
      expect(listed.status).toBe(0);
      const rows = listed.stdout.trim().split('\n');
      expect(rows[0]).toBe('id\tcreated\tlast used');
      expect(rows).toHaveLength(3);
      const [firstId, created, lastUsed] = rows[1]!.split('\t');
      expect(created).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(lastUsed).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(rows[2]!.split('\t')[2]).toBe('-');
      expect(listed.stdout).not.toContain(first.slice(4));
      const revoke = cli('revoke', 'robot', firstId!);
      expect(revoke.stdout).toBe(`revoked token ${firstId} of robot\n`);
      expect(revoke.status).toBe(0);
      expect(await me(first)).toBe(401);
      expect(await me(second)).toBe(200);
      expect(cli('revoke', 'robot', firstId!).status).toBe(1);
      expect(cli('tokens', 'nobody').status).toBe(1);
    } finally {
      await service.dispose();
    }
  });
});

describe('issue 18 — the CLI reads the settings the service reads, and says which store it opened', () => {
  // Nothing from the developer's own environment decides the store here.
  const { DATA_DIR: _dataDir, REDIS_URL: _redisUrl, REDIS_PREFIX: _prefix, FIRST_REPLY_CONFIG: _config, ...base } = process.env;

  it("finding 7: users follows FIRST_REPLY_CONFIG to the service's data folder and prints the store on one stderr line", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-cli-config-'));
    const config = path.join(mkdtempSync(path.join(tmpdir(), 'fr-cli-settings-')), 'first-reply.yaml');
    writeFileSync(config, `DATA_DIR: ${JSON.stringify(dataDir)}\n`);
    const env = { ...base, FIRST_REPLY_CONFIG: config };
    const empty = spawnSync(process.execPath, [CLI, 'users', 'list'], { encoding: 'utf8', env });
    expect(empty.status).toBe(0);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe(
      `first-reply users: store SQLite ${path.join(dataDir, 'first-reply.db')} (synchronous=FULL) (from DATA_DIR, REDIS_URL, FIRST_REPLY_CONFIG, as the service reads them)\nno users in this store\n`,
    );
    const add = spawnSync(process.execPath, [CLI, 'users', 'add', 'ann', '--role', 'admin', '--password-stdin'], {
      encoding: 'utf8',
      env,
      input: 'correct horse battery\n',
    });
    expect(add.status).toBe(0);
    expect(add.stderr.trim().split('\n')).toEqual([expect.stringContaining(`store SQLite ${path.join(dataDir, 'first-reply.db')}`)]);
    const service = await startService({ FIRST_REPLY_CONFIG: config, DATA_DIR: dataDir, UNDERSTANDING: 'keyword' });
    try {
      expect((await postJson(`${service.url}/api/session`, { username: 'ann', password: 'correct horse battery' })).status).toBe(200);
    } finally {
      await service.dispose();
    }
  });

  it('finding 7: users on Redis names the server without its password', async () => {
    const prefix = `fr-cli-${process.pid}-${Date.now()}:`;
    const env = { ...base, REDIS_URL: 'redis://:@127.0.0.1:6379', REDIS_PREFIX: prefix };
    try {
      const add = spawnSync(process.execPath, [CLI, 'users', 'add', 'lee', '--token'], { encoding: 'utf8', env });
      expect(add.status, add.stderr).toBe(0);
      expect(add.stderr).toBe(
        `first-reply users: store Redis redis://127.0.0.1:6379 (keys under ${prefix}) (from DATA_DIR, REDIS_URL, FIRST_REPLY_CONFIG, as the service reads them)\n`,
      );
      expect(spawnSync(process.execPath, [CLI, 'users', 'list'], { encoding: 'utf8', env }).stdout).toBe('lee\tagent\n');
    } finally {
      await deletePrefix('redis://127.0.0.1:6379', prefix);
    }
  });
});
