import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from the sources (test/chaos) or the build (dist/test/chaos) alike. */
export function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (package.json)');
    dir = parent;
  }
  return dir;
}

/**
 * One service process (dist/bot/main.js) on a fixed port, so it can be killed and started again at
 * the same address the platform delivers to. Its log goes to `logFile`.
 */
export interface ChaosInstance {
  name: string;
  url: string;
  alive(): boolean;
  /** Starts it and waits until /readyz answers 200. */
  start(): Promise<void>;
  kill(): Promise<void>;
}

export function chaosInstance(name: string, port: number, env: Record<string, string>, logFile: string): ChaosInstance {
  const root = repositoryRoot();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let killing = false;
  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  return {
    name,
    url,
    alive,
    async start() {
      const log = createWriteStream(logFile, { flags: 'a' });
      const c = spawn(process.execPath, [path.join(root, 'dist/bot/main.js')], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          KNOWLEDGE_FILE: path.join(root, 'config/knowledge.yaml'),
          KNOWLEDGE_WATCH: 'false',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      c.stdout!.pipe(log);
      c.stderr!.pipe(log);
      // A death nobody asked for is news: the run's own kills go through kill() below.
      c.once('exit', (code, signal) => {
        if (!killing) console.log(`  ${name} exited on its own (${signal ?? `code ${code}`})`);
      });
      killing = false;
      child = c;
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (!alive()) throw new Error(`${name} exited before it was ready (see ${logFile})`);
        try {
          if ((await fetch(`${url}/readyz`)).status === 200) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`${name} not ready after 60 s (see ${logFile})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill() {
      const c = child;
      if (!c || !alive()) return;
      killing = true;
      await new Promise((resolve) => {
        c.once('exit', resolve);
        c.kill('SIGKILL');
      });
    },
  };
}
