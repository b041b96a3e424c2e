import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from '../../shared/http-errors.js';
import fp from 'fastify-plugin';
import { readCredentials, type Credentials } from './read-credentials.js';
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
  /**
   * Who these credentials sign in now, and until when (a session's end; null for a token), or null:
   * a closed or expired session, one from before a password or role change or from a removed user,
   * a revoked token. Live streams call it again when access changes.
   */
  check(credentials: Credentials): Promise<{ user: User; expiresAt: number | null; via: 'session' | 'token' } | null>;
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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameHost = (origin: string, host: string | undefined) => {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
};

const resolved = new WeakMap<FastifyRequest, Promise<User | null>>();

/**
 * Decorates the whole app (not an encapsulated scope) with `access`, so every plugin's routes can
 * guard themselves with requireRole. Roles are read from the user at each request: a changed or
 * removed user takes effect at once, even with a live session.
 */
export const accessPlugin = fp(
  async (app: FastifyInstance, opts: Omit<Access, 'userOf' | 'check'>) => {
    const check: Access['check'] = async ({ session, token }) => {
      if (token) {
        const user = await opts.users.userForToken(token);
        return user ? { user, expiresAt: null, via: 'token' } : null;
      }
      if (!session) return null;
      const found = await opts.sessions.find(session, opts.now());
      const current = found && (await opts.users.currentUser(found.name));
      // The session must be from the user's current epoch: not from before a password or role
      // change, nor from an earlier user of the same name.
      if (!found || !current || current.epoch !== found.epoch) return null;
      return { user: current.user, expiresAt: found.expiresAt, via: 'session' };
    };
    const userOf = (request: FastifyRequest) => {
      let pending = resolved.get(request);
      if (!pending) {
        pending = check(readCredentials(request)).then((signedIn) => {
          request.authVia = signedIn?.via ?? null;
          return signedIn?.user ?? null;
        });
        resolved.set(request, pending);
      }
      return pending;
    };
    app.decorate('access', { ...opts, userOf, check });
    // A browser session changing state must send JSON from this origin: a cross-site form cannot
    // (it would need CORS), which with SameSite=Strict cookies closes request forgery. Checked before
    // the body is even parsed. Every path, not only those spelt /api/: the router decodes the path, so
    // /%61pi/… reaches the same routes.
    app.addHook('onRequest', async (request, reply) => {
      if (SAFE_METHODS.has(request.method) || !readCredentials(request).session) return;
      const type = String(request.headers['content-type'] ?? '');
      const origin = request.headers.origin;
      if (
        request.headers['content-length'] !== undefined &&
        request.headers['content-length'] !== '0' &&
        !type.startsWith('application/json')
      ) {
        return sendError(reply, 415, 'send JSON (content-type: application/json)');
      }
      if (origin && !sameHost(origin, request.headers.host)) return sendError(reply, 403, 'cross-origin request refused');
    });
    app.decorateRequest('user', null);
    app.decorateRequest('authVia', null);
  },
  { name: 'first-reply-access' },
);
