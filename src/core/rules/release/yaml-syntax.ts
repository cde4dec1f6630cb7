import { defineReleaseRule } from '../define';
import { planOf } from './common';

const MAX_SHOWN = 20;

/** YAML the parser cannot read: each syntax error at its position, or why the file was not read as data. */
export const yamlSyntax = defineReleaseRule({
  meta: {
    name: 'yaml-syntax',
    description: 'release.yaml is not valid YAML, or could not be read as data (binary file, alias bomb).',
    defaultSeverity: 'error',
    fixable: false,
    source: 'YAML 1.2; the release-plan schema (schemas/release.schema.json)',
  },
  check(ctx) {
    const plan = planOf(ctx);
    if (!plan) return;
    const src = plan.source;
    // One broken bracket can cascade into hundreds of errors: show the first ones and a count.
    const shown = plan.syntaxErrors.slice(0, MAX_SHOWN);
    for (const e of shown) {
      // The parser marks one character; widen an empty mark to the character at that spot.
      let { start, end } = e.range;
      if (end <= start && start < src.length && !/[\r\n]/.test(src.text[start])) end = start + 1;
      ctx.report({
        message: `YAML syntax error: ${sentence(e.message)}${hint(e.code)}`,
        file: 'release',
        range: { start, end },
        data: { code: e.code },
      });
    }
    const rest = plan.syntaxErrors.length - shown.length;
    if (rest > 0) {
      const next = plan.syntaxErrors[MAX_SHOWN].range;
      ctx.report({
        message: `${rest} more YAML syntax ${rest === 1 ? 'error follows' : 'errors follow'}, often caused by the ones above: fix those first.`,
        file: 'release',
        range: { start: next.start, end: next.start },
        data: { more: rest },
      });
    }
    if (plan.skipped) {
      const first = { start: 0, end: src.lineEnd(0) };
      const message = /alias/i.test(plan.skipped)
        ? 'This file expands too many YAML aliases (*name), as an alias bomb does, so it was not read. A release plan needs no aliases: write the values out.'
        : !plan.doc
          ? `This file is not readable as a release plan: ${plan.skipped}. Save it as UTF-8 YAML text.`
          : `This file could not be read as data: ${plan.skipped.replace(/^the YAML could not be read as data: /, '')}.`;
      ctx.report({ message, file: 'release', range: first });
    }
  },
});

function sentence(m: string): string {
  const t = m.trim().replace(/[.:]+$/, '');
  return t.charAt(0).toLowerCase() + t.slice(1) + '.';
}

/** A short how-to for the errors people meet most often. */
function hint(code: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return ' Indent with spaces.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return ' Check the indentation and the brackets of this line and the one before.';
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return ' A key and its colon must be on one line; quote values that contain ": ".';
    case 'UNEXPECTED_TOKEN':
      return ' Quote the value if it contains characters such as ": ", " #", "[" or "{".';
    default:
      return '';
  }
}
