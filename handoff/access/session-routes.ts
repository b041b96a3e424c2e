import type { FastifyInstance } from 'fastify';
import { readCredentials, sessionCookie } from './read-credentials.js';

const signInSchema = {
  body: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
  },
} as const;

// Wrong passwords per user name, to slow guessing: 5 per 15 minutes, then 429 until the window ends.
const FAILURE_LIMIT = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;

/** Sign in (a session cookie), sign out, and who am I. */
export async function sessionRoutes(app: FastifyInstance) {
  const failures = new Map<string, { count: number; since: number }>();

  app.post<{ Body: { username: string; password: string } }>('/api/session', { schema: signInSchema, config: { openapi: { summary: 'Sign in: sets the session cookie (HttpOnly, SameSite=Strict)', role: null } } }, async (request, reply) => {
    const { access } = app;
    const now = access.now();
    const key = request.body.username.toLowerCase();
    const f = failures.get(key);
    if (f && now - f.since < FAILURE_WINDOW_MS && f.count >= FAILURE_LIMIT) {
      return reply.code(429).header('retry-after', Math.ceil((f.since + FAILURE_WINDOW_MS - now) / 1000)).send({ error: 'too many failed sign-ins: wait and try again' });
    }
    const user = await access.users.signIn(request.body.username, request.body.password);
    if (!user) {
      const fresh = !f || now - f.since >= FAILURE_WINDOW_MS;
      failures.set(key, { count: fresh ? 1 : f.count + 1, since: fresh ? now : f.since });
      return reply.code(401).send({ error: 'wrong user name or password' });
    }
    failures.delete(key);
    const session = await access.sessions.open(user, now);
    reply.header('set-cookie', sessionCookie(session.id, Math.floor(access.sessionTtlMs / 1000), access.secureCookies));
    return { user, expiresAt: session.expiresAt };
  });

  app.delete('/api/session', { config: { openapi: { summary: 'Sign out', role: null } } }, async (request, reply) => {
    const { session } = readCredentials(request);
    if (session) await app.access.sessions.close(session);
    reply.header('set-cookie', sessionCookie('', 0, app.access.secureCookies));
    return reply.code(204).send();
  });

  app.get('/api/me', { config: { openapi: { summary: 'The signed-in user and their roles', role: null } } }, async (request, reply) => {
    const user = await app.access.userOf(request);
    if (!user) return reply.code(401).send({ error: 'sign in first' });
    return { user };
  });
}
