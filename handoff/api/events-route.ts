import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { requireRole } from '../access/require-role.js';
import type { HandoffEvents } from '../handoff-events.js';

/**
 * Server-Sent Events: every thread event reaches every open console at once (pushed, no polling).
 * Browsers reconnect on their own; a comment every 15 s keeps proxies from closing an idle stream.
 */
export async function eventsRoute(app: FastifyInstance, opts: { events: HandoffEvents; heartbeatMs?: number }) {
  const open = new Set<ServerResponse>();
  // Open streams would keep the server from closing: they end first.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get('/api/events', { preHandler: requireRole('agent'), config: { openapi: { summary: 'Live thread events (text/event-stream): event "thread", data {key, channel, threadId, type, state, assignee, actor, at}', role: 'agent' } } }, async (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n\n');
    open.add(res);
    const unsubscribe = opts.events.subscribe((event) => {
      res.write(`event: thread\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), opts.heartbeatMs ?? 15_000);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    };
    request.raw.on('close', close);
    res.on('close', close);
  });
}
