import { isIPv6 } from 'node:net';
import type Keyv from 'keyv';

/**
 * How one kind of counter slows guessing: the first `free` failures wait nothing, then each further
 * attempt waits `baseMs`, twice that, and so on up to `capMs` after the latest failure.
 */
export interface ThrottlePolicy {
  free: number;
  baseMs: number;
  capMs: number;
}

export type ThrottleKind = 'address' | 'address+name' | 'name';

/**
 * Why three counters. Guessing one person's password from one client is slowed by (address, name),
 * soon. Trying many names (spraying) from one client is slowed by the address. Guessing one name from
 * many addresses (a botnet) is slowed by the name alone, but only after many failures and with short
 * delays: that counter is the one an outsider can push for someone else's name, so it never locks
 * (the real user waits seconds at worst, not a quarter of an hour), while the other two only ever
 * slow the client that fails. A correct password clears its (address, name) counter and takes back
 * its own attempt from the others; it does not clear them (an attacker signing in to an account of
 * their own must not win back guesses against others).
 */
export const DEFAULT_POLICIES: Record<ThrottleKind, ThrottlePolicy> = {
  'address+name': { free: 3, baseMs: 1000, capMs: 5 * 60_000 },
  address: { free: 10, baseMs: 1000, capMs: 5 * 60_000 },
  name: { free: 20, baseMs: 1000, capMs: 30_000 },
};

/** A counter is forgotten this long after its latest failure. */
const FORGET_AFTER_MS = 60 * 60_000;

interface Counter {
  failures: number;
  lastFailureAt: number;
}

export type Attempt = { allowed: false; retryAfterMs: number; kind: ThrottleKind } | { allowed: true; succeeded(): Promise<void> };

export interface SignInThrottle {
  /**
   * Before checking a password: refused while any counter of this client or name still waits.
   * Allowed attempts count as failures at once, so a burst of parallel guesses cannot all pass before
   * the first is counted; `succeeded()` takes a correct password's attempt back.
   */
  attempt(address: string, name: string, now: number): Promise<Attempt>;
}

/**
 * Whose failures an address counts: an IPv6 client's /64 (one subscriber's network, in which it may
 * take a new address for every guess), an IPv4 one's own address.
 */
export function clientNetwork(address: string): string {
  const ip = address.replace(/%.*$/, '');
  if (!isIPv6(ip)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = ip.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = tail === undefined ? front : [...front, ...Array(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export const delayAfter = (failures: number, p: ThrottlePolicy) =>
  failures < p.free ? 0 : Math.min(p.capMs, p.baseMs * 2 ** Math.min(failures - p.free, 30));

/**
 * Counters on the service's key/value state (SQLite or Redis), so every instance sharing the store
 * counts the same failures and they survive a restart. Within one process attempts are checked and
 * counted one after the other; across instances the read-then-write may miss a concurrent failure,
 * which only gives an attacker an attempt per instance at the same instant.
 */
export function createSignInThrottle(kv: Keyv, policies: Record<ThrottleKind, ThrottlePolicy> = DEFAULT_POLICIES): SignInThrottle {
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };
  const keysOf = (ip: string, name: string): [ThrottleKind, string][] => {
    const user = name.toLowerCase();
    const address = clientNetwork(ip);
    return [
      ['address+name', `signin:address+name:${address}|${user}`],
      ['address', `signin:address:${address}`],
      ['name', `signin:name:${user}`],
    ];
  };
  const read = async (key: string, now: number): Promise<Counter> => {
    const c = await kv.get<Counter>(key);
    return c && now - c.lastFailureAt < FORGET_AFTER_MS ? c : { failures: 0, lastFailureAt: 0 };
  };

  return {
    attempt(address, name, now) {
      return serially(async () => {
        const keys = keysOf(address, name);
        const counters = await Promise.all(keys.map(([, key]) => read(key, now)));
        let wait: { retryAfterMs: number; kind: ThrottleKind } | undefined;
        keys.forEach(([kind], i) => {
          const c = counters[i]!;
          const retryAfterMs = c.lastFailureAt + delayAfter(c.failures, policies[kind]) - now;
          if (retryAfterMs > 0 && (!wait || retryAfterMs > wait.retryAfterMs)) wait = { retryAfterMs, kind };
        });
        if (wait) return { allowed: false as const, ...wait };
        await Promise.all(
          keys.map(([, key], i) => kv.set(key, { failures: counters[i]!.failures + 1, lastFailureAt: now }, FORGET_AFTER_MS)),
        );
        return {
          allowed: true as const,
          succeeded: () =>
            serially(async () => {
              const [own, ...others] = keys;
              await kv.delete(own![1]);
              await Promise.all(
                others.map(async ([, key], i) => {
                  const c = await read(key, now);
                  if (c.failures === 0) return;
                  const before = counters[i + 1]!;
                  // Back to the time of the failure before ours, unless another failure came since.
                  const lastFailureAt = c.lastFailureAt === now ? before.lastFailureAt : c.lastFailureAt;
                  await (c.failures <= 1 ? kv.delete(key) : kv.set(key, { failures: c.failures - 1, lastFailureAt }, FORGET_AFTER_MS));
                }),
              );
            }),
        };
      });
    },
  };
}
