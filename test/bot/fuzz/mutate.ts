import fc from 'fast-check';

/** A copy of `value` with the field at `path` (dot-separated) set to `to`, or removed when `to` is undefined. */
export function mutate<T>(value: T, path: string, to: unknown): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (to === undefined) delete at[last];
  else at[last] = to;
  return copy as T;
}

/** Values a field should never hold, and some it may: wrong types, empty, huge, odd text, gone. */
export const anyFieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '0',
    '-1',
    '1e400',
    'not a time',
    '\u202Eevil',
    'x FREE GIFT CARDS at https://phish.example/claim -',
    'javascript:alert(1)',
    '9'.repeat(40),
  ),
  fc.constantFrom(null, true, 0, -1, 8800000004, Number.MAX_SAFE_INTEGER, 1.5, [], {}),
  fc.constant(undefined),
);

/** One field of `item` (one of `paths`) replaced by any value: a malformed item, or now and then a valid one. */
export const mutatedItem = <T>(item: T, paths: string[]) =>
  fc.tuple(fc.constantFrom(...paths), anyFieldValue).map(([path, to]) => ({ path, item: mutate(item, path, to) }));
