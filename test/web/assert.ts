/**
 * The part of `node:assert/strict` the tests use, for the web worker (no Node built-ins there).
 * scripts/build.mjs resolves `node:assert` and `node:assert/strict` to this file when it bundles
 * the web tests, so helpers shared with the Node integration tests work unchanged.
 */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function fail(message?: string | Error, fallback = 'Failed'): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => isDeepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isDeepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `Expected a truthy value, got ${show(value)}`);
}

const strict = Object.assign(ok, {
  ok,
  fail: (message?: string | Error): never => fail(message),
  equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
    if (!Object.is(actual, expected)) fail(message, `${show(actual)} !== ${show(expected)}`);
  },
  notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
    if (Object.is(actual, expected)) fail(message, `${show(actual)} === ${show(expected)}`);
  },
  deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
    if (!isDeepEqual(actual, expected)) fail(message, `${show(actual)} does not deep-equal ${show(expected)}`);
  },
  match(actual: string, re: RegExp, message?: string | Error): void {
    if (!re.test(actual)) fail(message, `${show(actual)} does not match ${re}`);
  },
  doesNotMatch(actual: string, re: RegExp, message?: string | Error): void {
    if (re.test(actual)) fail(message, `${show(actual)} matches ${re}`);
  },
  AssertionError,
});

export default strict;
export const { equal, notEqual, deepEqual, match, doesNotMatch } = strict;
export { ok, strict };
