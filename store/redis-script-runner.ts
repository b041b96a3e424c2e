import { createHash } from 'node:crypto';
import type { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;
export type ScriptReply = unknown;

/**
 * Runs a Lua script by its SHA (EVALSHA), sending the body only when the server does not know it
 * yet (after a restart or SCRIPT FLUSH).
 */
export function scriptRunner(client: RedisClient) {
  const shas = new Map<string, string>();
  const shaOf = (script: string) => {
    let sha = shas.get(script);
    if (!sha) shas.set(script, (sha = createHash('sha1').update(script).digest('hex')));
    return sha;
  };
  return async function run(script: string, args: (string | number)[]): Promise<ScriptReply> {
    const argv = args.map(String);
    try {
      return await client.sendCommand(['EVALSHA', shaOf(script), '0', ...argv]);
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
      return client.sendCommand(['EVAL', script, '0', ...argv]);
    }
  };
}
