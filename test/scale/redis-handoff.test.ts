import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../handoff/thread-key.js';
import { deletePrefix, REDIS_URL } from '../store/redis-test-backend.js';
import { agentClient } from '../handoff/api/agent-client.js';
import { postJson, startService, waitFor, type RunningService } from '../helpers/start-service.js';

describe('handoff across two instances on one Redis', () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-redis-handoff-'));
  let services: RunningService[] = [];

  afterEach(async () => {
    await Promise.all(services.map((s) => s.dispose()));
    services = [];
    await deletePrefix(REDIS_URL, prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a handoff taken in on one instance is live on the other; claims race across instances; the reply goes out once', async () => {
    // One Redis, one platform (the sandbox's file is shared): two instances as operators run them.
    const env = { UNDERSTANDING: 'keyword', REDIS_URL, REDIS_PREFIX: prefix, DATA_DIR: dataDir };
    services = [await startService(env), await startService(env)];
    const [a, b] = services as [RunningService, RunningService];
    const annA = await agentClient(a, 'ann');
    const bobB = await agentClient(b, 'bob');
    // Users live on Redis: ann signs in on instance B as well.
    const annB = await agentClient(b, 'ann');

    const events = await fetch(`${b.url}/api/events`, { headers: { cookie: bobB.cookie } });
    const reader = events.body!.getReader();
    const posted = await postJson(`${a.url}/sandbox/mentions`, { author: '@carol', text: 'why was I charged twice?' });
    const key = threadKey('sandbox', posted.body.threadId);
    let stream = '';
    while (!stream.includes('"type":"handoff"')) stream += new TextDecoder().decode((await reader.read()).value);
    expect(stream).toContain(key);
    await reader.cancel();

    expect((await bobB.call('GET', '/api/queue')).body.threads.map((t: { key: string }) => t.key)).toEqual([key]);
    const claims = await Promise.all([
      annA.call('POST', `/api/threads/${key}/claim`, {}),
      bobB.call('POST', `/api/threads/${key}/claim`, {}),
    ]);
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const owner = claims[0]!.status === 200 ? annA : bobB;
    expect((await owner.call('POST', `/api/threads/${key}/reply`, { text: 'A person here: refund on its way.' })).status).toBe(202);
    const brandPosts = async () =>
      (
        (await (await fetch(`${a.url}/sandbox/threads/${posted.body.threadId}`)).json()) as {
          posts: { fromBrand: boolean; text: string }[];
        }
      ).posts.filter((p) => p.fromBrand);
    await waitFor(
      async () => ((await brandPosts()).some((p) => p.text.startsWith('A person here')) ? true : undefined),
      8000,
      'the agent reply',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect((await brandPosts()).filter((p) => p.text.startsWith('A person here'))).toHaveLength(1);
    expect((await annB.call('GET', `/api/threads/${key}`)).body.thread.state).toBe('agent');
  });
});
