/** Dates on the command line: --today and IMPACT_NOTES_TODAY (YYYY-MM-DD), else the real date (UTC). */
import { InvalidArgumentError } from 'commander';
import { todayUtc } from '../core/engine';
import { UsageError } from './find-pairs';

export const TODAY_ENV = 'IMPACT_NOTES_TODAY';

export function parseDate(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== value) throw new InvalidArgumentError('Use a date as YYYY-MM-DD.');
  return d;
}

/** The --today option, else IMPACT_NOTES_TODAY, else today (UTC). */
export function todayFrom(opt: Date | undefined, env: Record<string, string | undefined>): Date {
  if (opt) return opt;
  const fromEnv = env[TODAY_ENV];
  if (fromEnv) {
    try {
      return parseDate(fromEnv);
    } catch {
      throw new UsageError(`${TODAY_ENV}='${fromEnv}' is not a date as YYYY-MM-DD.`);
    }
  }
  return todayUtc();
}
