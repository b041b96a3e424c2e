import { type RunningService, waitFor } from '../../helpers/start-service.js';

export interface AgentClient {
  cookie: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

/** Creates the user on the running service and signs them in through the API, as the console does. */
export async function agentClient(
  service: RunningService,
  name: string,
  roles: ('agent' | 'editor' | 'admin')[] = ['agent'],
  via: 'session' | 'token' = 'session',
): Promise<AgentClient> {
  let auth: Record<string, string>;
  let cookie = '';
  if (via === 'token') {
    // An API token (no password: scrypt is deliberately slow, and 20 agents would take seconds).
    await service.handoff.users.saveUser(name, roles);
    auth = { authorization: `Bearer ${await service.handoff.users.issueToken(name)}` };
  } else {
    const password = `${name}-password-123`;
    await service.handoff.users.saveUser(name, roles, password);
    const res = await fetch(`${service.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${name} failed: ${res.status}`);
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    auth = { cookie };
  }
  return {
    cookie,
    async call(method, path, body) {
      const r = await fetch(`${service.url}${path}`, {
        method,
        headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
  };
}

/**
 * Waits until the thread `key`, read through the agent API as `client` sees it, is in `state`
 * (`waiting`: handed off, once the turn has decided its mention); fails naming `what` after `timeoutMs`.
 */
export async function waitForThreadState(client: AgentClient, key: string, state: string, what: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    async () => ((await client.call('GET', `/api/threads/${key}`)).body?.thread?.state === state ? true : undefined),
    timeoutMs,
    what,
  );
}
