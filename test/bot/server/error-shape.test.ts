import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startService, type RunningService } from '../../helpers/start-service.js';

const shape = (statusCode: number) => ({ statusCode, error: expect.any(String), message: expect.any(String) });

describe('one schema language, one error shape', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword', SANDBOX_ENABLED: 'true' });
  });
  afterAll(async () => service?.dispose());

  it('answers every kind of refusal as {statusCode, error, message}', async () => {
    const invalid = await postJson(`${service.url}/sandbox/mentions`, { author: 1, text: 'hi' });
    expect(invalid).toEqual({ status: 400, body: shape(400) });
    expect(invalid.body.message).toMatch(/author/);
    expect(await postJson(`${service.url}/api/session`, { username: 'nobody', password: 'wrong' })).toEqual({
      status: 401,
      body: shape(401),
    });
    const queue = await fetch(`${service.url}/api/queue`);
    expect([queue.status, await queue.json()]).toEqual([401, shape(401)]);
    const missing = await fetch(`${service.url}/no/such/route`);
    expect([missing.status, await missing.json()]).toEqual([404, shape(404)]);
    const thread = await fetch(`${service.url}/sandbox/threads/nope`);
    expect([thread.status, await thread.json()]).toEqual([404, { statusCode: 404, error: 'Not Found', message: 'no sandbox thread nope' }]);
  });

  it('describes every route, the sandbox and health included, and shows the document under its own policy', async () => {
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    for (const path of ['/sandbox/mentions', '/api/knowledge/publish', '/api/session', '/readyz', '/metrics'])
      expect(doc.paths[path], path).toBeDefined();
    expect(Object.keys(doc.paths['/sandbox/mentions']!.post!.responses)).toEqual(expect.arrayContaining(['202', '400']));
    const page = await fetch(`${service.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });
});
