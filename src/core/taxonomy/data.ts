/**
 * The taxonomy of Impact Notes: hazard types, paths to harm, release options, safeguards and the
 * IMPACT.md section list (SPEC §1 and §2). This is the one data module that rules, the release.yaml
 * schema, snippets, hover help, tree labels and docs/taxonomy.md are built from, so adding a factor
 * or an alias is a one-place change.
 *
 * Main source: Ovadya & Whittlestone (2019), "Reducing malicious use of synthetic media research"
 * (section numbers below follow that paper). Who is harmed and the defensive contributions come from
 * Diakopoulos & Johnson's CACM column "What To Do About Deepfakes". Every label, definition, question
 * and rating hint here is written in the project's own words; `source` says where the idea comes from.
 *
 * Pure data: no `vscode` import, no runtime dependencies. The lookups (by id, label or alias, and
 * by heading) are in lookup.ts; `../taxonomy` gives both.
 */

export type GroupId =
  | 'hazard-type'
  | 'path-to-harm'
  | 'ratchet-position'
  | 'indirect-harm'
  | 'withholding-limit'
  | 'release-content'
  | 'release-timing'
  | 'release-distribution'
  | 'safeguard'
  | 'safeguard-status'
  | 'safeguard-enforcement'
  | 'artifact-purpose'
  | 'review-level'
  | 'harmed-party'
  | 'defensive-contribution'
  | 'rating'
  | 'modality';

export type PathStageId = 'awareness' | 'deployment' | 'sustained-use';

export interface RatingGuide {
  low: string;
  medium: string;
  high: string;
}

export interface Term {
  /** Stable kebab-case id from SPEC §1; used in release.yaml, rule messages and exports. */
  id: string;
  group: GroupId;
  /** Short Title Case label, e.g. "Slottability". */
  label: string;
  /** One sentence, in the project's own words. */
  definition: string;
  /** Citation, e.g. "Ovadya & Whittlestone 2019, §2.2 (2)". */
  source: string;
  /** Other spellings a user might write in IMPACT.md or YAML, lower-case. */
  aliases?: string[];
  /** What the guided assessment asks about this term (one sentence). */
  question?: string;
  /** Path-to-harm factors only: the stage of the path the factor belongs to. */
  stage?: PathStageId;
  /**
   * Path-to-harm factors only: what each rating means for this factor. Throughout, a higher rating
   * means the factor makes the path to harm easier (more risk), so "high reproducibility" and
   * "high slottability" both point toward caution.
   */
  ratingGuide?: RatingGuide;
}

export interface Group {
  id: GroupId;
  label: string;
  source: string;
  description: string;
  terms: readonly Term[];
}

const OW = 'Ovadya & Whittlestone 2019';
const CACM = 'CACM, What To Do About Deepfakes';

type TermInput = Omit<Term, 'group'>;

function defineTerms(group: GroupId, input: readonly TermInput[]): readonly Term[] {
  return Object.freeze(
    input.map((t) => {
      const term: Term = { ...t, group };
      if (term.aliases) Object.freeze(term.aliases);
      if (term.ratingGuide) Object.freeze(term.ratingGuide);
      return Object.freeze(term);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// §2.1 Hazard types
// ---------------------------------------------------------------------------------------------

export const HAZARD_TYPES = defineTerms('hazard-type', [
  {
    id: 'product',
    label: 'Product Hazard',
    definition:
      'The work yields software that someone could aim at a harmful goal and use as it stands, without building anything themselves.',
    source: `${OW}, §2.1`,
    aliases: ['product hazard', 'product hazards', 'software hazard'],
    question:
      'Could the code, model or demo you release be put to harmful use directly, by someone with little or no technical skill?',
  },
  {
    id: 'data',
    label: 'Data Hazard',
    definition:
      'The work spreads detailed information or artifacts, such as models, datasets, code or recipes, that a technically able adversary could turn toward harm.',
    source: `${OW}, §2.1`,
    aliases: ['data hazard', 'data hazards'],
    question:
      'Do the details, data, weights or code you publish hand a moderately skilled adversary most of what they need to build a harmful tool?',
  },
  {
    id: 'attention',
    label: 'Attention Hazard',
    definition:
      'The work draws notice to an idea or capability, so adversaries who had not thought of it learn that it could serve their aims.',
    source: `${OW}, §2.1`,
    aliases: ['attention hazard', 'attention hazards', 'awareness hazard'],
    question:
      'Could announcing or publicising this result show would-be abusers a use for it that they had not yet considered?',
  },
]);

// ---------------------------------------------------------------------------------------------
// §2.2 Path to harm: nine factors in three stages
// ---------------------------------------------------------------------------------------------

export const PATH_TO_HARM = defineTerms('path-to-harm', [
  // (1) Awareness
  {
    id: 'adversary-attention',
    label: 'Adversary Attention',
    stage: 'awareness',
    definition:
      'How likely people with harmful aims are to notice the capability and see that it serves their goals, especially if they already use related methods.',
    source: `${OW}, §2.2 (1)`,
    aliases: ['attention of adversaries', 'adversarial attention', 'adversary awareness', 'attention'],
    question:
      'Are people who might misuse this already working with related methods, and how likely are they to notice this advance?',
    ratingGuide: {
      low: 'No sign that abusers use related techniques or follow this line of work.',
      medium: 'Related methods see occasional misuse; the result could reach abusers.',
      high: 'Abusers already rely on close relatives of this method and watch for improvements.',
    },
  },
  {
    id: 'convincibility',
    label: 'Convincibility',
    stage: 'awareness',
    definition:
      'How easily someone keen to misuse the capability could persuade whoever controls money or staff that it works well enough to invest in.',
    source: `${OW}, §2.2 (1)`,
    aliases: ['convincibility of those with resources', 'convincibility of resource holders', 'convincability'],
    question:
      'Would your results, press coverage or expert endorsements help a would-be abuser win backing from the people who hold the resources?',
    ratingGuide: {
      low: 'Evidence that it works is weak or hard for outsiders to judge.',
      medium: 'Results convince specialists but are not widely publicised.',
      high: 'Striking, authoritative demonstrations make the case for investment by themselves.',
    },
  },
  // (2) Deployment
  {
    id: 'talent-pipeline',
    label: 'Talent Pipeline',
    stage: 'deployment',
    definition:
      'How hard it is for an adversary to find someone with the skills needed to put the capability to their intended use.',
    source: `${OW}, §2.2 (2)`,
    aliases: ['talent pipelines', 'talent', 'skill required', 'required skill', 'required skills', 'expertise required'],
    question: 'What skills would someone need to misuse this: ML research, ordinary programming, or none at all?',
    ratingGuide: {
      low: 'Applying it takes scarce ML research expertise.',
      medium: 'A competent programmer could apply it by following the documentation.',
      high: 'Anyone can use it directly, without specialist help.',
    },
  },
  {
    id: 'reproducibility',
    label: 'Reproducibility',
    stage: 'deployment',
    definition:
      'How readily others could rebuild the capability from what is made available, such as the paper, code, weights and data.',
    source: `${OW}, §2.2 (2)`,
    aliases: ['reproducible', 'replicability', 'replicable', 'ease of reproduction'],
    question: 'Given everything you plan to publish, how much effort would it take someone else to recreate the capability?',
    ratingGuide: {
      low: 'Key ingredients stay private; rebuilding would take a capable team months.',
      medium: 'A skilled practitioner could replicate it in weeks from the paper and partial artifacts.',
      high: 'Released code and weights make replication a matter of hours or days.',
    },
  },
  {
    id: 'modifiability',
    label: 'Modifiability',
    stage: 'deployment',
    definition:
      'How easily the system can be altered, or its built-in limits such as consent checks and watermarks removed, so that it serves a harmful purpose.',
    source: `${OW}, §2.2 (2)`,
    aliases: ['modifiable', 'adaptability', 'repurposability'],
    question: 'How hard would it be to strip out the safeguards of what you release, or to adapt the system for abuse?',
    ratingGuide: {
      low: 'Safeguards are robust and the system is hard to repurpose.',
      medium: 'Repurposing it or bypassing its limits takes real engineering effort.',
      high: 'Limits can be switched off or fine-tuned away with little effort.',
    },
  },
  {
    id: 'slottability',
    label: 'Slottability',
    stage: 'deployment',
    definition:
      'How smoothly the capability fits into harmful operations or tools that adversaries already run, without any change to their goals or methods.',
    source: `${OW}, §2.2 (2)`,
    aliases: ['slottable', 'fit with existing processes'],
    question:
      'Could existing abusive operations, such as scam call centres or fake-account farms, adopt this without changing how they work?',
    ratingGuide: {
      low: 'Adopting it would need new workflows or infrastructure.',
      medium: 'It fits some existing operations after adaptation.',
      high: 'It drops into established abusive workflows unchanged.',
    },
  },
  {
    id: 'environment',
    label: 'Environment',
    stage: 'deployment',
    definition:
      'How surrounding infrastructure, platforms and rules make the capability more or less useful to an adversary, for example how easily caller ID can be faked.',
    source: `${OW}, §2.2 (2)`,
    aliases: ['environmental factors', 'environmental factor', 'environmental', 'infrastructure', 'environment factors'],
    question:
      'Does the surrounding infrastructure, such as platforms, telephone networks, law and verification habits, make misuse of this capability easier or harder?',
    ratingGuide: {
      low: 'Current infrastructure blunts misuse, for example through strong identity or provenance checks.',
      medium: 'Some gaps exist that an adversary could exploit.',
      high: 'Existing gaps, such as easy spoofing or weak moderation, amplify misuse.',
    },
  },
  // (3) Sustained use
  {
    id: 'actual-roi',
    label: 'Actual ROI',
    stage: 'sustained-use',
    definition:
      'Whether misuse would really pay off for adversaries once its costs and risks, such as detection and takedown, are counted.',
    source: `${OW}, §2.2 (3)`,
    aliases: ['actual return on investment', 'return on investment', 'roi', 'real roi'],
    question: 'Once the costs and the chance of being caught are counted, would misuse actually pay off for an adversary?',
    ratingGuide: {
      low: 'Misuse is easy to spot or costly, so it would soon be abandoned.',
      medium: 'Misuse pays off in some settings but carries real risk.',
      high: 'Misuse is cheap, hard to detect and clearly profitable.',
    },
  },
  {
    id: 'assessed-roi',
    label: 'Assessed ROI',
    stage: 'sustained-use',
    definition:
      'Whether adversaries can tell that the capability is improving their results, which decides whether they keep investing in it.',
    source: `${OW}, §2.2 (3)`,
    aliases: ['assessment of roi', 'roi assessment', 'assessed return on investment', 'measurability'],
    question: 'Could an adversary measure whether using this helps them, and so justify continuing to invest in it?',
    ratingGuide: {
      low: 'The effects of misuse are hard to observe or measure.',
      medium: 'Adversaries get partial or delayed feedback.',
      high: 'Success shows at once (money arrives, posts spread), so adversaries can tune and scale.',
    },
  },
]);

export interface PathStage {
  id: PathStageId;
  label: string;
  source: string;
  /** What the stage asks, one sentence in the project's words. */
  question: string;
  factors: readonly Term[];
}

const stageFactors = (stage: PathStageId) => Object.freeze(PATH_TO_HARM.filter((t) => t.stage === stage));

/** The three stages of the path to harm, in order, each with its factors in SPEC order. */
export const PATH_STAGES: readonly PathStage[] = Object.freeze([
  Object.freeze({
    id: 'awareness' as const,
    label: 'Awareness',
    source: `${OW}, §2.2 (1)`,
    question: 'Do people with harmful aims know about the capability, and do they think it would help them?',
    factors: stageFactors('awareness'),
  }),
  Object.freeze({
    id: 'deployment' as const,
    label: 'Deployment',
    source: `${OW}, §2.2 (2)`,
    question: 'How much would it cost an adversary to turn the capability into a working tool for harm?',
    factors: stageFactors('deployment'),
  }),
  Object.freeze({
    id: 'sustained-use' as const,
    label: 'Sustained Use',
    source: `${OW}, §2.2 (3)`,
    question: 'Once deployed, would misuse continue at a scale that does real damage?',
    factors: stageFactors('sustained-use'),
  }),
]);

// ---------------------------------------------------------------------------------------------
// §2.3 Access ratchet (ordered from least to most advanced)
// ---------------------------------------------------------------------------------------------

export const RATCHET_POSITIONS = defineTerms('ratchet-position', [
  {
    id: 'no-known-interest',
    label: 'No Known Interest',
    definition: 'The capability exists, but nothing suggests that anyone with harmful aims is paying attention to it yet.',
    source: `${OW}, §2.3`,
    aliases: ['no interest', 'none', 'theoretical', 'unnoticed', 'not yet noticed'],
    question: 'Is there no sign that people with harmful aims are looking at this capability or its close relatives?',
  },
  {
    id: 'attention',
    label: 'Attention',
    definition: 'Adversaries are showing interest in the capability, but nobody has yet turned it into a usable tool for harm.',
    source: `${OW}, §2.3`,
    aliases: ['interest', 'attention and interest', 'noticed'],
    question: 'Have abusers started discussing or experimenting with this kind of capability without yet having a working tool?',
  },
  {
    id: 'weaponized',
    label: 'Weaponized',
    definition: 'A working tool that puts the capability to harmful use exists, although it is not yet in widespread, ongoing use.',
    source: `${OW}, §2.3`,
    aliases: ['weaponised', 'productized', 'productised'],
    question: 'Does a working tool for misusing this capability already exist, even if few people use it?',
  },
  {
    id: 'sustained-use',
    label: 'Sustained Use',
    definition: 'Adversaries use the capability repeatedly and at scale because it pays off, which makes the harm hard to roll back.',
    source: `${OW}, §2.3`,
    aliases: ['sustained', 'sustained misuse', 'in use', 'widespread use', 'scaled use'],
    question: 'Is this capability already being misused regularly and at scale?',
  },
]);

// ---------------------------------------------------------------------------------------------
// §2.4 Indirect harms
// ---------------------------------------------------------------------------------------------

export const INDIRECT_HARMS = defineTerms('indirect-harm', [
  {
    id: 'disinformation-ratchet',
    label: 'Disinformation Ratchet',
    definition:
      'A feedback loop in which actors use disinformation to gain power or reach, then use that reach to spread still more disinformation.',
    source: `${OW}, §2.4`,
    aliases: ['misinformation ratchet'],
    question:
      'Could this capability help someone turn disinformation into influence that then lets them spread more of it and weaken counter-measures?',
  },
  {
    id: 'path-dependency',
    label: 'Sociotechnical Path Dependency',
    definition:
      'A slow, indirect effect in which the technology bends how society or later technology develops, leaving us less able to handle future threats.',
    source: `${OW}, §2.4`,
    aliases: [
      'path dependency',
      'path dependence',
      'path dependencies',
      'sociotechnical path dependency',
      'sociotechnical path dependencies',
    ],
    question:
      'Could widespread use of this capability lock in changes to media, platforms or later technology that make future harms harder to address?',
  },
]);

// ---------------------------------------------------------------------------------------------
// §3.1 Limits of withholding
// ---------------------------------------------------------------------------------------------

export const WITHHOLDING_LIMITS = defineTerms('withholding-limit', [
  {
    id: 'composition',
    label: 'Composition Problem',
    definition: 'Separate results that each look harmless can be combined into something that enables serious misuse.',
    source: `${OW}, §3.1`,
    aliases: ['composition problem', 'composability'],
  },
  {
    id: 'slow-drip',
    label: 'Slow-Drip Problem',
    definition:
      'Progress arrives in small continuous steps, so there is rarely an obvious point where work crosses from safe to dangerous.',
    source: `${OW}, §3.1`,
    aliases: ['slow drip problem', 'slow-drip problem', 'incremental progress'],
  },
  {
    id: 'conflation',
    label: 'Conflation Problem',
    definition:
      'The central goals of a research field can themselves be harmful once reached, so useful and harmful progress cannot be cleanly separated.',
    source: `${OW}, §3.1`,
    aliases: ['conflation problem', 'inherent dual use'],
  },
  {
    id: 'defector',
    label: 'Defector Problem',
    definition:
      'Restraint agreed by some groups can be undercut by others who ignore it and gain an advantage by building or publishing anyway.',
    source: `${OW}, §3.1`,
    aliases: ['defector problem', 'defection', 'defectors'],
  },
]);

// ---------------------------------------------------------------------------------------------
// §3.4 Release options: content, timing, distribution
// ---------------------------------------------------------------------------------------------

export const RELEASE_CONTENT = defineTerms('release-content', [
  {
    id: 'runnable-system',
    label: 'Runnable System',
    definition:
      'A complete system that people can run or use directly, such as an app, hosted demo or API, at whatever strength the authors choose.',
    source: `${OW}, §3.4`,
    aliases: ['fully runnable system', 'runnable', 'demo', 'hosted demo', 'app', 'application', 'api', 'service'],
  },
  {
    id: 'modifiable-system',
    label: 'Modifiable System',
    definition: 'A system released in a form that others can adapt or extend, with the degree of adaptability set by the releaser.',
    source: `${OW}, §3.4`,
    aliases: ['modifiable', 'toolkit', 'sdk'],
  },
  {
    id: 'source-code',
    label: 'Source Code',
    definition: 'The code that trains or runs the method, which may be a partial or earlier version rather than the full system.',
    source: `${OW}, §3.4`,
    aliases: ['code', 'source', 'training code', 'inference code', 'implementation', 'repository', 'repo'],
  },
  {
    id: 'training-data',
    label: 'Training Data',
    definition: 'The data the system learned from, which may go out in full, as a sample or as a reduced subset.',
    source: `${OW}, §3.4`,
    aliases: ['data', 'dataset', 'datasets', 'training set', 'corpus'],
  },
  {
    id: 'trained-model',
    label: 'Trained Model',
    definition:
      'Learned weights or checkpoints, which differ in strength, in how easily they can be fine-tuned and in how much data adapting them needs.',
    source: `${OW}, §3.4`,
    aliases: ['model', 'models', 'weights', 'model weights', 'checkpoint', 'checkpoints', 'pretrained model', 'pre-trained model'],
  },
  {
    id: 'paper',
    label: 'Paper',
    definition: 'A written account of the method or idea, at whatever level of detail the authors decide to share.',
    source: `${OW}, §3.4`,
    aliases: ['paper/concept', 'concept', 'preprint', 'publication', 'article', 'write-up'],
  },
  {
    id: 'samples',
    label: 'Generated Samples',
    definition:
      'Examples of what the method produces, such as audio clips, images or videos on a demo page, released without the system that made them.',
    source: `Impact Notes; output of the runnable system of ${OW}, §3.4`,
    aliases: ['sample', 'generated samples', 'output samples', 'sample outputs', 'audio samples', 'demo samples'],
  },
  {
    id: 'harmful-use-cases',
    label: 'Harmful Use Cases',
    definition: 'Descriptions of how the work could be misused, which help defenders prepare but can also give attackers ideas.',
    source: `${OW}, §3.4`,
    aliases: ['harmful use case ideas', 'harmful use case', 'misuse cases', 'misuse scenarios', 'abuse cases'],
  },
]);

export const RELEASE_TIMING = defineTerms('release-timing', [
  {
    id: 'immediate',
    label: 'Immediate',
    definition: 'Everything goes out as soon as it is ready, usually together with the paper.',
    source: `${OW}, §3.4`,
    aliases: ['immediate release', 'immediately', 'now', 'at publication', 'on publication'],
  },
  {
    id: 'timed',
    label: 'Timed',
    definition: 'Release is fixed for a set future date so that defences can be prepared first, much as in security disclosure.',
    source: `${OW}, §3.4`,
    aliases: ['timed release', 'embargo', 'embargoed', 'scheduled', 'delayed', 'delayed release'],
  },
  {
    id: 'periodic',
    label: 'Periodic Evaluation',
    definition:
      'Release is held back and the decision revisited at fixed intervals, weighing the remaining risk against progress on mitigations.',
    source: `${OW}, §3.4`,
    aliases: ['periodic evaluation', 'periodic review', 'periodic re-evaluation', 'reassessment'],
  },
  {
    id: 'evented',
    label: 'Evented',
    definition:
      'Release waits for a named outside event, such as another group independently reproducing or publicising the same capability.',
    source: `${OW}, §3.4`,
    aliases: ['evented release', 'event', 'event-triggered', 'triggered', 'on event'],
  },
  {
    id: 'staged',
    label: 'Staged',
    definition: 'Increasingly capable versions go out one after another, on a schedule or when agreed conditions are met.',
    source: `${OW}, §3.4`,
    aliases: ['staged release', 'phased', 'phased release', 'gradual', 'gradual release', 'incremental release'],
  },
  {
    id: 'withheld',
    label: 'Withheld',
    definition:
      'The artifact is kept back with no date, event or schedule for its release; the plan records why, and a later decision may change it.',
    source: `Impact Notes; the choice not to release, weighed in ${OW}, §3.1 and §3.4`,
    aliases: ['withhold', 'held back', 'not released', 'no release', 'indefinitely withheld', 'kept back'],
  },
]);

export const RELEASE_DISTRIBUTION = defineTerms('release-distribution', [
  {
    id: 'public',
    label: 'Public',
    definition: 'Anyone can obtain the artifact, with more or less publicity around its availability.',
    source: `${OW}, §3.4`,
    aliases: ['public access', 'public release', 'open', 'open access', 'open release'],
  },
  {
    id: 'ask-for-access',
    label: 'Ask for Access',
    definition: 'People request the artifact and are approved one by one, possibly with conditions on how they may use it.',
    source: `${OW}, §3.4`,
    aliases: ['on request', 'upon request', 'by request', 'request access', 'gated', 'gated access'],
  },
  {
    id: 'safety-levels',
    label: 'Safety Levels',
    definition:
      'People or organisations are vetted and certified for a safety level, which then grants them everything classified at that level.',
    source: `${OW}, §3.4`,
    aliases: ['release safety levels', 'safety level', 'tiered access', 'certified access'],
  },
  {
    id: 'access-community',
    label: 'Access Community',
    definition: 'An informally formed group of trusted researchers shares a repository that every member can reach.',
    source: `${OW}, §3.4`,
    aliases: ['access communities', 'trusted community', 'trusted researchers', 'consortium'],
  },
  {
    id: 'hosted',
    label: 'Hosted',
    definition:
      'People use the system only through the releaser\'s own service or API and never receive the model or code, so the releaser can watch, limit or stop use.',
    source: `Impact Notes; between withholding and the releases of ${OW}, §3.4`,
    aliases: ['hosted service', 'hosted api', 'api only', 'api access', 'service only', 'web service', 'hosted only'],
  },
  {
    id: 'private',
    label: 'Private',
    definition: 'The artifact is withheld: it stays with its authors and nobody outside the team receives it.',
    source: `Impact Notes; the withheld case of ${OW}, §3.4`,
    aliases: ['withheld', 'not released', 'unreleased', 'internal', 'internal only', 'closed', 'none'],
  },
]);

// ---------------------------------------------------------------------------------------------
// §3.4 Synthetic-media safeguards
// ---------------------------------------------------------------------------------------------

export const SAFEGUARDS = defineTerms('safeguard', [
  {
    id: 'consent',
    label: 'Consent',
    definition: 'The system imitates a person only after that person has agreed, for instance by recording a phrase it asks for.',
    source: `${OW}, §3.4`,
    aliases: ['subject consent', 'consent of subjects', 'consent check', 'consent verification'],
  },
  {
    id: 'detectability',
    label: 'Detectability',
    definition: 'The system makes no attempt to evade detectors, so its output stays recognisable as synthetic.',
    source: `${OW}, §3.4`,
    aliases: ['detectable', 'detection-friendly'],
  },
  {
    id: 'watermarking',
    label: 'Watermarking',
    definition: 'Output carries embedded information saying that it was generated or altered, and possibly what the original was.',
    source: `${OW}, §3.4`,
    aliases: ['watermark', 'watermarks', 'watermarked', 'content credentials', 'c2pa', 'provenance metadata'],
  },
  {
    id: 'referenceability',
    label: 'Referenceability',
    definition: 'Every generated or altered output is logged in a central store so that it can later be looked up and checked.',
    source: `${OW}, §3.4`,
    aliases: ['referenceable', 'reference log', 'central registry', 'generation log', 'output registry'],
  },
  {
    id: 'synthesis-constraints',
    label: 'Synthesis Constraints',
    definition: 'The system is limited in what it will produce, for example only pre-approved faces or voices.',
    source: `${OW}, §3.4`,
    aliases: ['constraints on synthesis', 'synthesis constraint', 'constrained synthesis', 'restricted synthesis', 'allow-list'],
  },
]);

/** How far a safeguard has got. Only `implemented` protects anything; see `protects` in the rubric. */
export const SAFEGUARD_STATUSES = defineTerms('safeguard-status', [
  {
    id: 'implemented',
    label: 'Implemented',
    definition: 'The safeguard is in place for what is released.',
    source: `${OW}, §3.4`,
    aliases: ['done', 'in place', 'active', 'yes'],
  },
  {
    id: 'planned',
    label: 'Planned',
    definition: 'The safeguard will be built but is not in place yet, so it protects nothing today; give a due date.',
    source: `${OW}, §3.4`,
    aliases: ['in progress', 'upcoming'],
  },
  {
    id: 'not-implemented',
    label: 'Not Implemented',
    definition:
      'The safeguard would apply to this work but was not built, so it counts as no protection in every rubric rule; the reason says why.',
    source: `Impact Notes; the safeguards of ${OW}, §3.4`,
    aliases: ['not implemented', 'unimplemented', 'not done', 'missing', 'absent', 'omitted', 'skipped', 'declined'],
  },
  {
    id: 'not-applicable',
    label: 'Not Applicable',
    definition: 'The safeguard does not fit this work at all (for example consent checks for a text model); the reason says why.',
    source: `${OW}, §3.4`,
    aliases: ['n/a', 'na', 'not applicable', 'does not apply', 'irrelevant'],
  },
]);

/**
 * Where a safeguard is enforced. A check that lives in released code protects only as long as
 * nobody edits the code, which is what a high Modifiability rating says someone will do.
 */
export const SAFEGUARD_ENFORCEMENT = defineTerms('safeguard-enforcement', [
  {
    id: 'released-code',
    label: 'Released Code',
    definition: 'The safeguard runs inside code or weights that recipients hold, such as a watermark the open inference script adds; whoever has the code can remove it.',
    source: `${OW}, §2.2 (2) (modifiability) and §3.4`,
    aliases: ['code', 'in code', 'open code', 'client side', 'client-side', 'local'],
  },
  {
    id: 'hosted-service',
    label: 'Hosted Service',
    definition: 'The safeguard runs on the releaser\'s own servers, so users of the service cannot switch it off.',
    source: `${OW}, §3.4`,
    aliases: ['service', 'server', 'server side', 'server-side', 'api', 'hosted'],
  },
  {
    id: 'access-process',
    label: 'Access Process',
    definition: 'The safeguard is a condition checked before access is granted, such as a reviewed request or a vetted community.',
    source: `${OW}, §3.4 (release distribution)`,
    aliases: ['access review', 'gating', 'gate', 'vetting', 'application review'],
  },
  {
    id: 'license',
    label: 'License',
    definition: 'The safeguard is a term of a licence or use policy that recipients accept; it binds those who keep agreements and stops nobody else.',
    source: `Impact Notes; the terms of use of ${OW}, §3.4`,
    aliases: ['licence', 'terms', 'terms of use', 'use policy', 'acceptable use policy', 'aup'],
  },
  {
    id: 'other',
    label: 'Other',
    definition: 'Enforced some other way; the detail says how.',
    source: 'Impact Notes',
    aliases: ['elsewhere'],
  },
]);

/** Why an artifact is released, when that changes how the rubric reads it. */
export const ARTIFACT_PURPOSES = defineTerms('artifact-purpose', [
  {
    id: 'defense',
    label: 'Defense',
    definition:
      'The artifact is released to help defenders, such as a detector, a detection dataset or a verification tool; withdrawal and caution rules do not apply to it.',
    source: `${CACM} (verification, subject defense)`,
    aliases: ['defence', 'defensive', 'detection', 'detector', 'verification'],
  },
]);

// ---------------------------------------------------------------------------------------------
// §3.2.3 Review level, by analogy with institutional review boards (ordered exempt < expedited < full)
// ---------------------------------------------------------------------------------------------

export const REVIEW_LEVELS = defineTerms('review-level', [
  {
    id: 'exempt',
    label: 'Exempt',
    definition: 'Risk is judged minimal, so once that judgement is recorded the work needs no further review.',
    source: `${OW}, §3.2.3`,
    aliases: ['exempt review', 'exemption', 'minimal risk'],
  },
  {
    id: 'expedited',
    label: 'Expedited',
    definition: 'Risk is a little above minimal, so a quicker review by one or a few qualified reviewers is enough.',
    source: `${OW}, §3.2.3`,
    aliases: ['expedited review', 'light review', 'fast track', 'fast-track'],
  },
  {
    id: 'full',
    label: 'Full Review',
    definition:
      'Work above the expedited threshold goes to a full panel that brings both technical expertise and knowledge of the affected communities.',
    source: `${OW}, §3.2.3`,
    aliases: ['full review', 'full board', 'full board review', 'complete review'],
  },
]);

// ---------------------------------------------------------------------------------------------
// CACM: who is harmed, and how researchers can help defend
// ---------------------------------------------------------------------------------------------

export const HARMED_PARTIES = defineTerms('harmed-party', [
  {
    id: 'viewers',
    label: 'Viewers',
    definition: 'People who encounter synthetic media and are deceived, misled or intimidated by what they see, hear or read.',
    source: CACM,
    aliases: ['viewer', 'audience', 'audiences', 'listeners', 'readers', 'consumers', 'recipients'],
    question: 'Could people who see, hear or read output of this method be fooled or frightened by it?',
  },
  {
    id: 'subjects',
    label: 'Subjects',
    definition:
      'People whose likeness or voice is used without their agreement, exposing them to reputational damage, exploitation or threats.',
    source: CACM,
    aliases: ['subject', 'depicted people', 'people depicted', 'depicted persons', 'impersonated people', 'targets'],
    question:
      'Could people whom this method depicts or imitates lose control of their likeness or voice, or suffer damage to their reputation?',
  },
  {
    id: 'society',
    label: 'Society',
    definition: 'Shared institutions, and public confidence in news, elections and evidence, which wear away as deceptive media spreads.',
    source: CACM,
    aliases: ['societal', 'the public', 'public', 'institutions', 'social institutions'],
    question: 'Could widespread use of this method weaken trust in institutions such as journalism, courts or elections?',
  },
]);

export const DEFENSIVE_CONTRIBUTIONS = defineTerms('defensive-contribution', [
  {
    id: 'detection-guidance',
    label: 'Detection Guidance',
    definition:
      'Publishing how output of a new synthesis method can be recognised, giving audiences and fact-checkers a basis for judging what they encounter.',
    source: `${CACM} (education and media literacy)`,
    aliases: ['media literacy', 'education and media literacy', 'how to detect', 'detection section'],
    question: 'Does your paper explain how output of this method can be spotted, by people and by tools?',
  },
  {
    id: 'subject-defense',
    label: 'Subject Defense',
    definition:
      'Technical help for people at risk of being imitated, such as alerts when their face or voice shows up online, or protection of their data.',
    source: `${CACM} (subject defense)`,
    aliases: ['subject defence', 'identity monitoring', 'likeness monitoring', 'victim protection'],
    question: 'Does the work offer anything that helps people who might be imitated protect themselves or prove what is fake?',
  },
  {
    id: 'verification',
    label: 'Verification',
    definition:
      'Building and testing tools, automatic or human-assisted, that reveal when audio, video, images or text have been manipulated.',
    source: `${CACM} (verification)`,
    aliases: ['verification tools', 'forensics', 'media forensics', 'detector', 'detectors', 'deepfake detection', 'automated detection'],
    question: 'Do you release or evaluate detectors or other verification tools alongside the generator?',
  },
]);

// ---------------------------------------------------------------------------------------------
// Ratings and modalities
// ---------------------------------------------------------------------------------------------

export const RATINGS = defineTerms('rating', [
  {
    id: 'low',
    label: 'Low',
    definition: 'The factor adds little to the likelihood or severity of harm, given what you plan to release.',
    source: 'Impact Notes rating scale',
    aliases: ['lo', 'minor', 'very low'],
  },
  {
    id: 'medium',
    label: 'Medium',
    definition: 'The factor makes harm noticeably more likely or more severe, but real barriers remain.',
    source: 'Impact Notes rating scale',
    aliases: ['med', 'moderate', 'mid'],
  },
  {
    id: 'high',
    label: 'High',
    definition: 'The factor removes most barriers to harm or makes the resulting harm serious.',
    source: 'Impact Notes rating scale',
    aliases: ['hi', 'severe', 'very high'],
  },
  {
    id: 'unknown',
    label: 'Unknown',
    definition: 'Too little is known to rate the factor yet; the rationale should say what evidence would decide it.',
    source: 'Impact Notes rating scale',
    aliases: ['unsure', 'unclear', 'uncertain', 'not sure', "don't know"],
  },
  {
    id: 'not-applicable',
    label: 'Not Applicable',
    definition: 'The factor does not bear on this work at all, and the rationale must say why.',
    source: 'Impact Notes rating scale',
    aliases: ['n/a', 'na', 'not applicable', 'does not apply'],
  },
]);

export const MODALITIES = defineTerms('modality', [
  {
    id: 'text',
    label: 'Text',
    definition: 'Written language that the method produces or alters, such as articles, posts, messages or dialogue.',
    source: `${OW}, §1`,
    aliases: ['language', 'natural language', 'nlp', 'written text'],
  },
  {
    id: 'image',
    label: 'Image',
    definition: 'Still pictures, such as photographs, faces, artwork or edited photos.',
    source: `${OW}, §1`,
    aliases: ['images', 'photo', 'photos', 'picture', 'pictures', 'still image', 'vision'],
  },
  {
    id: 'audio',
    label: 'Audio',
    definition: 'Sound, including speech, cloned voices and music.',
    source: `${OW}, §1`,
    aliases: ['speech', 'voice', 'voices', 'sound', 'music', 'tts', 'text-to-speech'],
  },
  {
    id: 'video',
    label: 'Video',
    definition: 'Moving pictures, including face swaps, facial reenactment and lip-sync of real or invented people.',
    source: `${OW}, §1`,
    aliases: ['videos', 'moving image', 'moving images'],
  },
  {
    id: 'multimodal',
    label: 'Multimodal',
    definition: 'Output that spans more than one medium, such as a talking-head video with a synthetic voice.',
    source: `Impact Notes; combines the media of ${OW}, §1`,
    aliases: ['multi-modal', 'audio-visual', 'audiovisual', 'mixed media'],
  },
  {
    id: 'other',
    label: 'Other',
    definition: 'Output that is not media of the kinds above, such as code, tabular data or actions taken by an agent.',
    source: `Impact Notes; outside the media of ${OW}, §1`,
    aliases: ['non-media', 'tabular', 'structured data'],
  },
]);

/**
 * Modalities that count as synthetic media for the detection-guidance and safeguard rules.
 * Ovadya & Whittlestone (§1) and the SPEC introduction both list generated text alongside audio,
 * video and images, so `text` counts; `multimodal` counts because it contains at least one of them.
 * Only `other` (code, tabular data, agent actions) does not.
 */
export const SYNTHETIC_MEDIA_MODALITIES: readonly string[] = Object.freeze(['text', 'image', 'audio', 'video', 'multimodal']);

/**
 * Modalities that can depict or imitate a person's likeness or voice, and so raise the CACM concern
 * for subjects (the who-is-harmed rule). Text can impersonate a writer too, but it does not carry a
 * likeness, so it is left out here; the rule can still be switched on for text via configuration.
 */
export const PEOPLE_MEDIA_MODALITIES: readonly string[] = Object.freeze(['image', 'audio', 'video', 'multimodal']);

// ---------------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------------

export const GROUPS: Readonly<Record<GroupId, Group>> = Object.freeze({
  'hazard-type': group('hazard-type', 'Hazard Types', `${OW}, §2.1`, 'The ways in which publishing research can raise the risk of misuse.', HAZARD_TYPES),
  'path-to-harm': group(
    'path-to-harm',
    'Path to Harm',
    `${OW}, §2.2`,
    'Factors that decide whether a capability goes from possible misuse to real, lasting harm, in three stages: awareness, deployment and sustained use.',
    PATH_TO_HARM,
  ),
  'ratchet-position': group(
    'ratchet-position',
    'Access Ratchet Position',
    `${OW}, §2.3`,
    'How far a capability has already moved toward established misuse; each step is hard to undo, so earlier positions leave more room to act.',
    RATCHET_POSITIONS,
  ),
  'indirect-harm': group(
    'indirect-harm',
    'Indirect Harms',
    `${OW}, §2.4`,
    'Slower, less direct routes by which a capability can do damage over time.',
    INDIRECT_HARMS,
  ),
  'withholding-limit': group(
    'withholding-limit',
    'Limits of Withholding',
    `${OW}, §3.1`,
    'Reasons why holding research back reduces harm less than one might hope.',
    WITHHOLDING_LIMITS,
  ),
  'release-content': group(
    'release-content',
    'Release Content',
    `${OW}, §3.4`,
    'What is released: the kinds of artifact a release plan can cover.',
    RELEASE_CONTENT,
  ),
  'release-timing': group('release-timing', 'Release Timing', `${OW}, §3.4`, 'When an artifact is released.', RELEASE_TIMING),
  'release-distribution': group(
    'release-distribution',
    'Release Distribution',
    `${OW}, §3.4`,
    'Who receives an artifact, from anyone at all to nobody outside the team.',
    RELEASE_DISTRIBUTION,
  ),
  safeguard: group(
    'safeguard',
    'Synthetic-Media Safeguards',
    `${OW}, §3.4`,
    'Measures built into a synthetic-media system to make misuse harder; none is enough alone, so they are layered.',
    SAFEGUARDS,
  ),
  'safeguard-status': group(
    'safeguard-status',
    'Safeguard Status',
    `${OW}, §3.4`,
    'How far each safeguard has got; only an implemented safeguard counts as protection.',
    SAFEGUARD_STATUSES,
  ),
  'safeguard-enforcement': group(
    'safeguard-enforcement',
    'Safeguard Enforcement',
    `${OW}, §2.2 (2) and §3.4`,
    'Where a safeguard is enforced, which decides whether recipients of the artifact can remove it.',
    SAFEGUARD_ENFORCEMENT,
  ),
  'artifact-purpose': group(
    'artifact-purpose',
    'Artifact Purpose',
    CACM,
    'Why an artifact is released, when the reason changes how the release rubric reads it.',
    ARTIFACT_PURPOSES,
  ),
  'review-level': group(
    'review-level',
    'Review Level',
    `${OW}, §3.2.3`,
    'How much scrutiny the work receives before release, modelled on the tiers of institutional review boards.',
    REVIEW_LEVELS,
  ),
  'harmed-party': group(
    'harmed-party',
    'Who Could Be Harmed',
    CACM,
    'The three kinds of party that deceptive synthetic media can hurt.',
    HARMED_PARTIES,
  ),
  'defensive-contribution': group(
    'defensive-contribution',
    'Defensive Contributions',
    CACM,
    'Ways in which researchers of synthetic media can help counter its misuse.',
    DEFENSIVE_CONTRIBUTIONS,
  ),
  rating: group(
    'rating',
    'Ratings',
    'Impact Notes rating scale',
    'The scale for path-to-harm factors; a higher rating means the factor eases the path to harm more. Not applicable needs a reason.',
    RATINGS,
  ),
  modality: group('modality', 'Modality', `${OW}, §1`, 'The kinds of media a method produces or alters.', MODALITIES),
});

function group(id: GroupId, label: string, source: string, description: string, terms: readonly Term[]): Group {
  return Object.freeze({ id, label, source, description, terms });
}

// ---------------------------------------------------------------------------------------------
// IMPACT.md sections (SPEC §2), in document order
// ---------------------------------------------------------------------------------------------

export interface SectionDef {
  /** Kebab-case id, e.g. "harmed-parties". */
  id: string;
  /** Canonical heading text the scaffold writes. */
  title: string;
  /** Lower-case alternative headings authors write. */
  aliases: string[];
  /** `'synthetic-media'`: required only when a modality is in SYNTHETIC_MEDIA_MODALITIES. */
  required: boolean | 'synthetic-media';
  /** The question the scaffold writes under the heading (the scaffold decides the formatting). */
  prompt: string;
  source: string;
}

function section(def: SectionDef): SectionDef {
  Object.freeze(def.aliases);
  return Object.freeze(def);
}

/*
 * Aliases are headings real authors use in broader-impact statements, model cards and ethics
 * sections. Deliberately absent: "broader impact(s)", "ethics statement", "ethical considerations",
 * "limitations" and "societal impact" — they name the whole statement or something else, and
 * mapping them to one required section would hide that the others are missing.
 */
export const SECTIONS: readonly SectionDef[] = Object.freeze([
  section({
    id: 'summary',
    title: 'Summary',
    aliases: ['overview', 'executive summary', 'abstract', 'synopsis', 'tl;dr', 'tldr', 'in brief'],
    required: true,
    prompt: 'In a few sentences: what does this work do, what will you release, and what is the main risk you see?',
    source: 'Impact Notes IMPACT.md format',
  }),
  section({
    id: 'capability',
    title: 'Capability and modality',
    aliases: [
      'capability',
      'capabilities',
      'capability and modalities',
      'capabilities and modality',
      'capabilities and modalities',
      'modality',
      'modalities',
      'modality and capability',
      'what it does',
      'what this work enables',
      'what the work makes possible',
      'new capabilities',
    ],
    required: true,
    prompt:
      'What new capability does this work create or improve, for which kinds of media, and how far does it go beyond what was already possible?',
    source: `${OW}, §1`,
  }),
  section({
    id: 'benefits',
    title: 'Benefits',
    aliases: [
      'benefit',
      'potential benefits',
      'expected benefits',
      'intended benefits',
      'positive impact',
      'positive impacts',
      'positive societal impact',
      'positive societal impacts',
      'beneficial uses',
      'beneficial applications',
      'positive uses',
      'benefits to society',
    ],
    required: true,
    prompt: 'Who gains from this work and how: which uses, users or lines of research does it help, and how confident are you of that?',
    source: `${OW}, §3; ${CACM}`,
  }),
  section({
    id: 'hazards',
    title: 'Hazards',
    aliases: [
      'hazard',
      'hazard types',
      'types of hazard',
      'hazard assessment',
      'information hazards',
      'risks',
      'potential risks',
      'risks and hazards',
      'hazards and risks',
      'potential harms',
      'negative impact',
      'negative impacts',
      'negative societal impact',
      'negative societal impacts',
      'potential negative impacts',
      'misuse',
      'potential misuse',
      'misuse potential',
      'risks of misuse',
      'dual use',
      'dual-use concerns',
    ],
    required: true,
    prompt:
      'Take product, data and attention hazards in turn: does each apply to this work (yes, no or unsure), and why?',
    source: `${OW}, §2.1`,
  }),
  section({
    id: 'path-to-harm',
    title: 'Path to harm',
    aliases: [
      'the path to harm',
      'paths to harm',
      'pathway to harm',
      'pathways to harm',
      'harm pathways',
      'route to harm',
      'routes to harm',
      'misuse pathways',
      'likelihood of misuse',
      'threat model',
      'threat models',
      'threat modelling',
      'threat modeling',
    ],
    required: true,
    prompt:
      'For every factor, from adversary attention to assessed return on investment, rate how much it eases misuse (low, medium, high, unknown or not applicable) and explain the rating.',
    source: `${OW}, §2.2`,
  }),
  section({
    id: 'access-ratchet',
    title: 'Access ratchet',
    aliases: [
      'ratchet',
      'access ratchet position',
      'ratchet position',
      'position on the access ratchet',
      'current position',
      'current state of misuse',
      'existing misuse',
      'misuse to date',
    ],
    required: true,
    prompt:
      'Where does this capability sit today (no known interest from abusers, attention, weaponized, or sustained use), and what evidence puts it there?',
    source: `${OW}, §2.3`,
  }),
  section({
    id: 'indirect-harms',
    title: 'Indirect harms',
    aliases: [
      'indirect harm',
      'indirect effects',
      'indirect impacts',
      'indirect risks',
      'second-order effects',
      'second order effects',
      'systemic harms',
      'systemic risks',
      'long-term harms',
      'long-term risks',
      'longer-term harms',
      'downstream harms',
      'path dependencies',
      'disinformation ratchet',
    ],
    required: true,
    prompt:
      'Beyond direct misuse, could the work feed a disinformation ratchet, or push technology and society down a path that is hard to reverse?',
    source: `${OW}, §2.4`,
  }),
  section({
    id: 'harmed-parties',
    title: 'Who could be harmed',
    aliases: [
      'who is harmed',
      'who might be harmed',
      'who may be harmed',
      'who can be harmed',
      'who could be affected',
      'who is affected',
      'harmed parties',
      'affected parties',
      'affected people',
      'affected groups',
      'affected communities',
      'impacted groups',
      'impacted communities',
      'impacted parties',
      'stakeholders',
      'affected stakeholders',
      'potential victims',
      'victims',
      'people at risk',
      'at-risk groups',
    ],
    required: true,
    prompt:
      'Who could be harmed (people who see or hear the output, people it depicts or imitates, society at large) and in what way?',
    source: CACM,
  }),
  section({
    id: 'mitigations',
    title: 'Mitigations',
    aliases: [
      'mitigation',
      'mitigation strategies',
      'mitigation strategy',
      'mitigation measures',
      'risk mitigation',
      'harm mitigation',
      'mitigations and safeguards',
      'safeguards and mitigations',
      'safeguards',
      'countermeasures',
      'precautions',
    ],
    required: true,
    prompt:
      'What are you doing to reduce the hazards above, in the method, the artifacts and the release, and what risk remains afterwards?',
    source: `${OW}, §3.4`,
  }),
  section({
    id: 'detection-guidance',
    title: 'Detection guidance',
    aliases: [
      'detection',
      'detectability',
      'how to detect',
      'how to detect generated output',
      'detecting generated output',
      'detecting synthetic media',
      'detection and provenance',
      'recognising generated output',
      'recognizing generated output',
      'identifying synthetic media',
      'forensics',
    ],
    required: 'synthetic-media',
    prompt:
      'How can output of this method be recognised, by people and by tools, and which artifacts, tests or detectors will you share to help?',
    source: `${CACM} (education and media literacy)`,
  }),
  section({
    id: 'release-plan',
    title: 'Release plan',
    aliases: [
      'release',
      'release strategy',
      'release policy',
      'release decisions',
      'release practices',
      'release and distribution',
      'release and access',
      'access and release',
      'publication and release',
      'publication plan',
      'distribution plan',
      'staged release',
      'availability',
    ],
    required: true,
    prompt: 'Summarise what you will release, when, to whom and with which safeguards, and point to release.yaml for the details.',
    source: `${OW}, §3.4`,
  }),
  section({
    id: 'review-log',
    title: 'Review log',
    aliases: [
      'review',
      'reviews',
      'review history',
      'review record',
      'reviews and approvals',
      'approvals',
      'sign-off',
      'ethics review',
      'ethical review',
      'irb',
      'irb review',
    ],
    required: true,
    prompt:
      'Record each review of this assessment: who reviewed it, at what level, when, what they concluded, and when the next review is due.',
    source: `${OW}, §3.2.3`,
  }),
  section({
    id: 'disagreements',
    title: 'Disagreements and trade-offs',
    aliases: [
      'disagreements',
      'disagreement',
      'trade-offs',
      'tradeoffs',
      'value trade-offs',
      'points of disagreement',
      'dissent',
      'open questions',
      'tensions',
    ],
    required: false,
    prompt: 'Where do authors or reviewers disagree about risks, benefits or release choices, and which trade-offs did you accept?',
    source: `${OW}, §4`,
  }),
  section({
    id: 'conference-checklist',
    title: 'Conference checklist mapping',
    aliases: [
      'conference checklist',
      'checklist',
      'checklist mapping',
      'paper checklist',
      'neurips checklist',
      'neurips paper checklist',
      'acl checklist',
      'arr checklist',
      'responsible nlp checklist',
      'responsible nlp research checklist',
    ],
    required: false,
    prompt:
      "Map this assessment onto your venue's checklist questions, such as NeurIPS broader impacts and safeguards or the ACL/ARR risks item.",
    source: 'NeurIPS paper checklist; ACL Rolling Review Responsible NLP checklist',
  }),
]);

// The marker vocabulary: the keys and answer words authors write in IMPACT.md, defined once.
// Every reader (the assessment model, the rules, completion, the guided assessment) takes its
// words from here, so `- **Justification:** …` or `- **Does it apply:** no` means the same
// thing to every part of the product. Keys are normalised as the parser does (lower case, spaces
// and underscores as hyphens, punctuation dropped): "Does it apply?" → "does-it-apply".
// ---------------------------------------------------------------------------------------------

export const MARKER_KEYS = Object.freeze({
  /** Whether a hazard type applies (§2.1). */
  applies: Object.freeze(['applies', 'applicable', 'apply', 'relevant', 'does-it-apply', 'applies-here', 'does-this-apply']),
  /** The reasoning behind an answer or a rating. */
  rationale: Object.freeze(['rationale', 'reason', 'reasons', 'reasoning', 'why', 'because', 'explanation', 'justification', 'evidence']),
  /** A factor's rating in a `### Factor` part (§2.2). */
  rating: Object.freeze(['rating', 'level', 'risk']),
  /** The access-ratchet position (§2.3). */
  position: Object.freeze(['position', 'current-position', 'ratchet-position', 'access-ratchet', 'access-ratchet-position', 'current', 'stage', 'current-stage']),
  /** The modality in the Capability and modality section (§1). */
  modality: Object.freeze(['modality', 'modalities', 'media']),
});

export type AppliesAnswer = 'yes' | 'no' | 'unsure';

/**
 * Answers to "does this hazard apply?", with the synonyms authors write. A hazard that applies in
 * part applies: `partly` is yes (its rationale says which part).
 */
export const APPLIES_ANSWERS: Readonly<Record<string, AppliesAnswer>> = Object.freeze({
  yes: 'yes',
  y: 'yes',
  true: 'yes',
  applies: 'yes',
  partly: 'yes',
  partially: 'yes',
  'in part': 'yes',
  no: 'no',
  n: 'no',
  false: 'no',
  none: 'no',
  unsure: 'unsure',
  unknown: 'unsure',
  maybe: 'unsure',
  possibly: 'unsure',
  uncertain: 'unsure',
  unclear: 'unsure',
  'not sure': 'unsure',
  "don't know": 'unsure',
  'do not know': 'unsure',
});
