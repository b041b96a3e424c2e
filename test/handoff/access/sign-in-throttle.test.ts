import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { startService, type RunningService } from '../../helpers/start-service.js';

// Issue 14 finding 4: five wrong passwords for a name locked it for everyone, per process. Now
// wrong passwords slow the client that sends them (by address, and by address and name), the name
// alone only after many failures and briefly; the counters live in the shared store.

const PASSWORD = 'the admins real password';
const ATTACKER = '203.0.113.7';
const ADMIN_DESK = '198.51.100.20';

const services: RunningService[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const s of services) await s.dispose().catch(() => {});
  for (const c of cleanups) await c();
});

/** A clock the test moves: sign-in delays are judged by the service's own clock. */
const clock = () => {
  const c = { t: Date.parse('2026-12-01T09:00:00Z'), now: () => c.t };
  return c;
};

async function start(env: Record<string, string>, now: () => number, logs?: string[]) {
  const logDestination = new Writable({
    write(chunk, _enc, done) {
      logs?.push(String(chunk));
      done();
    },
  });
  const service = await startService(
    { UNDERSTANDING: 'keyword', SANDBOX_ENABLED: 'false', ADMIN_PASSWORD: PASSWORD, ...env },
    { now, logDestination },
  );
  services.push(service);
  return service;
}

async function signIn(service: RunningService, username: string, password: string, from?: string) {
  const res = await fetch(`${service.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: JSON.stringify({ username, password }),
  });
  await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

describe('issue 14 finding 4 — sign-in throttling that an outsider cannot turn into a lock-out', () => {
  it("finding 4: the correct password from another client still signs in after an attacker's failures on that name; the attacker waits longer and longer", async () => {
    const c = clock();
    const service = await start({ TRUST_PROXY: 'true' }, c.now);
    // Eight real guesses, a minute apart: each one is checked (and fails).
    for (let i = 0; i < 8; i++) {
      expect((await signIn(service, 'admin', `guess number ${i}`, ATTACKER)).status).toBe(401);
      c.t += 60_000;
    }
    // Guessing again at once: 429 with the wait, without checking the password (even the right one).
    expect((await signIn(service, 'admin', 'guess number 8', ATTACKER)).status).toBe(401);
    const refused = await signIn(service, 'admin', PASSWORD, ATTACKER);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(32);
    // The delays grow with each failure: later guesses wait longer than the first throttled one.
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(5 * 60);
    // The admin at their own desk signs in.
    expect((await signIn(service, 'admin', PASSWORD, ADMIN_DESK)).status).toBe(200);
  });

  it('finding 4: a client spraying 30 names is throttled, whatever X-Forwarded-For it forges when no proxy is trusted', async () => {
    const c = clock();
    const service = await start({}, c.now);
    const statuses: number[] = [];
    const waits: number[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await signIn(service, `user${i}`, 'Winter2026!', `192.0.2.${i}`);
      statuses.push(r.status);
      if (r.status === 429) waits.push(Number(r.retryAfter));
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(20).fill(429));
    expect(waits.every((w) => w >= 1)).toBe(true);
    // After the wait, one more guess, and the next wait is twice as long.
    c.t += 1000;
    expect((await signIn(service, 'user30', 'Winter2026!')).status).toBe(401);
    expect((await signIn(service, 'user31', 'Winter2026!')).retryAfter).toBe('2');
  });

  it('a client spraying names from a different IPv6 address of its /64 each time is throttled like one address', async () => {
    const c = clock();
    const service = await start({ TRUST_PROXY: 'true' }, c.now);
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push((await signIn(service, `user${i}`, 'Winter2026!', `2001:db8:1:2::${(i + 1).toString(16)}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(4).fill(429));
    // Another network is another client; an IPv4 client keeps its own address.
    expect((await signIn(service, 'user20', 'Winter2026!', '2001:db8:1:3::1')).status).toBe(401);
    expect((await signIn(service, 'user21', 'Winter2026!', '203.0.113.9')).status).toBe(401);
  });

  it('finding 4: two service instances sharing a store (one Redis) count the same failures', async () => {
    const c = clock();
    const prefix = `first-reply-test:${randomUUID()}:`;
    cleanups.push(() => deletePrefix(REDIS_URL, prefix));
    const env = { REDIS_URL, REDIS_PREFIX: prefix, TRUST_PROXY: '127.0.0.1' };
    const a = await start(env, c.now);
    const b = await start(env, c.now);
    for (let i = 0; i < 10; i++) expect((await signIn(i % 2 ? a : b, `name${i}`, 'Summer2026!', ATTACKER)).status).toBe(401);
    expect((await signIn(a, 'name10', 'Summer2026!', ATTACKER)).status).toBe(429);
    expect((await signIn(b, 'name11', 'Summer2026!', ATTACKER)).status).toBe(429);
    // Another client is not slowed on either.
    expect((await signIn(b, 'admin', PASSWORD, ADMIN_DESK)).status).toBe(200);
  });

  it('finding 4: the counters survive a restart (SQLite in DATA_DIR)', async () => {
    const c = clock();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-throttle-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await start({ DATA_DIR: dataDir }, c.now);
    for (let i = 0; i < 10; i++) expect((await signIn(first, `name${i}`, 'Autumn2026!')).status).toBe(401);
    expect((await signIn(first, 'name10', 'Autumn2026!')).status).toBe(429);
    await first.dispose();
    const second = await start({ DATA_DIR: dataDir }, c.now);
    expect((await signIn(second, 'name11', 'Autumn2026!')).status).toBe(429);
  });

  it('finding 4: failed and refused sign-ins are logged with the name, the address and the reason, never the password', async () => {
    const c = clock();
    const logs: string[] = [];
    const service = await start({ TRUST_PROXY: 'true', LOG_LEVEL: 'info' }, c.now, logs);
    const secretGuess = 'Sup3r-Secret-Guess-4711';
    for (let i = 0; i < 5; i++) await signIn(service, 'admin', secretGuess, ATTACKER);
    await signIn(service, 'admin', PASSWORD, ADMIN_DESK);
    const lines = logs
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const failed = lines.filter((l) => l.msg === 'sign-in failed');
    const refused = lines.filter((l) => l.msg === 'sign-in refused');
    expect(failed).toHaveLength(3);
    expect(failed[0]).toMatchObject({ user: 'admin', address: ATTACKER, reason: 'wrong user name or password' });
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ user: 'admin', address: ATTACKER, reason: 'throttled by address+name' });
    expect(logs.join('')).not.toContain(secretGuess);
    expect(logs.join('')).not.toContain(PASSWORD);
  });
});
