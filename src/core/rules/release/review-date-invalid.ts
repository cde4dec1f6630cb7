import { defineReleaseRule } from '../define';
import { asRecord, own, parseIsoDate, planOf } from './common';

const WELL_FORMED = /^\d{4}-\d{2}-\d{2}$/;

/** review.date and review.next must be real days; the review cannot lie in the future; next comes after it. */
export const reviewDateInvalid = defineReleaseRule({
  meta: {
    name: 'review-date-invalid',
    description: "A review date does not exist (2026-02-30), the review is dated in the future, or the next review is not after it.",
    defaultSeverity: 'error',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §3.2.3 (review before release)',
  },
  check(ctx) {
    const plan = planOf(ctx);
    if (!plan) return;
    const review = asRecord(own(asRecord(plan.value), 'review'));
    if (!review) return;
    const dates: Record<'date' | 'next', Date | undefined> = { date: undefined, next: undefined };
    for (const key of ['date', 'next'] as const) {
      const v = own(review, key);
      // Malformed dates ("2026/01/01") are schema-violation's; here only well-formed ones.
      if (typeof v !== 'string' || !WELL_FORMED.test(v)) continue;
      dates[key] = parseIsoDate(v);
      if (!dates[key]) {
        ctx.report({
          message: `'review.${key}' is ${v}, a day that does not exist in the calendar: check the month and day.`,
          file: 'release',
          range: plan.rangeOf(['review', key], 'value'),
        });
      }
    }
    const { date, next } = dates;
    if (date && date.getTime() > ctx.today.getTime()) {
      ctx.report({
        message: `'review.date' (${own(review, 'date')}) is in the future: record a review once it has taken place, and put a planned one under 'review.next'.`,
        file: 'release',
        range: plan.rangeOf(['review', 'date'], 'value'),
      });
    }
    if (date && next && next.getTime() <= date.getTime()) {
      ctx.report({
        message: `'review.next' (${own(review, 'next')}) is not after 'review.date' (${own(review, 'date')}): the next review has to come after the last one.`,
        file: 'release',
        range: plan.rangeOf(['review', 'next'], 'value'),
      });
    }
  },
});
