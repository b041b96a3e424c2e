import type { FastifyInstance } from 'fastify';
import { readCredentials, sessionCookie } from './read-credentials.js';
import type { SignInThrottle } from './sign-in-throttle.js';

const signInSchema = {
  body: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
  },
} as const;

/**
 * Sign in (a session cookie), sign out, and who am I. Wrong passwords slow the client that sends
 * them, and only much later the name itself (sign-in-throttle.ts): an outsider cannot lock a person out.
 * The client address is the socket's, or the proxy's X-Forwarded-For when TRUST_PROXY says so.
 */
export async function sessionRoutes(app: FastifyInstance, opts: { throttle: SignInThrottle }) {
  const log = app.log.child({ component: 'access' });

  app.post<{ Body: { username: string; password: string } }>('/api/session', { schema: signInSchema, config: { openapi: { summary: 'Sign in: sets the session cookie (HttpOnly, SameSite=Strict); 429 with Retry-After while this client or name must wait', role: null } } }, async (request, reply) => {
    const { access } = app;
    const now = access.now();
    const name = request.body.username;
    const address = request.ip;
    const attempt = await opts.throttle.attempt(address, name, now);
    if (!attempt.allowed) {
      const retryAfter = Math.ceil(attempt.retryAfterMs / 1000);
      log.warn({ user: name, address, reason: `throttled by ${attempt.kind}`, retryAfter }, 'sign-in refused');
      return reply.code(429).header('retry-after', retryAfter).send({ error: `too many failed sign-ins: try again in ${retryAfter} s` });
    }
    const signedIn = await access.users.signIn(name, request.body.password);
    if (!signedIn) {
      log.warn({ user: name, address, reason: 'wrong user name or password' }, 'sign-in failed');
      return reply.code(401).send({ error: 'wrong user name or password' });
    }
    await attempt.succeeded();
    const session = await access.sessions.open({ name: signedIn.user.name, epoch: signedIn.epoch }, now);
    reply.header('set-cookie', sessionCookie(session.id, Math.floor(access.sessionTtlMs / 1000), access.secureCookies));
    return { user: signedIn.user, expiresAt: session.expiresAt };
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
