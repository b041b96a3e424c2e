import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../bench/spawn-service.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { postJson, repoRoot, waitFor } from '../helpers/start-service.js';
import { copiesOf, envOf, execFormOf, readDockerfile, workdirOf } from './dockerfile.js';
import { layOutRuntime } from './image-layout.js';
import { publishSeen } from '../config/knowledge/knowledge-edits.js';

const stages = readDockerfile(path.join(repoRoot, 'Dockerfile'));
const runtime = stages.at(-1)!;
const PASSWORD = 'a long admin password';
const tempDir = tempDirs('fr-image-');

describe('issue 18 — the Docker image', () => {
  it('compiles in a build stage and copies only what runs into the runtime stage: no test/, no sources, no compiler', () => {
    const build = stages.find((s) => s.name === 'build')!;
    expect(build.instructions.some((i) => i.op === 'RUN' && /npm run build/.test(i.args))).toBe(true);
    // Tests are not even sent to the builder.
    const ignored = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['test', 'node_modules', 'dist']));
    expect(copiesOf(build).flatMap((c) => c.sources)).not.toContain('test');

    const copied = copiesOf(runtime).flatMap((c) => c.sources.map((s) => `${c.from ?? 'context'}:${s}`));
    expect(copied.length).toBeGreaterThan(0);
    for (const entry of copied) {
      const [, source] = entry.split(':') as [string, string];
      expect(source, entry).not.toMatch(/(^|\/)test(\/|$)/);
      expect(source, `${entry}: the whole compiled tree would carry dist/test`).not.toMatch(/^\/app\/dist\/?$/);
      expect(source, `${entry}: the whole context`).not.toMatch(/^\.\/?$/);
      // The compiled service only, never TypeScript sources.
      if (!entry.startsWith('build:') && !entry.startsWith('deps:'))
        expect(source).not.toMatch(/^(bot|intents|handoff|config|store|shared)\/?$/);
    }
    expect(copied).toContain('deps:/app/node_modules');
    expect(runtime.instructions.some((i) => i.op === 'RUN' && /npm/.test(i.args))).toBe(false);
    expect(runtime.instructions.filter((i) => i.op === 'USER').at(-1)?.args).toBe('node');
    expect(envOf(runtime)).toMatchObject({ NODE_ENV: 'production', DATA_DIR: '/data', KNOWLEDGE_FILE: '/data/knowledge.yaml' });
  });

  it("first start on an empty data folder with the image's settings: the example knowledge file is put there, published to from the console's API, and survives a restart", {
    timeout: 120_000,
  }, async () => {
    const appDir = path.join(tempDir(), 'app');
    const dataDir = path.join(tempDir(), 'data');
    layOutRuntime(stages, runtime, appDir);
    expect(existsSync(path.join(appDir, 'dist/test'))).toBe(false);
    expect(existsSync(path.join(appDir, 'test'))).toBe(false);

    // The image's settings, with its /data volume on the temp folder; a free port on loopback.
    const imageEnv = envOf(runtime);
    const onVolume = (v: string) => v.replace(/^\/data(?=\/|$)/, dataDir);
    const env: Record<string, string> = {
      ...Object.fromEntries(Object.entries(imageEnv).map(([k, v]) => [k, onVolume(v)])),
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ADMIN_PASSWORD: PASSWORD,
      // Publishing retrains on the test cases; the keyword matcher keeps this test quick on a shared machine.
      UNDERSTANDING: 'keyword',
      LOG_LEVEL: 'warn',
    };
    const knowledgeFile = env.KNOWLEDGE_FILE!;
    expect(knowledgeFile).toBe(path.join(dataDir, 'knowledge.yaml'));
    const url = `http://127.0.0.1:${env.PORT}`;
    const [entrypoint] = execFormOf(runtime, 'ENTRYPOINT');
    const command = execFormOf(runtime, 'CMD');
    const start = () => startEntrypoint(path.join(appDir, path.posix.relative(workdirOf(runtime), entrypoint!)), command, appDir, env, url);

    const first = await start();
    const example = readFileSync(path.join(repoRoot, 'config/knowledge.yaml'), 'utf8');
    expect(readFileSync(knowledgeFile, 'utf8')).toBe(example);
    expect(first.output()).toContain(`copied the example there`);
    const ready = (await (await fetch(`${url}/readyz`)).json()) as { knowledge: { version: number; warnings: number } };
    expect(ready.knowledge).toMatchObject({ version: 1, warnings: 0 });
    // Production mode: the sandbox is off in the image.
    expect((await postJson(`${url}/sandbox/mentions`, { author: '@ann', text: 'hi' })).status).toBe(404);

    const cookie = await signIn(url);
    const edited = example.replace('sorry your parcel is late.', 'sorry your parcel is late (published from the console).');
    expect(edited).not.toBe(example);
    const published = await publishSeen(url, { text: edited, message: 'first edit' }, { cookie });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.version.version).toBe(2);
    expect(readFileSync(knowledgeFile, 'utf8')).toBe(edited);
    await first.stop();

    // A restart (a new container on the same volume): the published file stays, the example is not copied again.
    const second = await start();
    expect(second.output()).not.toContain('copied the example');
    expect(readFileSync(knowledgeFile, 'utf8')).toBe(edited);
    const live = await (await fetch(`${url}/api/knowledge`, { headers: { cookie: await signIn(url) } })).json();
    expect(live).toMatchObject({ text: edited, version: { version: 2, author: 'admin', message: 'first edit' } });
    expect(((await (await fetch(`${url}/readyz`)).json()) as { knowledge: { version: number } }).knowledge.version).toBe(2);
    await second.stop();
  });

  it('stops with one line naming KNOWLEDGE_FILE when the example cannot be put there', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a-file'), '');
    const child = spawn(path.join(repoRoot, 'docker/entrypoint.sh'), ['true'], {
      env: { ...process.env, KNOWLEDGE_FILE: path.join(dir, 'a-file/knowledge.yaml') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^first-reply cannot start: KNOWLEDGE_FILE .*a-file\/knowledge.yaml: missing, and the example cannot be copied there/,
    );
  });
});

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function startEntrypoint(
  entrypoint: string,
  command: string[],
  cwd: string,
  env: Record<string, string>,
  url: string,
): Promise<{ output: () => string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(entrypoint, command, {
    cwd,
    env: { PATH: process.env.PATH!, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise((r) => child.once('exit', r));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`the entrypoint exited ${child.exitCode}: ${output}`);
      return (await fetch(`${url}/readyz`).catch(() => undefined))?.ok ? true : undefined;
    },
    60_000,
    'the service to be ready',
  );
  return {
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
