import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../handoff/access/password-hash.js';
import { createSessions } from '../../../handoff/access/sessions.js';
import { createUserDirectory } from '../../../handoff/access/user-directory.js';

describe('access', () => {
  it('stores passwords as salted scrypt hashes and verifies them', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain('correct');
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('x', 'md5$whatever')).toBe(false);
  });

  it("keeps users with roles, tokens only as digests, and forgets a removed user's tokens", async () => {
    const kv = new Keyv();
    const users = createUserDirectory(kv);
    await expect(users.saveUser('bad name!', ['agent'])).rejects.toThrow(/user name/);
    await expect(users.saveUser('ann', ['agent'], 'short')).rejects.toThrow(/10 characters/);
    await users.saveUser('Ann', ['agent', 'editor'], 'a-long-password');
    expect((await users.signIn('ann', 'a-long-password'))?.user).toEqual({ name: 'Ann', roles: ['agent', 'editor'] });
    expect(await users.signIn('ann', 'wrong-password')).toBeUndefined();
    const token = await users.issueToken('ann');
    expect(JSON.stringify([...(kv.store as Map<string, unknown>).entries()])).not.toContain(token);
    expect((await users.userForToken(token))?.name).toBe('Ann');
    expect(await users.removeUser('ann')).toBe(true);
    expect(await users.userForToken(token)).toBeUndefined();
    // Changing roles keeps the password.
    await users.saveUser('ann', ['agent'], 'a-long-password');
    await users.saveUser('ann', ['admin']);
    expect((await users.signIn('ann', 'a-long-password'))?.user).toEqual({ name: 'ann', roles: ['admin'] });
    expect(await users.removeUser('ann')).toBe(true);
    expect(await users.listUsers()).toEqual([]);
  });

  it('sessions expire at their end time and can be closed', async () => {
    const sessions = createSessions(new Keyv(), 60_000);
    const { id, expiresAt } = await sessions.open({ name: 'ann', epoch: 'e1' }, 1_000);
    expect(expiresAt).toBe(61_000);
    expect((await sessions.find(id, 60_999))?.name).toBe('ann');
    expect(await sessions.find(id, 61_000)).toBeUndefined();
    const second = await sessions.open({ name: 'ann', epoch: 'e1' }, Date.now());
    await sessions.close(second.id);
    expect(await sessions.find(second.id, Date.now())).toBeUndefined();
    expect(await sessions.find('frs_forged', Date.now())).toBeUndefined();
  });
});
