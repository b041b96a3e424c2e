import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { internalErrors } from '../../../bot/server/internal-errors.js';

/** A Fastify app with the service's error handling, its log lines kept. */
async function appWithRoutes() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const app = Fastify({ logger: { level: 'error', stream } });
  await app.register(internalErrors);
  app.get('/bug', async () => {
    throw new Error('NOT NULL constraint failed: mentions.author at /srv/data/first-reply.db');
  });
  app.get('/busy', async () => {
    throw Object.assign(new Error('the store is busy: try again'), { statusCode: 503 });
  });
  app.post('/echo', async (request) => request.body);
  await app.ready();
  return { app, lines };
}

describe('issue 14 HTTP review — an unexpected error is answered without its message', () => {
  it('answers a bug with a plain 500 and the request id; the message is logged, not sent', async () => {
    const { app, lines } = await appWithRoutes();
    const res = await app.inject('/bug');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'internal error',
      requestId: expect.any(String),
    });
    expect(res.body).not.toMatch(/constraint|first-reply\.db/);
    expect(lines.join('')).toMatch(/NOT NULL constraint failed/);
    expect(lines.join('')).toContain(res.json().requestId);
    await app.close();
  });

  it("keeps Fastify's answers for errors that carry their status (bad JSON, a deliberate 503)", async () => {
    const { app } = await appWithRoutes();
    const bad = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/JSON/);
    const busy = await app.inject('/busy');
    expect(busy.statusCode).toBe(503);
    expect(busy.json().message).toBe('the store is busy: try again');
    await app.close();
  });
});
