import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { hashPassword, verifyPassword } from './password-hash.js';
import type { Role, User } from './roles.js';
import { newSecret, secretDigest } from './secret-token.js';
import { MIN_PASSWORD_LENGTH } from '../../config/password-policy.js';

/** An API token as the directory keeps it: never the token itself, only its digest. */
interface StoredToken {
  /** Shown to admins and used to revoke it: the start of the digest, which gives nothing away. */
  id: string;
  digest: string;
  createdAt: number | null;
}

interface StoredUser extends User {
  passwordHash: string | null;
  /** This user's API tokens (older data: bare digests). */
  tokens: (StoredToken | string)[];
  createdAt: number;
  /**
   * Random, new at each creation, password change and role change. Sessions carry the epoch they
   * were opened under: a session from before the change, or from a removed user re-created with the
   * same name, no longer matches. (Older data has none: its sessions end at the first change.)
   */
  epoch?: string;
  /** The most threads this person may have claimed at once (workload balance); absent: the default. */
  claimCap?: number | null;
}

/** What an admin sees of a token: when it was made and last used, never the token. */
export interface TokenInfo {
  id: string;
  createdAt: number | null;
  lastUsedAt: number | null;
}

/** A user as the sessions check them: the public user and its current epoch. */
export interface CurrentUser {
  user: User;
  epoch: string;
}

export interface UserDirectory {
  /**
   * Creates or updates a user; the password (if given) is stored hashed. A new password or a change
   * of roles ends the user's sessions and revokes their tokens (the same password again changes nothing).
   */
  saveUser(name: string, roles: Role[], password?: string): Promise<User>;
  /** A new API token for the user, returned once in clear: only its digest is kept. */
  issueToken(name: string): Promise<string>;
  /** The user's tokens, oldest first (undefined: no such user). */
  listTokens(name: string): Promise<TokenInfo[] | undefined>;
  /** Revokes one token by its id; false when the user has no such token. */
  revokeToken(name: string, id: string): Promise<boolean>;
  removeUser(name: string): Promise<boolean>;
  /** Sets a person's own cap of claimed threads (null: the service's default); false when there is no such user. */
  setClaimCap(name: string, cap: number | null): Promise<boolean>;
  /** The person's own cap (null: none set, the default applies). */
  claimCap(name: string): Promise<number | null>;
  listUsers(): Promise<User[]>;
  getUser(name: string): Promise<User | undefined>;
  /** The user with its epoch, for checking a session (undefined: removed). */
  currentUser(name: string): Promise<CurrentUser | undefined>;
  signIn(name: string, password: string): Promise<CurrentUser | undefined>;
  userForToken(token: string): Promise<User | undefined>;
}

const USERNAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/;
const TOKEN_ID_LENGTH = 12;
// Last use is written at most this often per token and process: a busy integration does not write on every call.
const LAST_USE_EVERY_MS = 60_000;
const publicUser = (u: StoredUser): User => ({ name: u.name, roles: u.roles });
const newEpoch = () => randomBytes(12).toString('base64url');
const tokenOf = (t: StoredToken | string): StoredToken =>
  typeof t === 'string' ? { id: t.slice(0, TOKEN_ID_LENGTH), digest: t, createdAt: null } : t;
const sameRoles = (a: Role[], b: Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/**
 * Users on the service's key/value state (SQLite or Redis, like every instance's), so all instances
 * see the same users. Keys: `user:<name>`, `token:<digest>` -> name, `token-used:<digest>` -> time,
 * `users` -> the list of names. `onChange(name)` runs after a change that may end the user's
 * sessions (the live streams re-check theirs).
 */
export function createUserDirectory(kv: Keyv, onChange: (name: string) => void = () => {}): UserDirectory {
  const load = (name: string) => kv.get<StoredUser>(`user:${name.toLowerCase()}`);
  // A dummy hash, so signing in as an unknown user costs the same time as a wrong password.
  const dummy = hashPassword('not a password');
  const lastUseWritten = new Map<string, number>();
  const dropTokens = (tokens: StoredUser['tokens']) =>
    Promise.all(tokens.map(tokenOf).map((t) => Promise.all([kv.delete(`token:${t.digest}`), kv.delete(`token-used:${t.digest}`)])));

  return {
    async saveUser(name, roles, password) {
      if (!USERNAME.test(name)) throw new Error(`user name "${name}": use letters, digits, ".", "_" or "-" (at most 64)`);
      if (roles.length === 0) throw new Error('a user needs at least one role');
      if (password !== undefined && password.length < MIN_PASSWORD_LENGTH)
        throw new Error(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
      const key = name.toLowerCase();
      const existing = await load(key);
      const unique = [...new Set(roles)];
      // ADMIN_PASSWORD is saved at every start: the same password again must not end the admin's sessions.
      const samePassword = password === undefined || (!!existing?.passwordHash && (await verifyPassword(password, existing.passwordHash)));
      const changed = !existing || !samePassword || !sameRoles(existing.roles, unique);
      const user: StoredUser = {
        name: existing?.name ?? name,
        roles: unique,
        passwordHash: samePassword ? (existing?.passwordHash ?? null) : await hashPassword(password!),
        tokens: changed ? [] : (existing?.tokens ?? []),
        createdAt: existing?.createdAt ?? Date.now(),
        ...(existing?.claimCap !== undefined ? { claimCap: existing.claimCap } : {}),
        ...(changed ? { epoch: newEpoch() } : existing?.epoch !== undefined ? { epoch: existing.epoch } : {}),
      };
      await kv.set(`user:${key}`, user);
      if (existing && changed) await dropTokens(existing.tokens);
      const names = (await kv.get<string[]>('users')) ?? [];
      if (!names.includes(key)) await kv.set('users', [...names, key]);
      if (existing && changed) onChange(key);
      return publicUser(user);
    },
    async issueToken(name) {
      const user = await load(name);
      if (!user) throw new Error(`no user "${name}"`);
      const token = newSecret('frt');
      const digest = secretDigest(token);
      await kv.set(`token:${digest}`, user.name.toLowerCase());
      const stored: StoredToken = { id: digest.slice(0, TOKEN_ID_LENGTH), digest, createdAt: Date.now() };
      await kv.set(`user:${user.name.toLowerCase()}`, { ...user, tokens: [...user.tokens, stored] });
      return token;
    },
    async listTokens(name) {
      const user = await load(name);
      if (!user) return undefined;
      return Promise.all(
        user.tokens
          .map(tokenOf)
          .map(async (t) => ({ id: t.id, createdAt: t.createdAt, lastUsedAt: (await kv.get<number>(`token-used:${t.digest}`)) ?? null })),
      );
    },
    async revokeToken(name, id) {
      const user = await load(name);
      const token = user?.tokens.map(tokenOf).find((t) => t.id === id);
      if (!user || !token) return false;
      await kv.set(`user:${user.name.toLowerCase()}`, { ...user, tokens: user.tokens.filter((t) => tokenOf(t).id !== id) });
      await dropTokens([token]);
      onChange(user.name.toLowerCase());
      return true;
    },
    async removeUser(name) {
      const key = name.toLowerCase();
      const user = await load(key);
      if (!user) return false;
      await dropTokens(user.tokens);
      await kv.delete(`user:${key}`);
      await kv.set(
        'users',
        ((await kv.get<string[]>('users')) ?? []).filter((n) => n !== key),
      );
      onChange(key);
      return true;
    },
    async setClaimCap(name, cap) {
      const user = await load(name);
      if (!user) return false;
      await kv.set(`user:${user.name.toLowerCase()}`, { ...user, claimCap: cap });
      return true;
    },
    async claimCap(name) {
      return (await load(name))?.claimCap ?? null;
    },
    async listUsers() {
      const names = (await kv.get<string[]>('users')) ?? [];
      const users = await Promise.all(names.map(load));
      return users.filter((u): u is StoredUser => !!u).map(publicUser);
    },
    async getUser(name) {
      const user = await load(name);
      return user && publicUser(user);
    },
    async currentUser(name) {
      const user = await load(name);
      return user && { user: publicUser(user), epoch: user.epoch ?? '' };
    },
    async signIn(name, password) {
      const user = USERNAME.test(name) ? await load(name) : undefined;
      if (!user?.passwordHash) {
        await verifyPassword(password, await dummy);
        return undefined;
      }
      return (await verifyPassword(password, user.passwordHash)) ? { user: publicUser(user), epoch: user.epoch ?? '' } : undefined;
    },
    async userForToken(token) {
      const digest = secretDigest(token);
      const name = await kv.get<string>(`token:${digest}`);
      const user = name ? await load(name) : undefined;
      // A revoked token or removed user no longer signs in, even if a stale key survived.
      if (!user?.tokens.some((t) => tokenOf(t).digest === digest)) return undefined;
      const now = Date.now();
      if (now - (lastUseWritten.get(digest) ?? 0) >= LAST_USE_EVERY_MS) {
        lastUseWritten.set(digest, now);
        await kv.set(`token-used:${digest}`, now);
      }
      return publicUser(user);
    },
  };
}
