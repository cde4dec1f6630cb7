/**
 * The JSON Schema of release.yaml, built from the taxonomy so that adding an id is a one-place
 * change. `schemas/release.schema.json` is generated from this (see scripts/gen-schema.ts) and a
 * test keeps the two in step. Version 1 of the format: `impact-release: 1`.
 */
import { ids } from '../taxonomy';

export const SCHEMA_VERSION = 1;
export const SCHEMA_ID = 'https://unpkg.com/impact-notes/schemas/release.schema.json';

/** A calendar date written YYYY-MM-DD; `format: date` also rejects days that do not exist (2026-02-30). */
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const DATE = { type: 'string', pattern: DATE_PATTERN, format: 'date', description: 'A date as YYYY-MM-DD.' };
const text = (description: string) => ({ type: 'string', minLength: 1, description });
const strings = (description: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });
const oneOrMore = (item: object, description: string) => ({ anyOf: [item, { type: 'array', items: item, minItems: 1 }], description });
const enumOf = (group: Parameters<typeof ids>[0], description: string, extra: string[] = []) => ({
  type: 'string',
  enum: [...ids(group), ...extra],
  description,
});

/** `if kind is <kind> then <then>`: draft-07 conditionals that editors such as the YAML extension understand. */
const whenKind = (kind: string, then: Record<string, unknown>) => ({
  if: { properties: { kind: { const: kind } }, required: ['kind'] },
  then,
});

export function buildSchema(): Record<string, unknown> {
  const stage = {
    type: 'object',
    additionalProperties: false,
    description: 'One stage of a staged release. Give a date, or the event it waits for (`after`).',
    properties: {
      date: DATE,
      after: text('The event this stage waits for, e.g. "detector published".'),
      release: text('What goes out at this stage, e.g. "small model (124M)".'),
      content: oneOrMore(enumOf('release-content', 'What kind of artifact this stage releases.'), 'Release content of this stage.'),
      distribution: enumOf('release-distribution', 'Who gets this stage.'),
      process: text('For a gated stage: how access requests are reviewed, by whom and how fast.'),
      community: text('For a stage shared with an access community: which community, and how it is vetted.'),
      license: text('Licence of what this stage releases, e.g. MIT or a custom licence name.'),
      url: text('Where this stage is published or access is requested.'),
      status: { type: 'string', enum: ['planned', 'released', 'skipped'], description: 'Whether the stage has happened.' },
      notes: text('Anything else about this stage.'),
    },
    required: ['release'],
    anyOf: [{ required: ['date'] }, { required: ['after'] }],
  };
  const timing = {
    type: 'object',
    additionalProperties: false,
    description: 'When the artifact goes out (Ovadya & Whittlestone 2019, §3.4).',
    properties: {
      kind: enumOf('release-timing', 'immediate, timed (date), periodic (every + next), evented (event), staged (stages) or withheld (reason).'),
      date: DATE,
      every: text('How often a periodic release happens, e.g. "6 months".'),
      next: DATE,
      event: text('The event an evented release waits for.'),
      reason: text('For withheld: why the artifact is kept back with no release condition.'),
      stages: { type: 'array', items: stage, description: 'At least two stages, each with a date or an `after` event.' },
      notes: text('Anything else about the timing.'),
    },
    required: ['kind'],
    // Kind-specific fields (SPEC §3). The timing-incomplete rule reports these with a fix.
    allOf: [
      whenKind('timed', { required: ['date'] }),
      whenKind('periodic', { required: ['every', 'next'] }),
      whenKind('evented', { required: ['event'] }),
      whenKind('staged', { required: ['stages'], properties: { stages: { type: 'array', minItems: 2 } } }),
      whenKind('withheld', { required: ['reason'] }),
    ],
  };
  const level = {
    type: 'object',
    additionalProperties: false,
    properties: {
      level: text('Name of the access level.'),
      who: text('Who qualifies for this level.'),
      access: text('What they get.'),
    },
    required: ['level', 'who'],
  };
  const distribution = {
    type: 'object',
    additionalProperties: false,
    description: 'To whom the artifact goes (Ovadya & Whittlestone 2019, §3.4).',
    properties: {
      kind: enumOf(
        'release-distribution',
        'public, ask-for-access, safety-levels, access-community, hosted (only through your own service or API) or private (withheld).',
      ),
      process: text('For ask-for-access: how requests are reviewed, by whom and how fast.'),
      terms: text('Terms of use or licence conditions recipients accept.'),
      license: text('Licence identifier, e.g. CC-BY-NC-4.0.'),
      url: text('Where access is requested, the artifact is published, or the hosted service runs.'),
      levels: { type: 'array', items: level, description: 'For safety-levels: the tiers of access.' },
      community: text('For access-community: which community shares access and how it is vetted.'),
      reason: text('For private: why the artifact is withheld.'),
    },
    required: ['kind'],
    // Kind-specific fields (SPEC §3). The distribution-incomplete rule reports these with a fix.
    allOf: [
      whenKind('ask-for-access', { required: ['process'] }),
      whenKind('safety-levels', { required: ['levels'], properties: { levels: { type: 'array', minItems: 1 } } }),
      whenKind('access-community', { required: ['community'] }),
      whenKind('private', { required: ['reason'] }),
    ],
  };
  const artifact = {
    type: 'object',
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'Short id, used by IMPACT.md and the report.' },
      content: enumOf('release-content', 'What the artifact is (Ovadya & Whittlestone 2019, §3.4).'),
      description: text('What the artifact is, in a sentence.'),
      paths: strings('Globs, relative to this file, that match the artifact on disk, e.g. checkpoints/**.'),
      timing,
      distribution,
      status: { type: 'string', enum: ['planned', 'released', 'withheld', 'withdrawn'], description: 'Where the artifact stands now.' },
      released: DATE,
      withdrawn: DATE,
      safeguards: { type: 'array', items: enumOf('safeguard', 'A safeguard that applies to this artifact.') },
      purpose: enumOf(
        'artifact-purpose',
        'defense: released to help defenders (a detector, a detection dataset); withdrawal-plan-missing and plan-less-cautious-than-assessment do not apply to it.',
      ),
      notes: text('Anything else about this artifact.'),
    },
    required: ['id', 'content', 'timing', 'distribution'],
  };
  const safeguard = {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: enumOf(
        'safeguard-status',
        'implemented, planned, not-implemented (it applies but was not done; give a reason) or not-applicable (give a reason).',
      ),
      enforced: enumOf(
        'safeguard-enforcement',
        'Where the safeguard is enforced: released-code (anyone with the code can remove it), hosted-service, access-process, license or other.',
      ),
      detail: text('What exactly is done.'),
      reason: text('Why the safeguard was not implemented, or why it does not apply.'),
      due: DATE,
    },
    required: ['status'],
  };
  const safeguardProps: Record<string, unknown> = {};
  for (const id of ids('safeguard')) safeguardProps[id] = safeguard;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'Impact Notes release plan',
    description: 'A release plan for research artifacts (release.yaml), version 1.',
    type: 'object',
    additionalProperties: false,
    properties: {
      'impact-release': { const: SCHEMA_VERSION, description: 'Format version of this release plan. Always 1 for now.' },
      title: text('Name of the project or paper.'),
      assessment: text('Path of the impact assessment, relative to this file (usually IMPACT.md).'),
      modality: oneOrMore(enumOf('modality', 'A modality the method generates or processes.'), 'Modalities of the work.'),
      review: {
        type: 'object',
        additionalProperties: false,
        description: 'Who reviewed the assessment and when (an IRB-like review; Ovadya & Whittlestone 2019, §3.2.3).',
        properties: {
          level: enumOf('review-level', 'exempt, expedited or full review.'),
          reviewers: strings('Who reviewed it.'),
          date: DATE,
          next: DATE,
          notes: text('Anything else about the review.'),
        },
        required: ['level'],
      },
      contact: text('Where misuse is reported: a mailto: link, an e-mail address or a URL.'),
      artifacts: { type: 'array', items: artifact, description: 'Everything the project may release.' },
      safeguards: {
        type: 'object',
        additionalProperties: false,
        properties: safeguardProps,
        description: 'Synthetic-media safeguards (Ovadya & Whittlestone 2019, §3.4).',
      },
      withdrawal: {
        anyOf: [
          text('How a released artifact would be pulled back.'),
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              plan: text('How a released artifact would be pulled back.'),
              triggers: strings('What would trigger a withdrawal.'),
              contact: text('Who decides.'),
            },
            required: ['plan'],
          },
        ],
        description: 'How a released artifact would be pulled back if it is misused.',
      },
      decisions: {
        type: 'array',
        description: 'A log of release decisions (staged steps taken, an artifact withdrawn after misuse).',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: { date: DATE, decision: text('What was decided.'), reason: text('Why.'), artifact: text('Which artifact id.') },
          required: ['date', 'decision'],
        },
      },
      notes: text('Anything else.'),
    },
    required: ['impact-release', 'artifacts'],
  };
}
