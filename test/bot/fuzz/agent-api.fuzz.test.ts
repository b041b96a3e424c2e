import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { anyBodyWithFields } from './arbitraries.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const ADMIN_PASSWORD = 'fuzz-admin-password-1';
const ACTIONS = ['claim', 'reply', 'release', 'hand-back', 'resolve', 'reassign'];

const fieldNames = ['username', 'password', 'text', 'requestId', 'to', 'close'];
const anyBody = anyBodyWithFields(fieldNames);
/** Thread keys: real-looking base64url, junk, and path tricks. */
const anyKey = fc.oneof(
  fc.base64String({ maxLength: 40 }).map((s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') || 'x'),
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  fc.constant('..%2F..%2Fhealthz'),
);
/** Credentials that are not a user's: none, random tokens and cookies, a token-shaped string. */
const forgedAuth = fc.oneof(
  fc.constant({}),
  fc.string({ maxLength: 60 }).map((s) => ({ authorization: `Bearer ${s.replace(/[\r\n]/g, '')}` })),
  fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((s) => ({ authorization: `Bearer frt_${s}` })),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/).map((s) => ({ cookie: `first_reply_session=${s}` })),
);

/**
 * The agent API (handoff/api, handoff/access) under bad input: sign-in with anything, thread actions
 * with no or forged credentials, wrong types, junk keys and huge bodies. A 4xx always, never a 5xx;
 * unauthenticated calls change nothing.
 */
describe('agent API under bad input (fast-check)', () => {
  let service: RunningService;
  let cookie: string;
  let threadKey: string;
  const statuses: number[] = [];

  async function call(method: string, path: string, body: Uint8Array | undefined, headers: Record<string, string> = {}): Promise<number> {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body ? { body } : {}),
    });
    await res.arrayBuffer();
    statuses.push(res.status);
    return res.status;
  }
  const threadState = async () => {
    const res = await fetch(`${service.url}/api/threads/${threadKey}`, { headers: { cookie } });
    const { thread } = (await res.json()) as { thread: { state: string; assignee: string | null } };
    return { state: thread.state, assignee: thread.assignee };
  };

  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword', ADMIN_PASSWORD });
    const signIn = await fetch(`${service.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    // A thread handed to people: a question the knowledge file does not cover.
    expect(
      (await postJson(`${service.url}/sandbox/mentions`, { author: '@ann', text: '@acme why was I charged twice for one order?' })).status,
    ).toBe(202);
    threadKey = await waitFor(
      async () => {
        const res = await fetch(`${service.url}/api/queue`, { headers: { cookie } });
        const { threads } = (await res.json()) as { threads: { key: string }[] };
        return threads[0]?.key;
      },
      8000,
      'the handed-off thread in the queue',
    );
  });
  afterAll(async () => service?.dispose());

  it('sign-in: any body is a 4xx (wrong types 400, wrong credentials 401), never a session', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        const status = await call('POST', '/api/session', body);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it('thread actions with no or forged credentials: refused (401, or 400/415 before the credentials are read), nothing changes', async () => {
    const before = await threadState();
    expect(before).toEqual({ state: 'waiting', assignee: null });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACTIONS),
        fc.oneof(fc.constant(threadKey), anyKey),
        fc.oneof(anyBody, fc.constant(new TextEncoder().encode('{}'))),
        forgedAuth,
        async (action, key, body, auth) => {
          const status = await call('POST', `/api/threads/${key}/${action}`, body, auth);
          expect([400, 401, 403, 404, 415]).toContain(status);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    // A well-formed call without a user is exactly 401.
    expect(await call('POST', `/api/threads/${threadKey}/claim`, new TextEncoder().encode('{}'))).toBe(401);
    expect(await threadState()).toEqual(before);
  });

  it('thread actions signed in, with wrong types, junk keys and huge bodies: a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTIONS), fc.oneof(fc.constant(threadKey), anyKey), anyBody, async (action, key, body) => {
        const status = await call('POST', `/api/threads/${key}/${action}`, body, { cookie });
        expect(status < 500).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
    const huge = new TextEncoder().encode(JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }));
    expect(await call('POST', `/api/threads/${threadKey}/reply`, huge, { cookie })).toBe(413);
    expect(await call('POST', '/api/session', huge)).toBe(413);
  });

  it('the service is alive and answered no call with a 5xx', async () => {
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect(statuses.length).toBeGreaterThan(RUNS * 5);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
