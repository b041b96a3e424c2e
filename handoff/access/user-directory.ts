import type Keyv from 'keyv';
import { hashPassword, verifyPassword } from './password-hash.js';
import type { Role, User } from './roles.js';
import { newSecret, secretDigest } from './secret-token.js';

interface StoredUser extends User {
  passwordHash: string | null;
  /** Digests of this user's API tokens. */
  tokens: string[];
  createdAt: number;
}

export interface UserDirectory {
  /** Creates or updates a user; the password (if given) is stored hashed. */
  saveUser(name: string, roles: Role[], password?: string): Promise<User>;
  /** A new API token for the user, returned once in clear: only its digest is kept. */
  issueToken(name: string): Promise<string>;
  removeUser(name: string): Promise<boolean>;
  listUsers(): Promise<User[]>;
  getUser(name: string): Promise<User | undefined>;
  signIn(name: string, password: string): Promise<User | undefined>;
  userForToken(token: string): Promise<User | undefined>;
}

const USERNAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/;
const publicUser = (u: StoredUser): User => ({ name: u.name, roles: u.roles });

/**
 * Users on the service's key/value state (SQLite or Redis, like every instance's), so all instances
 * see the same users. Keys: `user:<name>`, `token:<digest>` -> name, `users` -> the list of names.
 */
export function createUserDirectory(kv: Keyv): UserDirectory {
  const load = (name: string) => kv.get<StoredUser>(`user:${name.toLowerCase()}`);
  // A dummy hash, so signing in as an unknown user costs the same time as a wrong password.
  const dummy = hashPassword('not a password');

  return {
    async saveUser(name, roles, password) {
      if (!USERNAME.test(name)) throw new Error(`user name "${name}": use letters, digits, ".", "_" or "-" (at most 64)`);
      if (roles.length === 0) throw new Error('a user needs at least one role');
      if (password !== undefined && password.length < 10) throw new Error('a password needs at least 10 characters');
      const key = name.toLowerCase();
      const existing = await load(key);
      const user: StoredUser = {
        name: existing?.name ?? name,
        roles: [...new Set(roles)],
        passwordHash: password !== undefined ? await hashPassword(password) : (existing?.passwordHash ?? null),
        tokens: existing?.tokens ?? [],
        createdAt: existing?.createdAt ?? Date.now(),
      };
      await kv.set(`user:${key}`, user);
      const names = (await kv.get<string[]>('users')) ?? [];
      if (!names.includes(key)) await kv.set('users', [...names, key]);
      return publicUser(user);
    },
    async issueToken(name) {
      const user = await load(name);
      if (!user) throw new Error(`no user "${name}"`);
      const token = newSecret('frt');
      const digest = secretDigest(token);
      await kv.set(`token:${digest}`, user.name.toLowerCase());
      await kv.set(`user:${user.name.toLowerCase()}`, { ...user, tokens: [...user.tokens, digest] });
      return token;
    },
    async removeUser(name) {
      const key = name.toLowerCase();
      const user = await load(key);
      if (!user) return false;
      await Promise.all(user.tokens.map((t) => kv.delete(`token:${t}`)));
      await kv.delete(`user:${key}`);
      await kv.set('users', ((await kv.get<string[]>('users')) ?? []).filter((n) => n !== key));
      return true;
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
    async signIn(name, password) {
      const user = USERNAME.test(name) ? await load(name) : undefined;
      if (!user?.passwordHash) {
        await verifyPassword(password, await dummy);
        return undefined;
      }
      return (await verifyPassword(password, user.passwordHash)) ? publicUser(user) : undefined;
    },
    async userForToken(token) {
      const name = await kv.get<string>(`token:${secretDigest(token)}`);
      const user = name ? await load(name) : undefined;
      // A removed token or user no longer signs in, even if a stale key survived.
      return user && user.tokens.includes(secretDigest(token)) ? publicUser(user) : undefined;
    },
  };
}
