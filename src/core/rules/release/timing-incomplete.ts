import { defineReleaseRule } from '../define';
import { checkKindFields, TODO, type KindSpec } from './kind-fields';

const stage = (when: 'date' | 'after') => ({ map: [['release', TODO], [when, TODO]] as [string, string][] });

/** What each release timing needs (SPEC §3; Ovadya & Whittlestone 2019, §3.4). */
export const TIMING_SPEC: KindSpec = {
  key: 'timing',
  group: 'release-timing',
  purpose: 'when it goes out',
  required: { immediate: [], timed: ['date'], periodic: ['every', 'next'], evented: ['event'], staged: ['stages'], withheld: ['reason'] },
  fields: {
    date: { what: 'the release date, as YYYY-MM-DD' },
    every: { what: 'how often the decision is revisited (such as "6 months")' },
    next: { what: 'the date of the next evaluation, as YYYY-MM-DD' },
    event: { what: 'the outside event the release waits for (such as "another lab publishes the same capability")' },
    reason: { what: 'why the artifact is kept back with no release condition' },
    stages: {
      what: 'at least two stages, each saying what goes out and its date (or the event it waits for, with after:)',
      skeleton: { seq: [stage('date'), stage('after')], block: true },
      minItems: 2,
      item: stage('after'),
      itemWhat: "another stage, saying what goes out and its date (or, with 'after', the event it waits for)",
      itemFields: {
        release: 'what goes out at this stage (such as "small model")',
        date: "the stage's date as YYYY-MM-DD, or replace 'date' with 'after' and the event it waits for",
        after: 'the event this stage waits for, or replace it with a date',
      },
    },
  },
  describe: (kind) => (kind === 'periodic' ? 'the periodic evaluation' : kind === 'withheld' ? 'the withheld timing' : `the ${kind} release`),
};

/** Every artifact says when it goes out, with the fields its timing kind needs. */
export const timingIncomplete = defineReleaseRule({
  meta: {
    name: 'timing-incomplete',
    description:
      'An artifact has no timing, or its timing lacks the fields its kind needs (timed: date; periodic: every and next; evented: event; staged: two or more stages; withheld: reason).',
    defaultSeverity: 'error',
    fixable: true,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §3.4 (release timing)',
  },
  check(ctx) {
    checkKindFields(ctx, TIMING_SPEC);
  },
});
