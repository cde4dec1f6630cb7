/**
 * The scaffold: a fresh IMPACT.md and release.yaml for a project, built from a few answers. Pure (no
 * file system, no clock): the CLI's `init`, the editor's "new assessment" command and the tests all
 * call this and write the texts themselves.
 *
 * Contract: a freshly scaffolded pair is structurally complete. Every required section, hazard type,
 * path-to-harm factor, harmed party and release field is present and valid against the schema, so
 * linting it yields only "fill this in" findings (placeholder text), never a structural error. Where
 * the author must decide something, the scaffold writes the most cautious valid value together with
 * a TODO that placeholder-text reports: a factor rated `unknown`, a hazard that `Applies: unsure`, an
 * artifact kept `private` and released on an `evented` trigger that is still to be decided.
 */
import { sentenceCase } from './util/text-case';
import { SCHEMA_ID, SCHEMA_VERSION } from './release/schema';
import {
  findTerm,
  HARMED_PARTIES,
  HAZARD_TYPES,
  INDIRECT_HARMS,
  PATH_STAGES,
  RATCHET_POSITIONS,
  REVIEW_LEVELS,
  SAFEGUARDS,
  SECTIONS,
  SYNTHETIC_MEDIA_MODALITIES,
  type SectionDef,
  type Term,
} from './taxonomy';

export interface ScaffoldArtifact {
  /** Short id, e.g. "weights" (letters, digits, `.`, `_`, `-`). */
  id: string;
  /** A release-content id or alias, e.g. "trained-model" or "weights". */
  content: string;
  /** Globs relative to the plan's folder, e.g. "checkpoints/**". */
  paths: string[];
}

export interface ScaffoldAnswers {
  /** Name of the project or paper. */
  title?: string;
  /** Modality ids or aliases ("audio", "speech", "video"). */
  modality: string[];
  artifacts: ScaffoldArtifact[];
  /** Review level id or alias: exempt, expedited or full. */
  reviewLevel: string;
  /** Where misuse is reported: mailto: link, e-mail address or URL. */
  contact?: string;
  /** The day the files are created (only written into a comment). */
  today: Date;
  /** Line break for the generated texts (default "\n"). */
  eol?: '\n' | '\r\n';
}

export interface ScaffoldResult {
  impact: string;
  release: string;
}

/** A problem with the answers (unknown modality, bad artifact id…), one line, for the user. */
export class ScaffoldError extends Error {
  constructor(message: string) {
    // Messages quote the answer; a pasted line break in it must not split the one-line message.
    super(message.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' '));
  }
}

const ARTIFACT_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Checks and normalises answers; throws ScaffoldError with a one-line message when one is wrong. */
export function normaliseAnswers(answers: ScaffoldAnswers): {
  title?: string;
  modalities: string[];
  artifacts: { id: string; content: string; paths: string[] }[];
  reviewLevel: string;
  contact?: string;
  today: Date;
} {
  const modalities: string[] = [];
  for (const m of answers.modality) {
    if (!m.trim()) continue;
    const t = findTerm('modality', m);
    if (!t) throw new ScaffoldError(`Unknown modality '${m}': use ${ids(MODALITY_IDS)}.`);
    if (!modalities.includes(t.id)) modalities.push(t.id);
  }
  const level = findTerm('review-level', answers.reviewLevel);
  if (!level) throw new ScaffoldError(`Unknown review level '${answers.reviewLevel}': use ${ids(REVIEW_LEVELS.map((t) => t.id))}.`);
  const seen = new Set<string>();
  const artifacts = answers.artifacts.map((a) => {
    if (!ARTIFACT_ID_RE.test(a.id)) throw new ScaffoldError(`Artifact id '${a.id}' must start with a letter or digit and use only letters, digits, '.', '_' and '-'.`);
    if (seen.has(a.id)) throw new ScaffoldError(`Artifact id '${a.id}' is given twice.`);
    seen.add(a.id);
    const content = findTerm('release-content', a.content);
    if (!content) throw new ScaffoldError(`Artifact '${a.id}': unknown content '${a.content}'; use ${ids(CONTENT_IDS)}.`);
    const paths = a.paths.map((p) => p.trim()).filter(Boolean);
    return { id: a.id, content: content.id, paths };
  });
  const title = answers.title?.replace(/\s+/g, ' ').trim() || undefined;
  const contact = answers.contact?.trim() || undefined;
  if (Number.isNaN(answers.today.getTime())) throw new ScaffoldError('The date for the scaffold is not a valid date.');
  return { title, modalities, artifacts, reviewLevel: level.id, contact, today: answers.today };
}

const MODALITY_IDS = ['text', 'image', 'audio', 'video', 'multimodal', 'other'];
const CONTENT_IDS = ['runnable-system', 'modifiable-system', 'source-code', 'training-data', 'trained-model', 'paper', 'harmful-use-cases', 'samples'];

function ids(list: readonly string[]): string {
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list.join('');
}

/**
 * Detection guidance is needed for synthetic media; when no modality is known yet the scaffold
 * keeps it, since it becomes required as soon as the author names one.
 */
export function needsDetectionGuidance(modalities: readonly string[]): boolean {
  return modalities.length === 0 || modalities.some((m) => SYNTHETIC_MEDIA_MODALITIES.includes(m));
}


function todo(text: string): string {
  return `_TODO: ${text.replace(/_/g, '\\_')}_`;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function scaffold(answers: ScaffoldAnswers): ScaffoldResult {
  const a = normaliseAnswers(answers);
  const eol = answers.eol ?? '\n';
  return { impact: scaffoldImpact(a).join(eol) + eol, release: scaffoldRelease(a).join(eol) + eol };
}

type Normalised = ReturnType<typeof normaliseAnswers>;

function scaffoldImpact(a: Normalised): string[] {
  const out: string[] = [];
  out.push(a.title ? `# Impact assessment: ${escapeInline(a.title)}` : '# Impact assessment');
  out.push('');
  out.push(
    `<!-- Scaffolded by impact-notes on ${isoDate(a.today)}. Replace every TODO prompt with your own words.`,
    '     Path-to-harm ratings: low, medium, high, unknown, or not-applicable with a reason; a higher',
    '     rating means the factor makes misuse easier. release.yaml beside this file holds the release plan. -->',
  );
  const synthetic = needsDetectionGuidance(a.modalities);
  for (const def of SECTIONS) {
    if (def.id === 'detection-guidance' && !synthetic) continue;
    out.push('', `## ${def.title}`, '');
    out.push(...sectionBody(def, a));
  }
  return out;
}

function factorLine(t: Term): string {
  return `- **${sentenceCase(t.label)}:** ${todo(`low, medium, high or unknown — ${t.question ?? t.definition}`)}`;
}

function sectionBody(def: SectionDef, a: Normalised): string[] {
  switch (def.id) {
    case 'capability': {
      const modality = a.modalities.length
        ? a.modalities.join(', ')
        : todo('which media the method produces or alters: text, image, audio, video, multimodal or other');
      return [`- **Modality:** ${modality}`, `- **Capability:** ${todo(def.prompt)}`];
    }
    case 'hazards': {
      const out: string[] = [];
      HAZARD_TYPES.forEach((h, i) => {
        if (i > 0) out.push('');
        out.push(`### ${sentenceCase(h.label)}`, `- **Applies:** ${todo('yes, no or unsure')}`, `- **Rationale:** ${todo(h.question ?? h.definition)}`);
      });
      return out;
    }
    case 'path-to-harm': {
      const out: string[] = [];
      PATH_STAGES.forEach((s, i) => {
        if (i > 0) out.push('');
        out.push(`### ${sentenceCase(s.label)}`);
        for (const f of s.factors) out.push(factorLine(f));
      });
      return out;
    }
    case 'access-ratchet':
      return [
        `- **Position:** ${todo(`choose one of ${ids(RATCHET_POSITIONS.map((t) => t.id))}`)}`,
        `- **Rationale:** ${todo(def.prompt)}`,
      ];
    case 'indirect-harms':
      return INDIRECT_HARMS.map(factorLine);
    case 'harmed-parties':
      return HARMED_PARTIES.map((p) => `- **${sentenceCase(p.label)}:** ${todo(p.question ?? p.definition)}`);
    case 'release-plan': {
      const out = ['The release plan is in [release.yaml](release.yaml) beside this file.', ''];
      if (a.artifacts.length) {
        for (const art of a.artifacts) {
          const paths = art.paths.length ? ` at ${art.paths.map(codeSpan).join(', ')}` : '';
          out.push(`- \`${art.id}\` (${sentenceCase(findTerm('release-content', art.content)!.label).toLowerCase()})${paths}`);
        }
        out.push('');
      }
      out.push(todo(def.prompt));
      return out;
    }
    case 'disagreements':
    case 'conference-checklist':
      return [todo(`${def.prompt} (Optional: delete this section if it does not apply.)`)];
    default:
      return [todo(def.prompt)];
  }
}

/** Keeps a user-supplied title from turning into Markdown syntax (or an entity such as `&copy;`). */
function escapeInline(s: string): string {
  return s.replace(/([\\`*_[\]<>#])/g, '\\$1').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** A path as inline code, fenced with more backticks than it holds so that it shows verbatim. */
function codeSpan(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

// ---------------------------------------------------------------------------------------------
// release.yaml
// ---------------------------------------------------------------------------------------------

const YAML_RESERVED = /^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\.inf|\.nan|\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+)|\d{4}-\d\d-\d\d.*)$/i;

/** A YAML scalar: plain when that is unambiguous (in flow context too), else double-quoted. */
export function yamlScalar(s: string): string {
  const plain = /^[A-Za-z0-9./(][A-Za-z0-9 ._\/()@+=~'-]*$/.test(s) && !/\s$/.test(s) && !YAML_RESERVED.test(s);
  return plain ? s : JSON.stringify(s);
}

function flowList(items: readonly string[]): string {
  return `[${items.map(yamlScalar).join(', ')}]`;
}

function scaffoldRelease(a: Normalised): string[] {
  const out: string[] = [];
  out.push(`# yaml-language-server: $schema=${SCHEMA_ID}`);
  out.push(`# Release plan, scaffolded by impact-notes on ${isoDate(a.today)}. Replace every TODO with your decision;`);
  out.push('# the reasoning behind it belongs in IMPACT.md beside this file.');
  out.push(`impact-release: ${SCHEMA_VERSION}`);
  if (a.title) out.push(`title: ${yamlScalar(a.title)}`);
  out.push('assessment: IMPACT.md');
  if (a.modalities.length) out.push(`modality: ${flowList(a.modalities)}`);
  else out.push(`# modality: [audio]   # TODO: ${ids(MODALITY_IDS)}`);
  out.push('review:');
  out.push(`  level: ${a.reviewLevel}   # ${ids(REVIEW_LEVELS.map((t) => t.id))}; add reviewers, date and next after the review`);
  out.push(`contact: ${yamlScalar(a.contact ?? 'TODO add where misuse is reported, as a mailto: link or a URL')}`);
  if (a.artifacts.length === 0) {
    out.push('artifacts: []   # TODO: list what you may release (paper, code, data, weights, demo), e.g.');
    out.push('#  - id: weights');
    out.push('#    content: trained-model');
    out.push('#    paths: [checkpoints/**]');
  } else {
    out.push('artifacts:');
    for (const art of a.artifacts) {
      out.push(`  - id: ${yamlScalar(art.id)}`);
      out.push(`    content: ${art.content}`);
      if (art.paths.length) out.push(`    paths: ${flowList(art.paths)}`);
      out.push('    timing:');
      out.push('      kind: evented   # immediate, timed (date), periodic (every, next), evented (event), staged (stages) or withheld (reason)');
      out.push(`      event: ${yamlScalar('TODO decide when this artifact goes out, then set kind and its fields')}`);
      out.push('    distribution:');
      out.push('      kind: private   # public, ask-for-access (process), safety-levels (levels), access-community (community), hosted or private (reason)');
      out.push(`      reason: ${yamlScalar('TODO decide who may receive this artifact; until then it stays with the authors')}`);
    }
  }
  if (a.modalities.length === 0 || a.modalities.some((m) => SYNTHETIC_MEDIA_MODALITIES.includes(m))) {
    out.push('safeguards:   # status: implemented, planned, not-implemented or not-applicable (the last two with a reason);');
    out.push('              # enforced: released-code, hosted-service, access-process, license or other');
    for (const s of SAFEGUARDS) {
      out.push(`  # ${s.label}: ${lowerFirst(s.definition)}`);
      out.push(`  ${s.id}:`);
      out.push('    status: planned');
      out.push(`    detail: ${yamlScalar('TODO decide whether and how to build this in')}`);
    }
  }
  out.push(`withdrawal: ${yamlScalar('TODO describe how a released artifact would be pulled back, and who decides')}`);
  return out;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
