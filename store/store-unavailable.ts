/**
 * The store could not be reached (Redis down or restarting, the SQLite file locked by another
 * process). Carries HTTP 503 (with Retry-After, create-service.ts): a webhook refused this way is
 * delivered again by its platform, and readiness reports the service unavailable.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  readonly statusCode = 503;
  constructor(cause: Error) {
    super(`the store is unavailable, try again later (${cause.message})`, { cause });
  }
}

/** What a 503 for an unavailable store tells the caller to wait before trying again. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The same store, whose methods reject with StoreUnavailableError when `isUnavailable` says the
 * backend could not be reached, so callers fail fast and visibly instead of with a 500.
 */
export function failingAsUnavailable<T extends object>(store: T, isUnavailable: (err: unknown) => boolean): T {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, value] of Object.entries(store)) {
    wrapped[name] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => unknown).apply(wrapped, args);
            } catch (err) {
              throw isUnavailable(err) ? new StoreUnavailableError(err as Error) : err;
            }
          }
        : value;
  }
  return wrapped as T;
}
