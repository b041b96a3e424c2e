import type { FastifyInstance } from 'fastify';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { sendError } from '../../shared/http-errors.js';
import type { ServerResponse } from 'node:http';
import { readCredentials, type Credentials } from '../access/read-credentials.js';
import { requireRole } from '../access/require-role.js';
import { hasRole } from '../access/roles.js';
import type { HandoffEvents } from '../../store/handoff-events.js';

interface Stream {
  res: ServerResponse;
  user: string;
  credentials: Credentials;
}

// A session's stream ends at most this long after the session does, however it ended (the backstop
// for a change no bus announced, e.g. `first-reply users` on the SQLite file of a running service).
const RECHECK_EVERY_MS = 15_000;

/**
 * Server-Sent Events: every thread event reaches every open console at once (pushed, no polling).
 * Browsers reconnect on their own; a comment every 15 s keeps proxies from closing an idle stream.
 * A stream lives only as long as the credentials that opened it: it ends at the session's expiry,
 * and when a sign-out, password or role change, removal or token revocation is announced on the bus
 * (from any instance) its credentials are checked again; also every `recheckMs` in any case.
 * The console then finds itself signed out and goes to the sign-in page.
 */
export async function eventsRoute(app: FastifyInstance, opts: { events: HandoffEvents; heartbeatMs?: number; recheckMs?: number }) {
  const open = new Map<ServerResponse, Stream>();
  // Open streams would keep the server from closing: they end first.
  app.addHook('preClose', async () => {
    for (const res of open.keys()) res.end();
  });

  const stillAllowed = async (stream: Stream) => {
    try {
      const signedIn = await app.access.check(stream.credentials);
      return !!signedIn && hasRole(signedIn.user, 'agent');
    } catch (err) {
      // The store unreachable for a moment is not a sign-out: the next check decides.
      app.log.warn({ err }, "could not check a live stream's session");
      return true;
    }
  };
  const recheck = async (stream: Stream) => {
    if (open.has(stream.res) && !(await stillAllowed(stream))) stream.res.end();
  };
  const unsubscribeAccess = opts.events.subscribeAccessChanges((user) => {
    for (const stream of open.values()) if (stream.user === user) void recheck(stream);
  });
  app.addHook('onClose', async () => unsubscribeAccess());

  const summary =
    'Live thread events (text/event-stream): event "thread", data {key, channel, threadId, type, state, assignee, actor, at}. ' +
    'Ownership types (handoff, claim, release, idle_release, hand_back, resolve, close, reassign, agent_reply, human_reply_on_platform, ' +
    'reply_failed: a reply given up) carry the state after them. Activity types carry state and assignee null (unchanged) unless a ' +
    "mention lands in an open thread: mention (a customer's post committed), reply_queued (the bot's replies queued), reply_sent, " +
    'reply_retry (a send failed and will be retried; the reason is on the reply in GET /api/threads/{key}). Refetch the thread on its events; ends when its session or token does';
  app.get(
    '/api/events',
    { preHandler: requireRole('agent'), schema: { ...documented(summary, 'agent'), response: guardedResponses } },
    async (request, reply) => {
      const credentials = readCredentials(request);
      const signedIn = await app.access.check(credentials);
      if (!signedIn) return sendError(reply, 401, 'sign in first');
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      const stream: Stream = { res, user: signedIn.user.name.toLowerCase(), credentials };
      open.set(res, stream);
      const unsubscribe = opts.events.subscribe((event) => {
        if (!res.writableEnded) res.write(`event: thread\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), opts.heartbeatMs ?? 15_000);
      heartbeat.unref();
      const periodic = setInterval(() => void recheck(stream), opts.recheckMs ?? RECHECK_EVERY_MS);
      periodic.unref();
      // Timers of the real clock: the session's end as the service's clock sees it now.
      const expiry =
        signedIn.expiresAt === null
          ? undefined
          : setTimeout(() => void recheck(stream), Math.max(0, signedIn.expiresAt - app.access.now()) + 1);
      expiry?.unref();
      const close = () => {
        clearInterval(heartbeat);
        clearInterval(periodic);
        clearTimeout(expiry);
        unsubscribe();
        open.delete(res);
      };
      request.raw.on('close', close);
      res.on('close', close);
      res.on('finish', close);
    },
  );
}
