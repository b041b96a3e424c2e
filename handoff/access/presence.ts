import type Keyv from 'keyv';

/** One person's open sessions: the digest of each, with the epoch it was opened under and its end. */
type OpenSessions = Record<string, { epoch: string; expiresAt: number }>;

/**
 * Who is signed in, for auto-assignment: each user's open sessions on the key/value state (every
 * instance's), `presence:<name>`. Kept beside the sessions themselves, which are stored by digest only
 * and cannot be listed by user.
 */
export interface Presence {
  opened(name: string, digest: string, epoch: string, expiresAt: number): Promise<void>;
  closed(name: string, digest: string): Promise<void>;
  /** The epochs of the person's sessions still open at `now` (the caller checks them against the user's). */
  openEpochs(name: string, now: number): Promise<string[]>;
}

export function createPresence(kv: Keyv, clock: () => number): Presence {
  const key = (name: string) => `presence:${name.toLowerCase()}`;
  const load = async (name: string) => (await kv.get<OpenSessions>(key(name))) ?? {};
  // Expired sessions are dropped at each write, so the record stays as small as the sessions open.
  const live = (sessions: OpenSessions, now: number) =>
    Object.fromEntries(Object.entries(sessions).filter(([, s]) => s.expiresAt > now)) as OpenSessions;
  const save = async (name: string, sessions: OpenSessions, now: number) => {
    const until = Math.max(0, ...Object.values(sessions).map((s) => s.expiresAt));
    if (until <= now) await kv.delete(key(name));
    else await kv.set(key(name), sessions, until - now);
  };
  return {
    async opened(name, digest, epoch, expiresAt) {
      const now = clock();
      const sessions = live(await load(name), now);
      sessions[digest] = { epoch, expiresAt };
      await save(name, sessions, now);
    },
    async closed(name, digest) {
      const now = clock();
      const sessions = live(await load(name), now);
      delete sessions[digest];
      await save(name, sessions, now);
    },
    async openEpochs(name, now) {
      return Object.values(await load(name))
        .filter((s) => s.expiresAt > now)
        .map((s) => s.epoch);
    },
  };
}
