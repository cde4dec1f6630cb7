/**
 * Writes snippets/impact-md.json (Markdown) and snippets/release-yaml.json (YAML) from the taxonomy.
 * Run: `npx tsx scripts/gen-snippets.ts`. test/unit/snippets.test.ts fails when the committed files
 * and `buildSnippets()` differ, and checks that every snippet expands to text the linter accepts.
 *
 * All prefixes start with `impact-` so the snippets never crowd other YAML or Markdown files.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sentenceCase } from '../src/core/util/text-case';
import {
  GROUPS,
  HARMED_PARTIES,
  HAZARD_TYPES,
  INDIRECT_HARMS,
  PATH_STAGES,
  PATH_TO_HARM,
  RELEASE_DISTRIBUTION,
  RELEASE_TIMING,
  REVIEW_LEVELS,
  SAFEGUARDS,
  SECTIONS,
  ids,
  type SectionDef,
  type Term,
} from '../src/core/taxonomy';

export interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}
export type SnippetFile = Record<string, Snippet>;

export const SNIPPETS_DIR = join(__dirname, '..', 'snippets');
export const IMPACT_SNIPPETS_PATH = join(SNIPPETS_DIR, 'impact-md.json');
export const RELEASE_SNIPPETS_PATH = join(SNIPPETS_DIR, 'release-yaml.json');

/** Escapes text for a snippet body ($, } and \ are special). */
function text(s: string): string {
  return s.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** Numbered tab stops, shared by the sections of one snippet. */
class Stops {
  private n = 0;
  placeholder(value: string): string {
    return `\${${++this.n}:${text(value)}}`;
  }
  /** A placeholder whose default is itself snippet syntax (variables such as $CURRENT_YEAR). */
  placeholderSyntax(value: string): string {
    return `\${${++this.n}:${value}}`;
  }
  choice(values: readonly string[]): string {
    return `\${${++this.n}|${values.map((v) => v.replace(/[,|$}\\]/g, (c) => `\\${c}`)).join(',')}|}`;
  }
}

const RATING_IDS = ids('rating');
const APPLIES = ['yes', 'no', 'unsure'];
const TODAY = '${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}';

// ---------------------------------------------------------------------------------------------
// IMPACT.md
// ---------------------------------------------------------------------------------------------

function hazardLines(t: Term, s: Stops): string[] {
  return [`### ${sentenceCase(t.label)}`, `- **Applies:** ${s.choice(APPLIES)}`, `- **Rationale:** ${s.placeholder(t.question ?? t.definition)}`];
}

function factorLine(t: Term, s: Stops): string {
  return `- **${sentenceCase(t.label)}:** ${s.choice(RATING_IDS)} — ${s.placeholder(t.question ?? t.definition)}`;
}

function sectionBody(def: SectionDef, s: Stops): string[] {
  switch (def.id) {
    case 'capability':
      return [`- **Modality:** ${s.choice(ids('modality'))}`, `- **Capability:** ${s.placeholder(def.prompt)}`];
    case 'hazards':
      return HAZARD_TYPES.flatMap((t, i) => [...(i ? [''] : []), ...hazardLines(t, s)]);
    case 'path-to-harm':
      return PATH_STAGES.flatMap((stage, i) => [...(i ? [''] : []), `### ${sentenceCase(stage.label)}`, ...stage.factors.map((f) => factorLine(f, s))]);
    case 'access-ratchet':
      return [`- **Position:** ${s.choice(ids('ratchet-position'))}`, `- **Rationale:** ${s.placeholder(def.prompt)}`];
    case 'indirect-harms':
      return INDIRECT_HARMS.map((t) => factorLine(t, s));
    case 'harmed-parties':
      return HARMED_PARTIES.map((p) => `- **${sentenceCase(p.label)}:** ${s.placeholder(p.question ?? p.definition)}`);
    case 'review-log':
      return [`- **${s.placeholderSyntax(TODAY)}:** ${s.choice(ids('review-level'))} review by ${s.placeholder('who reviewed it')}; ${s.placeholder('what they concluded')}`];
    case 'release-plan':
      return ['The release plan is in [release.yaml](release.yaml) beside this file.', '', s.placeholder(def.prompt)];
    default:
      return [s.placeholder(def.prompt)];
  }
}

function sectionLines(def: SectionDef, s: Stops): string[] {
  return [`## ${def.title}`, '', ...sectionBody(def, s)];
}

export function buildImpactSnippets(): SnippetFile {
  const out: SnippetFile = {};
  out['Impact: whole assessment'] = {
    prefix: 'impact-assessment',
    description: 'Every section of IMPACT.md, with its prompts (Impact Notes).',
    body: (() => {
      const s = new Stops();
      const lines = [`# Impact assessment: ${s.placeholder('project or paper')}`];
      for (const def of SECTIONS) lines.push('', ...sectionLines(def, s));
      return [...lines, '$0'];
    })(),
  };
  for (const def of SECTIONS) {
    const required = def.required === true ? 'required' : def.required === 'synthetic-media' ? 'required for synthetic media' : 'optional';
    out[`Impact: ${def.title} section`] = {
      prefix: `impact-section-${def.id}`,
      description: `The ${def.title} section of IMPACT.md (${required}; ${def.source}).`,
      body: [...sectionLines(def, new Stops()), '$0'],
    };
  }
  out['Impact: hazard sub-section'] = {
    prefix: 'impact-hazard',
    description: `A hazard-type sub-section with Applies and Rationale (${GROUPS['hazard-type'].source}).`,
    body: (() => {
      const s = new Stops();
      return [`### ${s.choice(HAZARD_TYPES.map((t) => sentenceCase(t.label)))}`, `- **Applies:** ${s.choice(APPLIES)}`, `- **Rationale:** ${s.placeholder('why it does or does not apply')}`, '$0'];
    })(),
  };
  for (const t of HAZARD_TYPES) {
    out[`Impact: ${t.label} sub-section`] = {
      prefix: `impact-hazard-${t.id}`,
      description: `${t.definition} (${t.source})`,
      body: [...hazardLines(t, new Stops()), '$0'],
    };
  }
  out['Impact: path-to-harm factor line'] = {
    prefix: 'impact-factor',
    description: `A path-to-harm factor with its rating and reasoning (${GROUPS['path-to-harm'].source}).`,
    body: (() => {
      const s = new Stops();
      return [`- **${s.choice(PATH_TO_HARM.map((t) => sentenceCase(t.label)))}:** ${s.choice(RATING_IDS)} — ${s.placeholder('reasoning')}$0`];
    })(),
  };
  for (const t of PATH_TO_HARM) {
    out[`Impact: ${t.label} factor`] = {
      prefix: `impact-factor-${t.id}`,
      description: `${t.definition} (${t.source})`,
      body: [`${factorLine(t, new Stops())}$0`],
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// release.yaml
// ---------------------------------------------------------------------------------------------

/** Kind-specific timing fields (SPEC §3), as YAML lines under `timing:`. */
function timingLines(kind: string, s: Stops): string[] {
  switch (kind) {
    case 'timed':
      return [`date: ${s.placeholder('2027-01-15')}`];
    case 'periodic':
      return [`every: ${s.placeholder('6 months')}`, `next: ${s.placeholder('2027-01-15')}`];
    case 'evented':
      return [`event: ${s.placeholder('another group publishes the same capability')}`];
    case 'staged':
      return [
        'stages:',
        `  - { date: ${s.placeholder('2027-01-15')}, release: ${s.placeholder('small model')}, distribution: ${s.choice(ids('release-distribution'))} }`,
        `  - { after: ${s.placeholder('detector published')}, release: ${s.placeholder('full model')}, distribution: ${s.choice(ids('release-distribution'))} }`,
      ];
    case 'withheld':
      return [`reason: ${s.placeholder('why it is kept back, and what would change the decision')}`];
    default:
      return [];
  }
}

/** Kind-specific distribution fields (SPEC §3), as YAML lines under `distribution:`. */
function distributionLines(kind: string, s: Stops): string[] {
  switch (kind) {
    case 'public':
      return [`license: ${s.placeholder('Apache-2.0')}`];
    case 'ask-for-access':
      return [`process: ${s.placeholder('who reviews requests, against which criteria, how fast')}`, `terms: ${s.placeholder('conditions recipients accept')}`];
    case 'safety-levels':
      return ['levels:', `  - { level: ${s.placeholder('vetted')}, who: ${s.placeholder('who qualifies')}, access: ${s.placeholder('what they get')} }`];
    case 'access-community':
      return [`community: ${s.placeholder('which community shares access and how members are vetted')}`];
    case 'hosted':
      return [`url: ${s.placeholder('https://where the service runs')}`, `terms: ${s.placeholder('usage policy users accept')}`];
    case 'private':
      return [`reason: ${s.placeholder('why the artifact is withheld')}`];
    default:
      return [];
  }
}

function indent(lines: string[], by: string): string[] {
  return lines.map((l) => (l ? by + l : l));
}

function artifactLines(timing: string, s: Stops): string[] {
  const id = s.placeholder(timing === 'staged' ? 'weights' : 'artifact-id');
  const content = s.choice(ids('release-content'));
  const paths = s.placeholder(timing === 'staged' ? 'checkpoints/**' : 'path/**');
  return [
    `- id: ${id}`,
    `  content: ${content}`,
    `  paths: [${paths}]`,
    '  timing:',
    `    kind: ${timing}`,
    ...indent(timingLines(timing, s), '    '),
    '  distribution:',
    `    kind: ${s.choice(ids('release-distribution'))}`,
  ];
}

export function buildReleaseSnippets(): SnippetFile {
  const out: SnippetFile = {};
  out['Impact: release plan'] = {
    prefix: 'impact-release-plan',
    description: 'The skeleton of a release plan (Impact Notes release.yaml, version 1).',
    body: (() => {
      const s = new Stops();
      return [
        '# yaml-language-server: $schema=https://unpkg.com/impact-notes/schemas/release.schema.json'.replace(/\$/g, '\\$'),
        'impact-release: 1',
        `title: ${s.placeholder('project or paper')}`,
        'assessment: IMPACT.md',
        `modality: [${s.choice(ids('modality'))}]`,
        'review:',
        `  level: ${s.choice(ids('review-level'))}`,
        `  reviewers: [${s.placeholder('who reviewed it')}]`,
        `  date: ${TODAY}`,
        `contact: ${s.placeholder('mailto:misuse-reports@example.org')}`,
        'artifacts:',
        ...indent(artifactLines('immediate', s), '  '),
        `withdrawal: ${s.placeholder('how a released artifact would be pulled back')}`,
        '$0',
      ];
    })(),
  };
  for (const t of RELEASE_TIMING) {
    out[`Impact: artifact, ${t.label.toLowerCase()} release`] = {
      prefix: `impact-artifact-${t.id}`,
      description: `An artifact released with ${t.id} timing. ${t.definition} (${t.source})`,
      body: [...artifactLines(t.id, new Stops()), '$0'],
    };
  }
  for (const t of RELEASE_DISTRIBUTION) {
    out[`Impact: distribution, ${t.label.toLowerCase()}`] = {
      prefix: `impact-distribution-${t.id}`,
      description: `${t.definition} (${t.source})`,
      body: ['distribution:', `  kind: ${t.id}`, ...indent(distributionLines(t.id, new Stops()), '  '), '$0'],
    };
  }
  out['Impact: defensive artifact'] = {
    prefix: 'impact-artifact-defense',
    description: `An artifact released to help defenders, such as a detector or a detection dataset (${GROUPS['artifact-purpose'].source}).`,
    body: (() => {
      const s = new Stops();
      return [
        `- id: ${s.placeholder('detector')}`,
        `  content: ${s.choice(ids('release-content'))}`,
        '  purpose: defense',
        `  paths: [${s.placeholder('detector/**')}]`,
        '  timing: { kind: immediate }',
        '  distribution:',
        '    kind: public',
        `    license: ${s.placeholder('Apache-2.0')}$0`,
      ];
    })(),
  };
  out['Impact: release stage'] = {
    prefix: 'impact-stage',
    description: 'One stage of a staged release: a date or the event it waits for, and what goes out.',
    body: (() => {
      const s = new Stops();
      return [`- { ${s.choice(['date', 'after'])}: ${s.placeholder('2027-01-15')}, release: ${s.placeholder('what goes out')}, distribution: ${s.choice(ids('release-distribution'))} }$0`];
    })(),
  };
  out['Impact: gated release stage'] = {
    prefix: 'impact-stage-gated',
    description: 'One stage of a staged release with its own access details (process, licence, url), as an artifact distribution has.',
    body: (() => {
      const s = new Stops();
      return [
        `- date: ${s.placeholder('2027-01-15')}`,
        `  release: ${s.placeholder('what goes out')}`,
        `  distribution: ${s.choice(ids('release-distribution'))}`,
        `  process: ${s.placeholder('who reviews requests, against which criteria, how fast')}`,
        `  license: ${s.placeholder('licence name')}`,
        `  url: ${s.placeholder('where access is requested')}$0`,
      ];
    })(),
  };
  out['Impact: safeguard entry'] = {
    prefix: 'impact-safeguard',
    description: `A synthetic-media safeguard with its status (${GROUPS.safeguard.source}).`,
    body: (() => {
      const s = new Stops();
      return [
        `${s.choice(ids('safeguard'))}: { status: ${s.choice(ids('safeguard-status'))}, enforced: ${s.choice(ids('safeguard-enforcement'))}, detail: ${s.placeholder('what exactly is done')} }$0`,
      ];
    })(),
  };
  out['Impact: all safeguards'] = {
    prefix: 'impact-safeguards',
    description: `Every synthetic-media safeguard, each with a status (${GROUPS.safeguard.source}).`,
    body: (() => {
      const s = new Stops();
      return ['safeguards:', ...SAFEGUARDS.map((g) => `  ${g.id}: { status: ${s.choice(ids('safeguard-status'))}, detail: ${s.placeholder(g.definition.replace(/[,:{}[\]]/g, ''))} }`), '$0'];
    })(),
  };
  out['Impact: review block'] = {
    prefix: 'impact-review',
    description: `Who reviewed the assessment, at which level, and when it is next due (${GROUPS['review-level'].source}).`,
    body: (() => {
      const s = new Stops();
      return [
        'review:',
        `  level: ${s.choice(REVIEW_LEVELS.map((t) => t.id))}`,
        `  reviewers: [${s.placeholder('who reviewed it')}]`,
        `  date: ${TODAY}`,
        `  next: ${s.placeholder('2027-01-15')}`,
        '$0',
      ];
    })(),
  };
  return out;
}

export function renderSnippetFile(file: SnippetFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(IMPACT_SNIPPETS_PATH, renderSnippetFile(buildImpactSnippets()), 'utf8');
  writeFileSync(RELEASE_SNIPPETS_PATH, renderSnippetFile(buildReleaseSnippets()), 'utf8');
  console.log(`wrote ${IMPACT_SNIPPETS_PATH} and ${RELEASE_SNIPPETS_PATH}`);
}
