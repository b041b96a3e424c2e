import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { exampleKnowledge, repoRoot, waitFor } from '../helpers/start-service.js';

const MAIN = path.join(repoRoot, 'dist/bot/main.js');

export interface Instance {
  child: ChildProcess;
  url: string;
  /** The last lines the process wrote (warnings and errors), for failure messages. */
  tail: string[];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the built service as a child process on its own port and waits until it is ready. The
 * keyword understander keeps the turns cheap: these tests measure the shared store, not understanding.
 */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KNOWLEDGE_FILE: exampleKnowledge,
      UNDERSTANDING: 'keyword',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`instance exited before it was ready:\n${tail.join('\n')}`);
      try {
        return (await fetch(`${url}/readyz`)).status === 200 ? true : undefined;
      } catch {
        return undefined;
      }
    },
    20_000,
    `instance on port ${port} to be ready`,
  );
  return { child, url, tail };
}

export async function killed(instance: Instance): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGKILL');
  });
}

/** Posts mention `i` to the sandbox of `url`; false when the instance did not take it (it will be delivered again). */
export async function postMention(url: string, i: number, idPrefix: string): Promise<boolean> {
  const text = i % 2 === 0 ? `@acme my parcel is late (order ${i})` : `@acme question number ${i} about my invoice`;
  try {
    const res = await fetch(`${url}/sandbox/mentions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: `${idPrefix}${i}`, author: `@user${i}`, text }),
    });
    await res.arrayBuffer();
    return res.status === 202;
  } catch {
    return false;
  }
}
