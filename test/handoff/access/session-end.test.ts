import { randomUUID } from 'node:crypto';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import Fastify from 'fastify';
import Keyv from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';
import { accessPlugin } from '../../../handoff/access/access-plugin.js';
import { sessionRoutes } from '../../../handoff/access/session-routes.js';
import { createSessions } from '../../../handoff/access/sessions.js';
import { createSignInThrottle } from '../../../handoff/access/sign-in-throttle.js';
import { createUserDirectory } from '../../../handoff/access/user-directory.js';
import { eventsRoute } from '../../../handoff/api/events-route.js';
import { createLocalHandoffEvents, type HandoffEvent } from '../../../store/handoff-events.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { startService, type RunningService } from '../../helpers/start-service.js';

// Issue 14 findings 9 and 10: a session outlived a password change, a role change and the removal
// of its user (a re-created user of the same name inherited it), tokens could not be revoked, and a
// live event stream kept delivering after its session ended.

const services: RunningService[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const s of services) await s.dispose().catch(() => {});
  for (const c of cleanups) await c();
});

async function start(env: Record<string, string> = {}) {
  const service = await startService({ UNDERSTANDING: 'keyword', SANDBOX_ENABLED: 'false', ...env });
  services.push(service);
  return service;
}

async function signIn(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const me = async (url: string, auth: Record<string, string>) => (await fetch(`${url}/api/me`, { headers: auth })).status;

/** An open /api/events stream: what it delivered so far, and whether the server ended it. */
async function openStream(url: string, cookie: string) {
  const res = await fetch(`${url}/api/events`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const stream = { text: '', ended: false, done: undefined as unknown as Promise<void> };
  stream.done = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      stream.text += decoder.decode(value);
    }
    stream.ended = true;
  })();
  return { stream, cancel: () => reader.cancel().catch(() => {}) };
}

const ended = (stream: { done: Promise<void> }, ms: number) =>
  Promise.race([stream.done.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

const event = (n: number): HandoffEvent => ({
  key: `sandbox:t${n}`,
  channel: 'sandbox',
  threadId: `t${n}`,
  type: 'handoff',
  state: 'waiting',
  assignee: null,
  actor: '@carol',
  at: n,
});

describe('issue 14 finding 10 — sessions and tokens end with a password change, a role change and a removal', () => {
  it('finding 10: an old cookie is refused after a password change, after a role change, and after remove + re-create with the same name', async () => {
    const service = await start();
    const users = service.handoff.users;
    await users.saveUser('ann', ['agent'], 'first password 1');
    const beforePassword = await signIn(service.url, 'ann', 'first password 1');
    expect(await me(service.url, { cookie: beforePassword })).toBe(200);
    await users.saveUser('ann', ['agent'], 'second password 2');
    expect(await me(service.url, { cookie: beforePassword })).toBe(401);

    const beforeRoles = await signIn(service.url, 'ann', 'second password 2');
    // Saving the same password and roles again (ADMIN_PASSWORD at every start) changes nothing.
    await users.saveUser('ann', ['agent'], 'second password 2');
    expect(await me(service.url, { cookie: beforeRoles })).toBe(200);
    await users.saveUser('ann', ['agent', 'editor']);
    expect(await me(service.url, { cookie: beforeRoles })).toBe(401);

    const beforeRemoval = await signIn(service.url, 'ann', 'second password 2');
    expect(await users.removeUser('ann')).toBe(true);
    await users.saveUser('Ann', ['admin'], 'second password 2');
    expect(await me(service.url, { cookie: beforeRemoval })).toBe(401);
    // A fresh sign-in works.
    expect(await me(service.url, { cookie: await signIn(service.url, 'ann', 'second password 2') })).toBe(200);
  });

  it("finding 10: an admin lists a user's tokens and revokes one, which is refused at once; the others keep working; a password change revokes them all", async () => {
    const service = await start();
    const users = service.handoff.users;
    await users.saveUser('root', ['admin'], 'root password 1');
    await users.saveUser('bot', ['agent']);
    const first = await users.issueToken('bot');
    const second = await users.issueToken('bot');
    expect(await me(service.url, { authorization: `Bearer ${first}` })).toBe(200);
    const admin = { cookie: await signIn(service.url, 'root', 'root password 1') };
    const listed = (await (await fetch(`${service.url}/api/users`, { headers: admin })).json()) as {
      users: { name: string; tokens: { id: string; createdAt: number; lastUsedAt: number | null }[] }[];
    };
    const bot = listed.users.find((u) => u.name === 'bot')!;
    expect(bot.tokens).toHaveLength(2);
    expect(bot.tokens[0]!.lastUsedAt).toEqual(expect.any(Number));
    expect(bot.tokens[1]!.lastUsedAt).toBeNull();
    expect(JSON.stringify(listed)).not.toContain(first.slice(4, 20));
    // An agent may not list or revoke.
    await users.saveUser('ann', ['agent'], 'ann password 1');
    const agent = { cookie: await signIn(service.url, 'ann', 'ann password 1') };
    expect((await fetch(`${service.url}/api/users`, { headers: agent })).status).toBe(403);
    expect((await fetch(`${service.url}/api/users/bot/tokens/${bot.tokens[0]!.id}`, { method: 'DELETE', headers: agent })).status).toBe(
      403,
    );

    expect((await fetch(`${service.url}/api/users/bot/tokens/${bot.tokens[0]!.id}`, { method: 'DELETE', headers: admin })).status).toBe(
      204,
    );
    expect(await me(service.url, { authorization: `Bearer ${first}` })).toBe(401);
    expect(await me(service.url, { authorization: `Bearer ${second}` })).toBe(200);
    expect((await fetch(`${service.url}/api/users/bot/tokens/${bot.tokens[0]!.id}`, { method: 'DELETE', headers: admin })).status).toBe(
      404,
    );
    expect((await fetch(`${service.url}/api/users/bot/tokens/..%2Fx`, { method: 'DELETE', headers: admin })).status).toBe(400);

    await users.saveUser('bot', ['agent'], 'bot password 12');
    expect(await me(service.url, { authorization: `Bearer ${second}` })).toBe(401);
    expect(await users.listTokens('bot')).toEqual([]);
  });
});

describe('issue 14 finding 9 — a live event stream ends with its session', () => {
  it("finding 9: after sign-out the stream ends and delivers nothing more, while another agent's stream goes on", async () => {
    const service = await start();
    await service.handoff.users.saveUser('ann', ['agent'], 'ann password 1');
    await service.handoff.users.saveUser('bob', ['agent'], 'bob password 1');
    const annCookie = await signIn(service.url, 'ann', 'ann password 1');
    const ann = await openStream(service.url, annCookie);
    const bob = await openStream(service.url, await signIn(service.url, 'bob', 'bob password 1'));
    cleanups.push(ann.cancel, bob.cancel);

    expect((await fetch(`${service.url}/api/session`, { method: 'DELETE', headers: { cookie: annCookie } })).status).toBe(204);
    // Well before the periodic check: the sign-out itself ends it.
    expect(await ended(ann.stream, 3000)).toBe(true);
    const before = ann.stream.text;
    await service.handoff.actions.announce({ channel: 'sandbox', threadId: 'after-sign-out' }, 'handoff', '@carol');
    await expect.poll(() => bob.stream.text).toContain('after-sign-out');
    expect(ann.stream.text).toBe(before);
    expect(ann.stream.text).not.toContain('event: thread');
    expect(bob.stream.ended).toBe(false);
  });

  it('finding 9: on two instances sharing Redis, signing out or changing the password on one ends the stream on the other', async () => {
    const prefix = `first-reply-test:${randomUUID()}:`;
    cleanups.push(() => deletePrefix(REDIS_URL, prefix));
    const a = await start({ REDIS_URL, REDIS_PREFIX: prefix });
    const b = await start({ REDIS_URL, REDIS_PREFIX: prefix });
    await a.handoff.users.saveUser('ann', ['agent'], 'ann password 1');
    const cookie = await signIn(a.url, 'ann', 'ann password 1');
    const first = await openStream(a.url, cookie);
    cleanups.push(first.cancel);
    expect((await fetch(`${b.url}/api/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect(await ended(first.stream, 3000)).toBe(true);

    const again = await openStream(a.url, await signIn(b.url, 'ann', 'ann password 1'));
    cleanups.push(again.cancel);
    await b.handoff.users.saveUser('ann', ['agent'], 'ann password 2');
    expect(await ended(again.stream, 3000)).toBe(true);
  });

  it('finding 9: a stream ends when its session expires, and delivers nothing more', async () => {
    const kv = new Keyv();
    const events = createLocalHandoffEvents();
    const users = createUserDirectory(kv, (name) => void events.publishAccessChange(name));
    await users.saveUser('ann', ['agent'], 'ann password 1');
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const ttlMs = 1500;
    await app.register(accessPlugin, {
      users,
      sessions: createSessions(kv, ttlMs),
      sessionTtlMs: ttlMs,
      secureCookies: false,
      now: Date.now,
    });
    await app.register(sessionRoutes, { throttle: createSignInThrottle(kv) });
    await app.register(eventsRoute, { events });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => app.close());
    const cookie = await signIn(url, 'ann', 'ann password 1');
    const { stream, cancel } = await openStream(url, cookie);
    cleanups.push(cancel);
    await events.publish(event(1));
    await expect.poll(() => stream.text).toContain('sandbox:t1');
    expect(await ended(stream, 4000)).toBe(true);
    await events.publish(event(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(stream.text).not.toContain('sandbox:t2');
    expect(await me(url, { cookie })).toBe(401);
  });
});
