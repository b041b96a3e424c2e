import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../bench/spawn-service.js';
import { postJson, waitFor } from '../helpers/start-service.js';
import { publishSeen } from '../config/knowledge/knowledge-edits.js';

/**
 * The built image itself, when a Docker daemon is at hand: FIRST_REPLY_IMAGE=first-reply (after
 * `docker build -t first-reply .`). Containers use the host's network (a free port on loopback).
 */
const IMAGE = process.env.FIRST_REPLY_IMAGE;
const PASSWORD = 'a long admin password';
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

describe.skipIf(!IMAGE)('issue 18 — the image (FIRST_REPLY_IMAGE)', () => {
  const volume = `fr-test-${randomUUID()}`;
  const containers: string[] = [];
  afterAll(() => {
    for (const c of containers) spawnSync('docker', ['rm', '-f', c]);
    spawnSync('docker', ['volume', 'rm', volume]);
  });
  const run = async (port: number) => {
    const id = docker(
      'run',
      '-d',
      '--network',
      'host',
      '-v',
      `${volume}:/data`,
      '-e',
      `PORT=${port}`,
      '-e',
      'HOST=127.0.0.1',
      '-e',
      `ADMIN_PASSWORD=${PASSWORD}`,
      '-e',
      'UNDERSTANDING=keyword',
      IMAGE!,
    );
    containers.push(id);
    await waitFor(
      async () => ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok ? true : undefined),
      90_000,
      'the container',
    );
    return id;
  };
  const signIn = async (url: string, username: string, password: string) => {
    const res = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
  };

  it('holds no tests and no TypeScript sources; runs as node', () => {
    const listing = docker('run', '--rm', '--entrypoint', 'sh', IMAGE!, '-c', 'id -un; find /app -path /app/node_modules -prune -o -print');
    const [user, ...files] = listing.split('\n');
    expect(user).toBe('node');
    expect(files.filter((f) => /\/test(\/|$)/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files).toContain('/app/dist/bot/main.js');
  });

  it('first start on an empty volume: the example knowledge file on /data, published from the console, kept after a new container; first-reply users add via docker exec', {
    timeout: 300_000,
  }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await run(port);
    expect(docker('exec', first, 'ls', '-l', '/data/knowledge.yaml')).toMatch(/node\s+node/);
    expect((await postJson(`${url}/sandbox/mentions`, { author: '@ann', text: 'hi' })).status).toBe(404);
    const { cookie } = await signIn(url, 'admin', PASSWORD);
    const live = (await (await fetch(`${url}/api/knowledge`, { headers: { cookie } })).json()) as { text: string };
    const edited = live.text.replace('sorry your parcel is late.', 'sorry your parcel is late (published in Docker).');
    const published = await publishSeen(url, { text: edited, message: 'from the test' }, { cookie });
    expect(published.status, JSON.stringify(published.body)).toBe(200);

    const added = spawnSync('docker', ['exec', '-i', first, 'first-reply', 'users', 'add', 'ann', '--role', 'agent', '--password-stdin'], {
      input: 'ann has a long password\n',
      encoding: 'utf8',
    });
    expect(added.status, added.stderr).toBe(0);
    expect(added.stderr).toContain('store SQLite /data/first-reply.db');
    expect((await signIn(url, 'ann', 'ann has a long password')).status).toBe(200);

    docker('rm', '-f', first);
    await run(port);
    const again = await signIn(url, 'admin', PASSWORD);
    expect(await (await fetch(`${url}/api/knowledge`, { headers: { cookie: again.cookie } })).json()).toMatchObject({
      text: edited,
      version: { version: 2 },
    });
    expect((await signIn(url, 'ann', 'ann has a long password')).status).toBe(200);
  });
});
