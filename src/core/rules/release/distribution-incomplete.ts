import { defineReleaseRule } from '../define';
import { checkKindFields, TODO, type KindSpec } from './kind-fields';

/** What each distribution kind needs (SPEC §3; Ovadya & Whittlestone 2019, §3.4). */
export const DISTRIBUTION_SPEC: KindSpec = {
  key: 'distribution',
  group: 'release-distribution',
  purpose: 'who receives it',
  required: { public: [], 'ask-for-access': ['process'], 'safety-levels': ['levels'], 'access-community': ['community'], hosted: [], private: ['reason'] },
  fields: {
    process: { what: 'how access requests are reviewed, by whom and how quickly' },
    levels: {
      what: "the access tiers, each with a 'level' name and 'who' qualifies",
      skeleton: { seq: [{ map: [['level', TODO], ['who', TODO]] }], block: true },
      minItems: 1,
      item: { map: [['level', TODO], ['who', TODO]] },
      itemWhat: "an access tier with a 'level' name and 'who' qualifies",
      itemFields: { level: 'the name of this access level', who: 'who qualifies for this level', access: 'what this level grants' },
    },
    community: { what: 'which community shares access and how its members are vetted' },
    reason: { what: 'why the artifact is withheld' },
  },
  describe: (kind) => (kind === 'private' ? 'the private (withheld) distribution' : `the ${kind} distribution`),
};

/** Every artifact says who receives it, with the fields its distribution kind needs. */
export const distributionIncomplete = defineReleaseRule({
  meta: {
    name: 'distribution-incomplete',
    description:
      'An artifact has no distribution, or its distribution lacks the fields its kind needs (ask-for-access: process; safety-levels: levels; access-community: community; private: reason).',
    defaultSeverity: 'error',
    fixable: true,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §3.4 (release distribution)',
  },
  check(ctx) {
    checkKindFields(ctx, DISTRIBUTION_SPEC);
  },
});
