import type { FastifyInstance } from 'fastify';
import type Keyv from 'keyv';
import type { Settings } from '../../config/settings.js';
import { accessPlugin } from './access-plugin.js';
import { createPresence } from './presence.js';
import { hasRole } from './roles.js';
import { sessionRoutes } from './session-routes.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import { usersRoutes } from '../api/users-routes.js';
import { createSessions } from './sessions.js';
import { createUserDirectory } from './user-directory.js';

/**
 * The people side of access: the user directory, sessions and who is signed in, on the key/value
 * state every instance shares, and the access plugin that guards every route. `accessChanged(name)`
 * runs after a change that may end the person's sessions. Also the routes: sign in and out, users.
 */
export async function registerAccess(
  app: FastifyInstance,
  deps: {
    settings: Pick<Settings, 'SESSION_TTL_MINUTES' | 'SECURE_COOKIES' | 'AGENT_CLAIM_CAP'>;
    keyv: (namespace: string) => Keyv;
    accessChanged: (name: string) => void;
    now: () => number;
  },
) {
  const ttlMs = deps.settings.SESSION_TTL_MINUTES * 60_000;
  const users = createUserDirectory(deps.keyv('access'), deps.accessChanged);
  const presence = createPresence(deps.keyv('sessions'), deps.now);
  const sessions = createSessions(deps.keyv('sessions'), ttlMs, deps.accessChanged, presence);
  await app.register(accessPlugin, { users, sessions, sessionTtlMs: ttlMs, secureCookies: deps.settings.SECURE_COOKIES, now: deps.now });
  /** Signed in now: a session open under the person's current epoch (not from before a password or role change). */
  const signedIn = async (name: string) => {
    const current = await users.currentUser(name);
    return !!current && (await presence.openEpochs(name, deps.now())).includes(current.epoch);
  };
  /** Whether `name` is a person who may own threads. */
  const isAgent = async (name: string) => {
    const user = await users.getUser(name);
    return !!user && hasRole(user, 'agent');
  };
  await app.register(sessionRoutes, { throttle: createSignInThrottle(deps.keyv('sign-in')) });
  await app.register(usersRoutes, { users, signedIn, defaultCap: deps.settings.AGENT_CLAIM_CAP });
  return { users, sessions, signedIn, isAgent };
}
