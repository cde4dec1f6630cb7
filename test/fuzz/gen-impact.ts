/**
 * Structure-aware generator for IMPACT.md: random documents built from the taxonomy (sections by
 * title, id or alias, in any case, numbered or decorated; hazard and factor sub-sections; markers
 * with random keys, values and separators), mixed with the Markdown that trips parsers up (setext
 * headings, front matter, code fences, HTML comments and suppression comments, nested lists,
 * blockquotes, tables, emphasis, tabs, emoji and astral characters, BOM, CRLF/CR/LF).
 *
 * Everything is a fast-check arbitrary, so a failing document shrinks to a small one.
 */
import fc from 'fast-check';
import { HARMED_PARTIES, HAZARD_TYPES, INDIRECT_HARMS, MODALITIES, PATH_STAGES, PATH_TO_HARM, RATCHET_POSITIONS, SECTIONS, type Term } from '../../src/core/taxonomy';

const termNames = (terms: readonly Term[]) => terms.flatMap((t) => [t.label, t.id, ...(t.aliases ?? [])]);

export const SECTION_NAMES = SECTIONS.flatMap((s) => [s.title, s.id, ...s.aliases]);
const HAZARD_NAMES = [...termNames(HAZARD_TYPES), ...HAZARD_TYPES.map((t) => `${t.label} hazard`), 'Product hazards', 'Other hazard'];
const FACTOR_NAMES = termNames(PATH_TO_HARM);
const STAGE_NAMES = [...PATH_STAGES.flatMap((s) => [s.label, s.id]), 'Stage 2: Deployment', 'Sustained Use (3)'];
const PARTY_NAMES = termNames(HARMED_PARTIES);
const POSITION_NAMES = termNames(RATCHET_POSITIONS);

/** Words and fragments that rules look for: placeholders, dismissals, ratings, answers. */
const LOADED_WORDS = [
  'TODO', 'TBD', 'TBA', 'FIXME', 'XXX', '[More Information Needed]', '\\answerTODO{}', '<describe here>', '_TODO: fill in_',
  'N/A', 'n/a', 'None.', 'none', 'We do not foresee any negative societal impact.', 'There are no ethical concerns.',
  'Not applicable to this work.', 'because', 'however', 'low', 'medium', 'high', 'unknown', 'not-applicable', 'very high',
  'moderate', 'yes', 'no', 'unsure', 'maybe', 'audio', 'speech', 'video', 'image', 'text', 'voice', 'face', 'deepfake',
  'watermark', 'detector', 'mailto:a@b.c', 'https://example.org/x', 'weights', 'paper', 'code', 'dataset', 'model',
  'impact-notes-disable', '—', '–', '--', ':', '::', '**', '__', '`', '\\', '|', '~~~', '```', '<!--', '-->', '#', '##',
];

const PLAIN_WORDS = [
  'the', 'model', 'voices', 'people', 'could', 'misuse', 'release', 'we', 'plan', 'to', 'publish', 'a', 'detector', 'for',
  'fraud', 'calls', 'consent', 'speakers', 'public', 'risk', 'is', 'small', 'large', 'because', 'of', 'and', 'or', 'in',
];

/** Odd characters: emoji, astral plane, combining marks, RTL, zero-width, NBSP, lone surrogates, controls. */
const ODD_CHARS = ['😀', '👩‍🔬', '𝔘', '𠀋', 'é', 'e\u0301', '\u202e', '\u200b', '\u00a0', '\u2028', '\ud800', '\udc00', '\t', '\u000b', '\u000c', 'ß', 'İ', 'ﬁ', '\u0085'];

const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PLAIN_WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...LOADED_WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_CHARS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9 }).chain((n) => (n === 0 ? fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) : fc.constantFrom(...PLAIN_WORDS))) },
);

/** A run of words joined by spaces (or an odd separator now and then). */
export const words = (min = 1, max = 12) =>
  fc.array(fc.tuple(word, fc.constantFrom(' ', ' ', ' ', ' ', '', '  ', '\t', ', ', '. ')), { minLength: min, maxLength: max }).map((ws) =>
    ws.map(([w, s], i) => (i === ws.length - 1 ? w : w + s)).join(''),
  );

const casing = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s,
  (s) => s.toUpperCase(),
  (s) => s.toLowerCase(),
  (s) => s.replace(/\b\w/g, (c) => c.toUpperCase()),
);

/** A section/sub-section title, decorated the way people write them. */
const decoratedTitle = (names: readonly string[]) =>
  fc
    .tuple(
      fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: words(1, 4) }),
      casing,
      fc.constantFrom('', '', '', '2. ', '§3 ', '(a) ', '1) ', '4.1 '),
      fc.constantFrom('', '', '', ':', ' (optional)', ' 😀', ' <!-- note -->', ' #'),
      fc.constantFrom('', '', '', '**', '_', '`'),
    )
    .map(([name, c, num, tail, em]) => `${num}${em}${c(name)}${em}${tail}`);

type Block = string[];

const heading = (level: number, names: readonly string[]) =>
  fc.tuple(decoratedTitle(names), fc.constantFrom('atx', 'atx', 'atx', 'closed', 'setext', 'indented'), fc.constantFrom('', ' ', '  ')).map(([t, style, sp]): Block => {
    if (style === 'setext' && level <= 2) return [t, level === 1 ? '=====' : '-----'];
    const hashes = '#'.repeat(level);
    if (style === 'closed') return [`${hashes} ${t} ${hashes}`];
    if (style === 'indented') return [`${sp}${hashes}${sp || ' '}${t}`];
    return [`${hashes} ${t}`];
  });

const markerKey = fc.oneof(
  fc.constantFrom('Applies', 'Rationale', 'Rating', 'Position', 'Reason', 'Why', 'Modality', 'Capability', 'Level', 'Current stage', 'Applicable'),
  fc.constantFrom(...FACTOR_NAMES),
  fc.constantFrom(...HAZARD_NAMES),
  fc.constantFrom(...PARTY_NAMES),
  fc.constantFrom(...termNames(INDIRECT_HARMS)),
  fc.constantFrom('2026-05-10', 'Date', 'Reviewer', 'https', 'Note'),
  words(1, 3),
);

const markerValue = fc.oneof(
  fc.constantFrom('', ' ', 'yes', 'no', 'unsure', 'low', 'medium', 'high', 'unknown', 'not-applicable', 'n/a', 'TODO', 'hgih', 'very high'),
  fc.tuple(fc.constantFrom('low', 'medium', 'high', 'yes', 'no', 'unknown', '**high**', '`low`', '_medium_', 'Hihg'), fc.constantFrom(' — ', ' – ', ' -- ', ' - ', ': ', ', ', '; ', ' because ', ' (', ' '), words(0, 14)).map((p) => p.join('')),
  fc.constantFrom(...POSITION_NAMES, ...termNames(MODALITIES)),
  words(0, 10),
);

/** `- **Key:** value` in its many spellings. */
const marker = fc
  .tuple(
    fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '-\t', '- [ ] ', '- [x] ', '  - ', '    - ', '\t- '),
    fc.constantFrom('**K:**', '**K**:', '__K:__', '*K*:', 'K:', '**K :**', '**K:** ', '`K`:', '**K**', 'K —'),
    markerKey,
    markerValue,
    fc.array(fc.tuple(fc.constantFrom('  ', '    ', '\t', '   - ', ''), words(1, 8)), { maxLength: 2 }),
  )
  .map(([bullet, shape, key, value, cont]): Block => [`${bullet}${shape.replace('K', key)} ${value}`, ...cont.map(([ind, w]) => ind + w)]);

const paragraph = fc.array(words(1, 14), { minLength: 1, maxLength: 3 }).map((ls): Block => ls);

const comment = fc.oneof(
  fc.constantFrom(
    '<!-- impact-notes-disable-next-line -->',
    '<!-- impact-notes-disable placeholder-text -->',
    '<!-- impact-notes-enable -->',
    '<!-- impact-notes-disable-file factor-unrated, missing-section -->',
    '<!-- impact-notes-disable-line -- because -->',
    '<!-- impact-notes-disable-next-line nonexistent-rule -->',
    '<!-- TODO: fill this in -->',
    '<!--',
    '-->',
    '<!-- unclosed',
    '<!---->',
  ),
  words(0, 6).map((w) => `<!-- ${w} -->`),
  words(0, 4).map((w) => `<!-- ${w}`),
  words(1, 4).map((w) => `${w} <!-- impact-notes-disable-line -->`),
).map((c): Block => [c]);

const fence = fc
  .tuple(fc.constantFrom('```', '~~~', '````', '```yaml', '``` md'), fc.array(fc.oneof(words(0, 6), fc.constantFrom('## Summary', '- **Applies:** yes', '# T', '<!-- impact-notes-disable-file -->')), { maxLength: 4 }), fc.boolean())
  .map(([f, body, closed]): Block => [f, ...body, ...(closed ? [f.replace(/[a-z ]+$/, '')] : [])]);

const misc = fc.oneof(
  fc.constantFrom<Block>(
    ['| a | b |', '|---|---|', '| **Applies:** | yes |'],
    ['> - **Applies:** yes', '> quoted rationale'],
    ['<div>', '## Summary', '</div>'],
    ['***'],
    ['---'],
    [''],
    ['    indented code - **Rating:** high'],
    ['\\- **Applies:** escaped'],
    ['<details><summary>More</summary>', '', 'hidden', '</details>'],
    ['[link](https://example.org "t") and ![img](x.png)'],
    ['- a', '  - b', '    - **Slottability:** low — nested', '      1. deep'],
    ['Term', ': definition'],
  ),
  words(1, 8).map((w): Block => [`> ${w}`]),
);

const block: fc.Arbitrary<Block> = fc.oneof(
  { weight: 6, arbitrary: marker },
  { weight: 4, arbitrary: paragraph },
  { weight: 2, arbitrary: comment },
  { weight: 1, arbitrary: fence },
  { weight: 2, arbitrary: misc },
);

const subsection = fc
  .tuple(
    fc.constantFrom(3, 3, 3, 4),
    fc.oneof(fc.constantFrom(HAZARD_NAMES, STAGE_NAMES, FACTOR_NAMES, PARTY_NAMES)),
    fc.array(block, { maxLength: 5 }),
  )
  .chain(([level, names, blocks]) => heading(level, names).map((h): Block => [...h, ...blocks.flat()]));

const section = fc
  .tuple(heading(2, SECTION_NAMES), fc.array(block, { maxLength: 5 }), fc.array(subsection, { maxLength: 4 }), fc.boolean())
  .map(([h, blocks, subs, blank]): Block => {
    const out = [...h];
    if (blank) out.push('');
    for (const b of blocks) out.push(...b, ...(blank ? [''] : []));
    for (const s of subs) out.push(...s, ...(blank ? [''] : []));
    return out;
  });

const frontMatter = fc.constantFrom<Block>([], [], [], ['---', 'title: x', '---'], ['+++', 'a = 1', '+++'], ['---', 'unclosed: yes']);

const title = fc.oneof(heading(1, ['Impact assessment', 'Impact assessment: VoxShift', 'IMPACT']), fc.constant<Block>([]));

export type Eol = '\n' | '\r\n' | '\r' | 'mixed';
export const eolArb = fc.constantFrom<Eol>('\n', '\n', '\r\n', '\r\n', '\r', 'mixed');

/** Joins lines with a line-break style; 'mixed' picks one per line from a seed list. */
export function joinLines(lines: readonly string[], eol: Eol, mixSeed: readonly number[] = [0]): string {
  if (eol !== 'mixed') return lines.join(eol);
  const eols = ['\n', '\r\n', '\r'];
  return lines.map((l, i) => (i === lines.length - 1 ? l : l + eols[(mixSeed[i % mixSeed.length] ?? 0) % 3])).join('');
}

/** A whole IMPACT.md. */
export const impactText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', '', '\ufeff'),
    frontMatter,
    title,
    fc.array(block, { maxLength: 2 }),
    fc.array(section, { maxLength: 12 }),
    eolArb,
    fc.array(fc.nat(2), { minLength: 1, maxLength: 7 }),
    fc.constantFrom('end', 'end', 'none', 'two'),
    fc.constantFrom('', '', '', '  ', '\t'),
  )
  .map(([bom, fm, t, pre, sections, eol, mix, trailing, indentAll]) => {
    const lines = [...fm, ...t, '', ...pre.flat(), ...sections.flat()].map((l) => (indentAll && l && !l.startsWith(' ') && l.length % 5 === 0 ? indentAll + l : l));
    if (trailing === 'end') lines.push('');
    if (trailing === 'two') lines.push('', '');
    return bom + joinLines(lines, eol, mix);
  });
