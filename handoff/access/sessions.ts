import type Keyv from 'keyv';
import type { User } from './roles.js';
import { newSecret, secretDigest } from './secret-token.js';

export interface Sessions {
  /** Opens a session for a signed-in user; the id goes to the browser, only its digest is stored. */
  open(user: User, now: number): Promise<{ id: string; expiresAt: number }>;
  find(id: string, now: number): Promise<User | undefined>;
  close(id: string): Promise<void>;
}

/** Sessions expire `ttlMs` after sign-in (absolute: an all-day console signs in again next shift). */
export function createSessions(kv: Keyv, ttlMs: number): Sessions {
  return {
    async open(user, now) {
      const id = newSecret('frs');
      const expiresAt = now + ttlMs;
      await kv.set(`session:${secretDigest(id)}`, { name: user.name, expiresAt }, ttlMs);
      return { id, expiresAt };
    },
    async find(id, now) {
      const session = await kv.get<{ name: string; expiresAt: number }>(`session:${secretDigest(id)}`);
      if (!session || session.expiresAt <= now) return undefined;
      return { name: session.name, roles: [] };
    },
    async close(id) {
      await kv.delete(`session:${secretDigest(id)}`);
    },
  };
}
