import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../config/settings.js';
import { postJson, repoRoot, startService, type RunningService } from '../helpers/start-service.js';

const MAIN = path.join(repoRoot, 'dist/bot/main.js');
const PASSWORD = 'a long admin password';
const TOKEN = 'metrics-token-0123456789abcdef';

function logText(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }),
    text: () => text,
  };
}

describe('issue 18 — production mode (NODE_ENV=production)', () => {
  const services: RunningService[] = [];
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.dispose()));
  });
  const start = async (env: Record<string, string>, log?: Writable) => {
    const service = await startService(env, log ? { logDestination: log } : {});
    services.push(service);
    return service;
  };
  const sandboxPost = (s: RunningService) => postJson(`${s.url}/sandbox/mentions`, { author: '@ann', text: 'my parcel is late' });

  it('finding 6: the sandbox is off unless SANDBOX_ENABLED is set', async () => {
    expect(loadSettings({ NODE_ENV: 'production' }).SANDBOX_ENABLED).toBe(false);
    expect(loadSettings({}).SANDBOX_ENABLED).toBe(true);
    const production = await start({ NODE_ENV: 'production' });
    expect((await sandboxPost(production)).status).toBe(404);
    expect([...production.channels.keys()]).not.toContain('sandbox');
    const asked = await start({ NODE_ENV: 'production', SANDBOX_ENABLED: 'true' });
    expect((await sandboxPost(asked)).status).toBe(202);
  });

  it('finding 6: with METRICS_TOKEN, /metrics needs the bearer token (401 otherwise), in any mode, and the token never reaches the log', async () => {
    for (const mode of [{ NODE_ENV: 'production' }, {}] as Record<string, string>[]) {
      const log = logText();
      const service = await start({ ...mode, METRICS_TOKEN: TOKEN, LOG_LEVEL: 'debug' }, log.stream);
      const scrape = (authorization?: string) => fetch(`${service.url}/metrics`, authorization ? { headers: { authorization } } : {});
      for (const wrong of [
        undefined,
        'Bearer nope',
        `Bearer ${TOKEN}x`,
        `Bearer ${TOKEN.slice(0, -1)}`,
        TOKEN,
        `Basic ${TOKEN}`,
        'Bearer ',
      ]) {
        const res = await scrape(wrong);
        expect(res.status, `${JSON.stringify(mode)} ${wrong}`).toBe(401);
        expect(await res.text()).not.toContain('first_reply_');
      }
      const ok = await scrape(`Bearer ${TOKEN}`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('# TYPE');
      expect(log.text()).not.toContain(TOKEN);
    }
    // A token too short to be one stops the start, naming the setting, never echoing the value.
    expect(() => loadSettings({ METRICS_TOKEN: 'pw-abc' })).toThrow(/METRICS_TOKEN: at least 16 characters/);
    expect(() => loadSettings({ METRICS_TOKEN: 'pw-abc' })).not.toThrow(/pw-abc/);
    // Without a token /metrics stays open (a scraper on a private network).
    expect((await fetch(`${(await start({ NODE_ENV: 'production' })).url}/metrics`)).status).toBe(200);
  });

  it('finding 6: session cookies are Secure in production unless SECURE_COOKIES=false', async () => {
    const cookieOf = async (env: Record<string, string>) => {
      const service = await start({ ADMIN_PASSWORD: PASSWORD, ...env });
      const res = await fetch(`${service.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      return res.headers.get('set-cookie')!;
    };
    expect(await cookieOf({ NODE_ENV: 'production' })).toMatch(/; Secure/);
    expect(await cookieOf({})).not.toMatch(/Secure/);
    expect(await cookieOf({ NODE_ENV: 'production', SECURE_COOKIES: 'false' })).not.toMatch(/Secure/);
  });

  it('finding 6: start-up refuses an ADMIN_PASSWORD shorter than the minimum, naming the setting and not the password', {
    timeout: 60_000,
  }, async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ADMIN_PASSWORD: 'hunter2',
        PORT: '0',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fr-prod-')),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(output).toMatch(/first-reply cannot start: .*\n\s+ADMIN_PASSWORD: at least 10 characters/);
    expect(output).not.toContain('hunter2');
  });
});
