/** Calendar dates written YYYY-MM-DD, shared by the schema's `date` format and the date rules. */
import { DATE_PATTERN } from './schema';

export const DATE_RE = new RegExp(DATE_PATTERN);

/** A YYYY-MM-DD string as a UTC date, or undefined when it is malformed or not a real day (2026-02-30). */
export function parseIsoDate(text: unknown): Date | undefined {
  if (typeof text !== 'string' || !DATE_RE.test(text)) return undefined;
  // DATE_RE has checked the shape: YYYY-MM-DD, so the fields sit at fixed places.
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : undefined;
}

/** The schema's `date` format: `pattern` reports malformed dates; this only rejects days that do not exist. */
export function date(s: string): boolean {
  return !DATE_RE.test(s) || parseIsoDate(s) !== undefined;
}
