import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleKnowledge, postJson, startService, type RunningService } from '../../helpers/start-service.js';
import { publishSeen } from '../../config/knowledge/knowledge-edits.js';

const base = readFileSync(exampleKnowledge, 'utf8');
const edited = base.replace('we know about the login problem in the app', 'the app is back up since 10:42');
const PASSWORD = 'correct horse battery';

describe('issue 18 — /readyz shows the live knowledge version', () => {
  let service: RunningService | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await service?.dispose();
    service = undefined;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function signIn(s: RunningService): Promise<string> {
    await s.app.access.users.saveUser('mia', ['editor'], PASSWORD);
    const res = await fetch(`${s.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'mia', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  async function versions(s: RunningService, cookie: string) {
    const ready = (await (await fetch(`${s.url}/readyz`)).json()) as { knowledge: { version: number; publishable: boolean } };
    expect(ready.knowledge.publishable).toBe(true);
    const console = (await (await fetch(`${s.url}/api/knowledge`, { headers: { cookie } })).json()) as { version: { version: number } };
    return { readyz: ready.knowledge.version, console: console.version.version };
  }

  it('finding 3: agrees with the console after a publish, a rollback and a restart', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-readyz-'));
    const folder = mkdtempSync(path.join(tmpdir(), 'fr-readyz-k-'));
    dirs.push(dataDir, folder);
    const file = path.join(folder, 'knowledge.yaml');
    writeFileSync(file, base);
    const env = { DATA_DIR: dataDir, KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false' };

    service = await startService(env);
    let cookie = await signIn(service);
    expect(await versions(service, cookie)).toEqual({ readyz: 1, console: 1 });
    expect((await publishSeen(service.url, { text: edited, message: 'login fixed' }, { cookie })).status).toBe(200);
    expect(await versions(service, cookie)).toEqual({ readyz: 2, console: 2 });
    expect((await postJson(`${service.url}/api/knowledge/rollback`, { version: 1 }, { cookie })).status).toBe(200);
    expect(await versions(service, cookie)).toEqual({ readyz: 3, console: 3 });
    await service.stop();

    // The same data folder and file after a restart: still version 3, not this process's first load.
    service = await startService(env);
    cookie = await signIn(service);
    expect(await versions(service, cookie)).toEqual({ readyz: 3, console: 3 });
  });
});
