import { loadSettings } from '../../config/settings.js';
import { isRole, type Role } from '../../handoff/access/roles.js';
import { createUserDirectory, type UserDirectory } from '../../handoff/access/user-directory.js';
import { createStore } from '../../store/create-store.js';
import { describeStore } from '../../store/describe-store.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export interface UsersOptions {
  role?: string;
  passwordStdin?: boolean;
  token?: boolean;
}

const when = (at: number | null) => (at === null ? '-' : new Date(at).toISOString());

/**
 * `first-reply users add|list|remove|token|tokens|revoke`: people who sign in to the console, on the service's own
 * store (the settings say which: SQLite in DATA_DIR, or REDIS_URL). Passwords come on stdin, never
 * as arguments (those show in `ps` and shell history); a token is printed once and kept only hashed.
 * A new password, a change of roles or a removal ends the user's sessions and revokes their tokens.
 */
export async function usersCommand(
  args: string[],
  options: UsersOptions,
  out: NodeJS.WritableStream = process.stdout,
  note: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const [action, name, tokenId] = args;
  const settings = loadSettings();
  // Beside a running service: its writes are short, and the CLI serves nobody while it waits.
  const { store, keyv, events } = await createStore(settings, undefined, { busyTimeoutMs: 5000 });
  // Which users these are: a CLI run with other settings than the service's sees another store.
  note.write(
    `first-reply users: store ${describeStore(settings)} (from DATA_DIR, REDIS_URL, FIRST_REPLY_CONFIG, as the service reads them)\n`,
  );
  try {
    // On Redis, the running instances' live streams of this user check their session again at once.
    const pending: Promise<void>[] = [];
    const users = createUserDirectory(keyv('access'), (user) => pending.push(events.publishAccessChange(user)));
    try {
      return await run(users);
    } finally {
      await Promise.all(pending);
    }
  } finally {
    await store.close();
  }

  async function run(users: UserDirectory): Promise<number> {
    if (action === 'list') {
      const all = await users.listUsers();
      for (const u of all) out.write(`${u.name}\t${u.roles.join(',')}\n`);
      if (all.length === 0) note.write('no users in this store\n');
      return 0;
    }
    if (!name) return usage(out);
    if (action === 'add') {
      const roles = (options.role ?? 'agent').split(',').map((r) => r.trim());
      const bad = roles.filter((r) => !isRole(r));
      if (bad.length > 0) throw new Error(`unknown role ${bad.join(', ')}: use agent, editor or admin`);
      if (!options.passwordStdin && !options.token)
        throw new Error('give --password-stdin (the password on standard input) or --token (prints an API token)');
      const password = options.passwordStdin ? await readStdin() : undefined;
      const user = await users.saveUser(name, roles as Role[], password);
      out.write(`saved ${user.name} (${user.roles.join(', ')})\n`);
      if (options.token) out.write(`token (shown once): ${await users.issueToken(name)}\n`);
      return 0;
    }
    if (action === 'token') {
      out.write(`${await users.issueToken(name)}\n`);
      return 0;
    }
    if (action === 'remove') {
      const removed = await users.removeUser(name);
      out.write(removed ? `removed ${name}\n` : `no user ${name}\n`);
      return removed ? 0 : 1;
    }
    if (action === 'tokens') {
      const tokens = await users.listTokens(name);
      if (!tokens) {
        out.write(`no user ${name}\n`);
        return 1;
      }
      out.write('id\tcreated\tlast used\n');
      for (const t of tokens) out.write(`${t.id}\t${when(t.createdAt)}\t${when(t.lastUsedAt)}\n`);
      return 0;
    }
    if (action === 'revoke' && tokenId) {
      const revoked = await users.revokeToken(name, tokenId);
      out.write(revoked ? `revoked token ${tokenId} of ${name}\n` : `${name} has no token ${tokenId}\n`);
      return revoked ? 0 : 1;
    }
    return usage(out);
  }
}

function usage(out: NodeJS.WritableStream): number {
  out.write(
    'usage: first-reply users add <name> [--role agent,editor,admin] (--password-stdin | --token) | list | remove <name> | token <name> | tokens <name> | revoke <name> <token id>\n',
  );
  return 2;
}
