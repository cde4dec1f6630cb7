import { defineReleaseRule } from '../define';
import { asRecord, own, parseIsoDate, planOf } from './common';

const DAY = 86_400_000;

/** The next review of the assessment was due before today. */
export const reviewOverdue = defineReleaseRule({
  meta: {
    name: 'review-overdue',
    description: "The next review of the assessment ('review.next') was due before today.",
    defaultSeverity: 'warning',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §3.2.3 (continuous evaluation)',
  },
  check(ctx) {
    const plan = planOf(ctx);
    if (!plan) return;
    const next = own(asRecord(own(asRecord(plan.value), 'review')), 'next');
    const due = parseIsoDate(next);
    if (!due || due.getTime() >= ctx.today.getTime()) return;
    const days = Math.round((ctx.today.getTime() - due.getTime()) / DAY);
    ctx.report({
      message: `The next review was due on ${next} (${days} ${days === 1 ? 'day' : 'days'} ago): review the assessment again, then update 'review.date' and 'review.next'.`,
      file: 'release',
      range: plan.rangeOf(['review', 'next'], 'value'),
      data: { daysOverdue: days },
    });
  },
});
