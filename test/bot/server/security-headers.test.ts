import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSecurityHeaders } from '../../../handoff/console/console-routes.js';
import { startService, type RunningService } from '../../helpers/start-service.js';

/** Every channel that takes webhook calls, so their routes are in the walk. */
const env = {
  UNDERSTANDING: 'keyword',
  ADMIN_PASSWORD: 'headers-admin-password',
  X_CONSUMER_SECRET: 'headers-x-secret',
  X_ACCESS_TOKEN: 'headers-user-token',
  X_USER_ID: '1600000000000000001',
  X_API_URL: 'https://api.x.test',
  META_APP_SECRET: 'headers-meta-secret',
  META_VERIFY_TOKEN: 'headers-verify',
  META_PAGE_ACCESS_TOKEN: 'headers-page-token',
  META_GRAPH_URL: 'https://graph.meta.test',
  BOTFRAMEWORK_ENABLED: 'true',
  THREADS_USER_ID: '17841400000000077',
  THREADS_USERNAME: 'acme',
  THREADS_ACCESS_TOKEN: 'headers-threads-token',
  THREADS_APP_SECRET: 'headers-threads-secret',
  THREADS_VERIFY_TOKEN: 'headers-verify',
  THREADS_RECONCILE_MINUTES: '0',
  THREADS_API_URL: 'https://graph.threads.test',
};

interface Route {
  method: string;
  url: string;
}

/**
 * Every route the app has, from Fastify's own tree (app.printRoutes): a route added later is in
 * the walk without anyone listing it. Each line is a path segment under its parent's, by indentation.
 */
export function routesOf(tree: string): Route[] {
  const routes: Route[] = [];
  const parents: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const url = (parents[depth - 1] ?? '') + m[2]!;
    parents[depth] = url;
    parents.length = depth + 1;
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

/** Something for each path parameter, so the request reaches the route (and its checks). */
const filled = (url: string) =>
  url.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === 'version' ? '1' : name === 'file' ? 'missing.js' : 'sandbox:nothing'));

describe('issue 14 finding 14 — Cache-Control: no-store and nosniff on every API answer', () => {
  let service: RunningService;
  let cookie: string;
  beforeAll(async () => {
    service = await startService(env);
    const res = await fetch(`${service.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: env.ADMIN_PASSWORD }),
    });
    expect(res.status).toBe(200);
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  }, 60_000);
  afterAll(() => service?.dispose());

  const call = async (method: string, url: string, headers: Record<string, string> = {}) => {
    const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    const res = await fetch(`${service.url}${url}`, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...headers },
      body: hasBody ? '{}' : undefined,
      redirect: 'manual',
    });
    await res.arrayBuffer();
    return res;
  };

  /** The console pages keep their own caching (revalidated, they hold no data) and policy. */
  const expectHeaders = (res: Response, url: string, what: string) => {
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    if (!url.startsWith('/console')) {
      expect(res.headers.get('cache-control'), what).toBe('no-store');
      expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
      expect(res.headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
    }
  };

  it('finding 14: the walk finds every kind of route (API, webhooks, console, health)', () => {
    const urls = routesOf(service.app.printRoutes({ commonPrefix: false })).map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'GET /api/queue',
      'POST /api/knowledge/check',
      'GET /api/knowledge/history/:version',
      'POST /webhooks/x',
      'GET /webhooks/meta',
      'POST /webhooks/threads',
      'GET /webhooks/threads',
      'POST /api/messages',
      'GET /api/events',
      'GET /healthz',
      'GET /console/assets/:file',
      'POST /sandbox/mentions',
    ]) {
      expect(urls).toContain(expected);
    }
  });

  it('finding 14: every route answers with the headers, signed out (401, 400, 404 from its checks)', async () => {
    const routes = routesOf(service.app.printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(30);
    for (const { method, url } of routes) {
      const res = await call(method, filled(url));
      expectHeaders(res, url, `${method} ${url} (${res.status})`);
    }
  });

  it('finding 14: every route answers with the headers, signed in as admin (the answers that carry data)', async () => {
    // Signing out is left for last: the walk would end the session.
    const routes = routesOf(service.app.printRoutes({ commonPrefix: false })).filter(
      (r) => !(r.url === '/api/session' && r.method === 'DELETE') && r.url !== '/api/events',
    );
    const statuses = new Set<number>();
    for (const { method, url } of routes) {
      const res = await call(method, filled(url), { cookie });
      statuses.add(res.status);
      expectHeaders(res, url, `${method} ${url} (${res.status})`);
    }
    expect(statuses).toContain(200);
  });

  it("finding 14: the console pages keep their own policy and caching (theirs win over the app's)", async () => {
    for (const url of ['/console', '/console/login', '/console/assets/console.js']) {
      const res = await call('GET', url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-security-policy'), url).toBe(consoleSecurityHeaders['content-security-policy']);
      expect(res.headers.get('cache-control'), url).toBe('no-cache');
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
  });

  it('finding 14: every operation in the OpenAPI document answers with the headers', async () => {
    const res = await fetch(`${service.url}/openapi.json`);
    expectHeaders(res, '/openapi.json', 'GET /openapi.json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => ({ method: m.toUpperCase(), url: p.replace(/\{(\w+)\}/g, ':$1') })),
    );
    expect(operations.length).toBeGreaterThan(15);
    for (const { method, url } of operations) {
      if (url === '/api/events' || url === '/api/session') continue; // a stream, and sign-in/out: below
      for (const headers of [{}, { cookie }] as Record<string, string>[]) {
        const answer = await call(method, filled(url), headers);
        expectHeaders(answer, url, `${method} ${url} (${answer.status})`);
      }
    }
  });

  it("finding 14: Fastify's own error answers carry them (404, bad JSON, unsigned, wrong type, too large, bad URL)", async () => {
    const cases: [string, RequestInit, number][] = [
      ['/api/nothing-here', {}, 404],
      ['/nothing-here', {}, 404],
      ['/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' }, 400],
      ['/webhooks/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' }, 401],
      ['/api/session', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<a/>' }, 415],
      [
        '/webhooks/meta',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(12_000_000) }) },
        413,
      ],
      ['/api/queue', {}, 401],
      ['/api/threads/%E0%A4%A', {}, 400],
      ['/webhooks/x?crc_token=', {}, 400],
      ['/webhooks/meta?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1', {}, 403],
    ];
    for (const [url, init, status] of cases) {
      const res = await fetch(`${service.url}${url}`, init);
      await res.arrayBuffer();
      expect(res.status, url).toBe(status);
      expectHeaders(res, url, `${init.method ?? 'GET'} ${url} (${res.status})`);
    }
  });

  it('finding 14: sign-in, sign-out and the event stream (which writes its own head) carry them', async () => {
    const signIn = await fetch(`${service.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: env.ADMIN_PASSWORD }),
    });
    expectHeaders(signIn, '/api/session', 'POST /api/session (200)');
    const own = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const controller = new AbortController();
    const stream = await fetch(`${service.url}/api/events`, { headers: { cookie: own }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expectHeaders(stream, '/api/events', 'GET /api/events (stream)');
    controller.abort();
    const signOut = await fetch(`${service.url}/api/session`, { method: 'DELETE', headers: { cookie: own } });
    expect(signOut.status).toBe(204);
    expectHeaders(signOut, '/api/session', 'DELETE /api/session (204)');
  });
});
