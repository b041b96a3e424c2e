import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { readCredentials } from './read-credentials.js';
import type { User } from './roles.js';
import type { Sessions } from './sessions.js';
import type { UserDirectory } from './user-directory.js';

export interface Access {
  users: UserDirectory;
  sessions: Sessions;
  sessionTtlMs: number;
  secureCookies: boolean;
  now: () => number;
  /** The signed-in user of a request (cached on it), or null. */
  userOf(request: FastifyRequest): Promise<User | null>;
}

declare module 'fastify' {
  interface FastifyInstance {
    access: Access;
  }
  interface FastifyRequest {
    /** Set by requireRole once the request is authenticated. */
    user: User | null;
    /** How: a browser session (cookie) or an API token. */
    authVia: 'session' | 'token' | null;
  }
}

const resolved = new WeakMap<FastifyRequest, Promise<User | null>>();

/**
 * Decorates the whole app (not an encapsulated scope) with `access`, so every plugin's routes can
 * guard themselves with requireRole. Roles are read from the user at each request: a changed or
 * removed user takes effect at once, even with a live session.
 */
export const accessPlugin = fp(
  async (app: FastifyInstance, opts: Omit<Access, 'userOf'>) => {
    const userOf = (request: FastifyRequest) => {
      let pending = resolved.get(request);
      if (!pending) {
        pending = (async () => {
          const { session, token } = readCredentials(request);
          if (token) {
            const user = await opts.users.userForToken(token);
            request.authVia = user ? 'token' : null;
            return user ?? null;
          }
          if (!session) return null;
          const found = await opts.sessions.find(session, opts.now());
          const user = found && (await opts.users.getUser(found.name));
          request.authVia = user ? 'session' : null;
          return user ?? null;
        })();
        resolved.set(request, pending);
      }
      return pending;
    };
    app.decorate('access', { ...opts, userOf });
    app.decorateRequest('user', null);
    app.decorateRequest('authVia', null);
  },
  { name: 'first-reply-access' },
);
