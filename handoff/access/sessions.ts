import type Keyv from 'keyv';
import type { Presence } from './presence.js';
import { newSecret, secretDigest } from './secret-token.js';

/** A session as stored: whose, under which of the user's epochs (see user-directory.ts), until when. */
export interface Session {
  name: string;
  epoch: string;
  expiresAt: number;
}

export interface Sessions {
  /** Opens a session for a signed-in user; the id goes to the browser, only its digest is stored. */
  open(user: { name: string; epoch: string }, now: number): Promise<{ id: string; expiresAt: number }>;
  find(id: string, now: number): Promise<Session | undefined>;
  /** Ends a session; returns whose it was. */
  close(id: string): Promise<string | undefined>;
}

/**
 * Sessions expire `ttlMs` after sign-in (absolute: an all-day console signs in again next shift).
 * `onClose(name)` runs after a sign-out, so live streams of that session end (on every instance).
 */
export function createSessions(
  kv: Keyv,
  ttlMs: number,
  onClose: (name: string) => void = () => {},
  /** Told of each session opened and closed: who is signed in (auto-assignment). */
  presence?: Presence,
): Sessions {
  return {
    async open(user, now) {
      const id = newSecret('frs');
      const expiresAt = now + ttlMs;
      const session: Session = { name: user.name.toLowerCase(), epoch: user.epoch, expiresAt };
      await kv.set(`session:${secretDigest(id)}`, session, ttlMs);
      await presence?.opened(session.name, secretDigest(id), session.epoch, expiresAt);
      return { id, expiresAt };
    },
    async find(id, now) {
      const session = await kv.get<Partial<Session>>(`session:${secretDigest(id)}`);
      if (!session?.name || !session.expiresAt || session.expiresAt <= now) return undefined;
      // Sessions from before epochs existed belong to the user's first (empty) epoch.
      return { name: session.name, epoch: session.epoch ?? '', expiresAt: session.expiresAt };
    },
    async close(id) {
      const key = `session:${secretDigest(id)}`;
      const session = await kv.get<Partial<Session>>(key);
      await kv.delete(key);
      if (session?.name) await presence?.closed(session.name, secretDigest(id));
      if (session?.name) onClose(session.name.toLowerCase());
      return session?.name;
    },
  };
}
