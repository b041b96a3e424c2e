import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSettings, type Settings } from '../../config/settings.js';
import { createService, type Service, type ServiceOverrides } from '../../bot/create-service.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const exampleKnowledge = path.join(repoRoot, 'config/knowledge.yaml');

export interface RunningService extends Service {
  url: string;
  dataDir: string;
  settings: Settings;
  /** Stops the service and removes its data folder. */
  dispose(): Promise<void>;
}

/**
 * Starts the real service on a free loopback port with a fresh SQLite folder.
 * `env` takes settings as environment variables (strings), exactly as an operator sets them.
 */
export async function startService(env: Record<string, string> = {}, overrides: ServiceOverrides = {}): Promise<RunningService> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'first-reply-test-'));
  // Example embeddings are cached by model and text: sharing the cache between tests only saves time.
  const cache = path.join(tmpdir(), 'first-reply-test-embeddings');
  const settings = loadSettings({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    KNOWLEDGE_FILE: exampleKnowledge,
    // Each service its own routing file: a test's publish never writes the repository's.
    ROUTING_FILE: path.join(dataDir, 'routing.yaml'),
    EMBEDDING_CACHE_DIR: cache,
    // The encoder's worker threads load compiled files; tests run from source, so in-process here.
    UNDERSTANDING_THREADS: '0',
    ...env,
    DATA_DIR: dataDir,
  });
  // Platform channels read only what the test gives them, never the developer's own environment.
  const service = await createService(settings, { env, ...overrides });
  const url = await service.start();
  return {
    ...service,
    url,
    dataDir,
    settings,
    async dispose() {
      await service.stop();
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}
