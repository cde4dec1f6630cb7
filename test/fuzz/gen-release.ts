/**
 * Structure-aware generator for release.yaml: random plans drawn from the schema (every field the
 * rules read, with valid, placeholder, misspelt and wrongly typed values, unknown keys and
 * duplicate keys), written out by a small YAML emitter that picks block or flow style, quoting,
 * indentation, comments (suppression comments too), anchors and aliases node by node.
 */
import fc from 'fast-check';
import { ids, MODALITIES, RELEASE_CONTENT, RELEASE_DISTRIBUTION, RELEASE_TIMING, REVIEW_LEVELS, SAFEGUARDS, type Term } from '../../src/core/taxonomy';
import { eolArb, joinLines, words } from './gen-impact';

export type YNode =
  | { k: 'scalar'; v: string | number | boolean | null }
  | { k: 'map'; entries: [string, YNode][] }
  | { k: 'seq'; items: YNode[] };

const S = (v: string | number | boolean | null): YNode => ({ k: 'scalar', v });
const termSpellings = (terms: readonly Term[]) => terms.flatMap((t) => [t.id, t.id, t.label, ...(t.aliases ?? [])]);

const anyScalar = fc.oneof(
  fc.constantFrom<YNode>(S(null), S(true), S(false), S(0), S(-1), S(1.5), S(''), S('TODO'), S('~'), S('null'), S('yes'), S('2026-02-30')),
  fc.integer().map(S),
  words(1, 4).map(S),
);

/** A value of the wrong type for where it sits. */
const wrongType: fc.Arbitrary<YNode> = fc.oneof(
  anyScalar,
  fc.array(anyScalar, { maxLength: 3 }).map((items): YNode => ({ k: 'seq', items })),
  fc.array(fc.tuple(fc.constantFrom('a', 'kind', 'id', '__proto__', 'x y'), anyScalar), { maxLength: 3 }).map((entries): YNode => ({ k: 'map', entries })),
);

const maybeWrong = (arb: fc.Arbitrary<YNode>, wrong = 1) => fc.oneof({ weight: 12, arbitrary: arb }, { weight: wrong, arbitrary: wrongType });

const oneOf = (xs: readonly string[]) => fc.constantFrom(...xs).map(S);
const text = fc.oneof({ weight: 5, arbitrary: words(1, 10).map(S) }, { weight: 1, arbitrary: oneOf(['TODO', 'TBD', '<describe>', 'TODO: say who reviews requests', ' ', 'n/a']) });
const date = fc.oneof(
  fc.tuple(fc.integer({ min: 2019, max: 2031 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) =>
    S(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  ),
  oneOf(['2026-02-30', '2026-13-01', '26-05-10', '2026/05/10', 'next month', 'TODO', '2026-5-1', '']),
  fc.integer({ min: 2019, max: 2031 }).map(S),
);

/** A map from optional fields: each present with probability, unknown and duplicate keys now and then. */
function mapOf(fields: [string, fc.Arbitrary<YNode>, number?][], unknownKeys: string[] = []): fc.Arbitrary<YNode> {
  return fc
    .tuple(
      fc.tuple(...fields.map(([k, arb, p = 0.7]) => fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), arb).map(([r, v]) => (r < p ? ([k, v] as [string, YNode]) : undefined)))),
      fc.array(fc.tuple(fc.constantFrom(...unknownKeys, 'x-extra', 'Kind', 'notes '), anyScalar), { maxLength: 1 }),
      fc.nat(20),
      fc.boolean(),
    )
    .map(([present, unknown, dupAt, shuffle]) => {
      const entries = present.filter((e): e is [string, YNode] => !!e);
      if (unknown.length && dupAt % 3 === 0) entries.push(...unknown);
      if (dupAt === 7 && entries.length) entries.push(entries[0]);
      if (shuffle) entries.reverse();
      return { k: 'map', entries } as YNode;
    });
}

const seqOf = (arb: fc.Arbitrary<YNode>, max = 3, min = 0) => fc.array(arb, { minLength: min, maxLength: max }).map((items): YNode => ({ k: 'seq', items }));

const stage = mapOf(
  [
    ['date', date, 0.5],
    ['after', text, 0.5],
    ['release', text, 0.8],
    ['content', oneOf(termSpellings(RELEASE_CONTENT))],
    ['distribution', oneOf([...ids('release-distribution'), 'open'])],
    ['status', oneOf(['planned', 'released', 'skipped', 'done'])],
  ],
  ['when', 'relase'],
);

const timing = mapOf(
  [
    ['kind', maybeWrong(oneOf([...termSpellings(RELEASE_TIMING), 'later', 'TODO'])), 0.9],
    ['date', date, 0.4],
    ['every', text, 0.2],
    ['next', date, 0.3],
    ['event', text, 0.4],
    ['stages', maybeWrong(seqOf(stage, 3)), 0.4],
  ],
  ['when', 'dates'],
);

const level = mapOf([['level', text], ['who', text], ['access', text, 0.3]]);

const distribution = mapOf(
  [
    ['kind', maybeWrong(oneOf([...termSpellings(RELEASE_DISTRIBUTION), 'open', 'TODO'])), 0.9],
    ['process', text, 0.4],
    ['license', oneOf(['Apache-2.0', 'CC-BY-NC-4.0', '', 'TODO']), 0.3],
    ['levels', maybeWrong(seqOf(level, 2)), 0.3],
    ['community', text, 0.3],
    ['reason', text, 0.3],
    ['url', oneOf(['https://example.org/access', 'ftp://x', '']), 0.2],
  ],
  ['proces', 'who'],
);

const artifactId = fc.oneof(oneOf(['weights', 'paper', 'code', 'data', 'demo', 'weights', 'toolkit_v2.0', '-bad', 'with space', '']), fc.integer().map(S));

const artifact = mapOf(
  [
    ['id', artifactId, 0.9],
    ['content', maybeWrong(oneOf([...termSpellings(RELEASE_CONTENT), 'weights', 'modle', 'TODO'])), 0.85],
    ['description', text, 0.3],
    ['paths', maybeWrong(seqOf(oneOf(['checkpoints/**', 'paper/**', 'train.py', '*.pt', '', '../outside', '/abs', '{a,b}/**', '[', 'data/**']), 3)), 0.6],
    ['timing', maybeWrong(timing), 0.85],
    ['distribution', maybeWrong(distribution), 0.85],
    ['status', oneOf(['planned', 'released', 'withheld', 'withdrawn', 'gone']), 0.3],
    ['released', date, 0.15],
    ['safeguards', seqOf(oneOf([...ids('safeguard'), 'watermark']), 3), 0.2],
  ],
  ['artefact', 'timming', 'distrbution'],
);

const safeguard = mapOf([
  ['status', maybeWrong(oneOf(['implemented', 'planned', 'not-applicable', 'TODO', 'done'])), 0.85],
  ['detail', text, 0.5],
  ['reason', text, 0.3],
  ['due', date, 0.2],
]);

const safeguards = fc
  .array(fc.constantFrom(...termSpellings(SAFEGUARDS), 'watermark', 'consnet'), { maxLength: 6 })
  .chain((keys) => fc.tuple(...keys.map((k) => maybeWrong(safeguard).map((v) => [k, v] as [string, YNode]))))
  .map((entries): YNode => ({ k: 'map', entries }));

const review = mapOf([
  ['level', maybeWrong(oneOf([...termSpellings(REVIEW_LEVELS), 'none', 'TODO'])), 0.85],
  ['reviewers', seqOf(text, 2), 0.5],
  ['date', date, 0.6],
  ['next', date, 0.5],
]);

/** A release plan as a YAML node tree. */
export const planNode: fc.Arbitrary<YNode> = mapOf(
  [
    ['impact-release', fc.constantFrom<YNode>(S(1), S(1), S(1), S('1'), S(2), S('one')), 0.9],
    ['title', text, 0.7],
    ['assessment', oneOf(['IMPACT.md', 'docs/IMPACT.md', 'impact.md', '', '../IMPACT.md']), 0.6],
    ['modality', maybeWrong(fc.oneof(oneOf(termSpellings(MODALITIES)), seqOf(oneOf([...termSpellings(MODALITIES), 'smell']), 3))), 0.7],
    ['review', maybeWrong(review), 0.7],
    ['contact', oneOf(['mailto:misuse@example.org', 'misuse@example.org', 'https://example.org/report', 'http://x', 'Alice', 'mailto:', 'TODO', '']), 0.7],
    ['artifacts', maybeWrong(seqOf(artifact, 4)), 0.85],
    ['safeguards', maybeWrong(safeguards), 0.5],
    ['withdrawal', fc.oneof(text, mapOf([['plan', text], ['triggers', seqOf(text, 2)], ['contact', text, 0.3]])), 0.5],
    ['decisions', seqOf(mapOf([['date', date], ['decision', text], ['reason', text, 0.3]]), 2), 0.2],
  ],
  ['artefacts', 'reveiw', '__proto__', 'impact_release'],
);

// ---------------------------------------------------------------------------------------------
// The emitter: style decisions come from a list of random numbers, consumed in order.
// ---------------------------------------------------------------------------------------------

class Choices {
  private i = 0;
  constructor(private readonly xs: readonly number[]) {}
  /** A number in [0, n). */
  next(n: number): number {
    // Mixed with the position, so a short list still gives varied (but reproducible) choices.
    const i = this.i++;
    const x = this.xs.length ? this.xs[i % this.xs.length] : 0;
    const h = (Math.imul(x + 1, 2654435761) ^ Math.imul(i + 1, 40503)) >>> 0;
    return (h >>> 7) % n;
  }
  chance(oneIn: number): boolean {
    return this.next(oneIn) === 0;
  }
}

const COMMENTS = ['# note', '# impact-notes-disable-line', '# impact-notes-disable-next-line contact-missing -- reason', '#no space', '# 😀 ünïcode', '# TODO', '# impact-notes-disable-file schema-violation'];

function scalarText(v: string | number | boolean | null, c: Choices, flow: boolean): string {
  if (v === null) return ['null', '~', ''][c.next(3)];
  if (typeof v !== 'string') return String(v);
  switch (c.next(flow ? 4 : 6)) {
    case 0:
      return JSON.stringify(v);
    case 1:
      return `'${v.replace(/'/g, "''")}'`;
    case 5:
      return v.includes('\n') || c.chance(2) ? `|\n${v.split('\n').map((l) => '  ' + l).join('\n')}` : v;
    default:
      return v; // plain, whatever it holds: the parser must cope
  }
}

interface EmitState {
  c: Choices;
  anchors: string[];
}

function emitFlow(n: YNode, st: EmitState): string {
  const pre = anchorOrAlias(st);
  if (pre.alias) return pre.alias;
  if (n.k === 'scalar') return pre.anchor + scalarText(n.v, st.c, true);
  if (n.k === 'seq') return `${pre.anchor}[${n.items.map((x) => emitFlow(x, st)).join(st.c.chance(3) ? ',' : ', ')}${st.c.chance(8) ? ',' : ''}]`;
  return `${pre.anchor}{ ${n.entries.map(([k, v]) => `${key(k, st.c)}: ${emitFlow(v, st)}`).join(', ')} }`;
}

function key(k: string, c: Choices): string {
  if (k === '' || /[:#{}[\],&*!|>'"%@`]|^\s|\s$|^-/.test(k) || c.chance(20)) return JSON.stringify(k);
  return k;
}

function anchorOrAlias(st: EmitState): { anchor: string; alias?: string } {
  const r = st.c.next(40);
  if (r === 0) {
    const name = `a${st.anchors.length}`;
    st.anchors.push(name);
    return { anchor: `&${name} ` };
  }
  if (r === 1 && st.anchors.length) return { anchor: '', alias: `*${st.anchors[st.c.next(st.anchors.length)]}` };
  if (r === 2 && st.c.chance(4)) return { anchor: '', alias: '*undefined_anchor' };
  return { anchor: '' };
}

/** Block lines for a node that sits after `prefix` (a key with colon, or a `- `). */
function emitBlock(n: YNode, indent: number, st: EmitState, out: string[], prefix: string): void {
  const c = st.c;
  const pad = ' '.repeat(indent);
  const step = [2, 2, 2, 4, 1, 3][c.next(6)];
  const trailing = c.chance(10) ? `  ${COMMENTS[c.next(COMMENTS.length)]}` : '';
  if (c.chance(12)) out.push(pad + COMMENTS[c.next(COMMENTS.length)]);
  const pre = anchorOrAlias(st);
  if (pre.alias) {
    out.push(`${pad}${prefix}${prefix ? ' ' : ''}${pre.alias}${trailing}`);
    return;
  }
  const isEmpty = (n.k === 'map' && n.entries.length === 0) || (n.k === 'seq' && n.items.length === 0);
  if (n.k === 'scalar' || isEmpty || c.chance(5)) {
    const body = n.k === 'scalar' ? scalarText(n.v, c, false).replace(/\n/g, '\n' + pad) : emitFlow(n, st);
    out.push(`${pad}${prefix}${prefix ? ' ' : ''}${pre.anchor}${body}${trailing}`);
    return;
  }
  if (prefix) out.push(`${pad}${prefix}${pre.anchor ? ' ' + pre.anchor.trim() : ''}${trailing}`);
  else if (pre.anchor) out.push(pad + pre.anchor.trim());
  const childIndent = prefix ? indent + step : indent;
  if (n.k === 'map') {
    for (const [k, v] of n.entries) emitBlock(v, childIndent, st, out, `${key(k, c)}:`);
  } else {
    // Sequences under a key may sit at the key's own indentation (YAML allows it).
    const seqIndent = prefix && c.chance(3) ? indent : childIndent;
    for (const item of n.items) {
      if (item.k === 'map' && item.entries.length && !c.chance(4)) {
        const lines: string[] = [];
        emitBlock(item, seqIndent + 2, st, lines, '');
        // Put the first entry on the dash line.
        const first = lines.findIndex((l) => l.trim() && !l.trim().startsWith('#') && !l.trim().startsWith('&'));
        if (first >= 0) {
          lines[first] = ' '.repeat(seqIndent) + '- ' + lines[first].slice(seqIndent + 2);
          out.push(...lines);
        } else out.push(' '.repeat(seqIndent) + '-', ...lines);
      } else emitBlock(item, seqIndent, st, out, '-');
    }
  }
}

export function emitYaml(root: YNode, choices: readonly number[]): string[] {
  const st: EmitState = { c: new Choices(choices), anchors: [] };
  const out: string[] = [];
  if (st.c.chance(3)) out.push('# yaml-language-server: $schema=https://unpkg.com/impact-notes/schemas/release.schema.json');
  if (st.c.chance(10)) out.push('%YAML 1.2', '---');
  else if (st.c.chance(8)) out.push('---');
  if (root.k === 'map' && st.c.chance(10)) out.push(emitFlow(root, st));
  else emitBlock(root, 0, st, out, '');
  if (st.c.chance(12)) out.push('...');
  if (st.c.chance(15)) out.push('---', 'second: document');
  return out;
}

/** A whole release.yaml. */
export const releaseText: fc.Arbitrary<string> = fc
  .tuple(planNode, fc.array(fc.nat(1000), { minLength: 1, maxLength: 64 }), fc.constantFrom('', '', '', '', '\ufeff'), eolArb, fc.array(fc.nat(2), { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([node, choices, bom, eol, mix, finalEol]) => {
    const lines = emitYaml(node, choices);
    return bom + joinLines(finalEol ? [...lines, ''] : lines, eol, mix);
  });
