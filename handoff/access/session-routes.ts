import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented } from '../../shared/route-docs.js';
import { errorBody, errorResponses, sendError } from '../../shared/http-errors.js';
import { readCredentials, sessionCookie } from './read-credentials.js';
import type { SignInThrottle } from './sign-in-throttle.js';

const userSchema = z.object({ name: z.string(), roles: z.array(z.string()) });

const signInSchema = {
  ...documented('Sign in: sets the session cookie (HttpOnly, SameSite=Strict); 429 with Retry-After while this client or name must wait'),
  body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
  response: { 200: z.object({ user: userSchema, expiresAt: z.number() }), ...errorResponses(400, 401, 429) },
};

/**
 * Sign in (a session cookie), sign out, and who am I. Wrong passwords slow the client that sends
 * them, and only much later the name itself (sign-in-throttle.ts): an outsider cannot lock a person out.
 * The client address is the socket's, or the proxy's X-Forwarded-For when TRUST_PROXY says so.
 */
export const sessionRoutes: FastifyPluginAsyncZod<{ throttle: SignInThrottle }> = async (app, opts) => {
  const log = app.log.child({ component: 'access' });

  app.post('/api/session', { schema: signInSchema }, async (request, reply) => {
    const { access } = app;
    const now = access.now();
    const name = request.body.username;
    const address = request.ip;
    const attempt = await opts.throttle.attempt(address, name, now);
    if (!attempt.allowed) {
      const retryAfter = Math.ceil(attempt.retryAfterMs / 1000);
      log.warn({ user: name, address, reason: `throttled by ${attempt.kind}`, retryAfter }, 'sign-in refused');
      return reply
        .code(429)
        .header('retry-after', retryAfter)
        .send(errorBody(429, `too many failed sign-ins: try again in ${retryAfter} s`));
    }
    const signedIn = await access.users.signIn(name, request.body.password);
    if (!signedIn) {
      log.warn({ user: name, address, reason: 'wrong user name or password' }, 'sign-in failed');
      return sendError(reply, 401, 'wrong user name or password');
    }
    await attempt.succeeded();
    const session = await access.sessions.open({ name: signedIn.user.name, epoch: signedIn.epoch }, now);
    reply.header('set-cookie', sessionCookie(session.id, Math.floor(access.sessionTtlMs / 1000), access.secureCookies));
    return { user: signedIn.user, expiresAt: session.expiresAt };
  });

  app.delete('/api/session', { schema: documented('Sign out') }, async (request, reply) => {
    const { session } = readCredentials(request);
    if (session) await app.access.sessions.close(session);
    reply.header('set-cookie', sessionCookie('', 0, app.access.secureCookies));
    return reply.code(204).send();
  });

  app.get(
    '/api/me',
    {
      schema: {
        ...documented('The signed-in user and their roles'),
        response: { 200: z.object({ user: userSchema }), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const user = await app.access.userOf(request);
      if (!user) return sendError(reply, 401, 'sign in first');
      return { user };
    },
  );
};
