import { definePairRule } from '../define';

/**
 * A suppression comment that silences nothing: the finding it was written for is gone (fixed, or
 * moved to another line), or it names a rule that reports nothing there. Left in place, it would
 * silently hide the next real finding on that line. Modelled on ESLint's
 * `--report-unused-disable-directives`.
 */
export const unusedSuppression = definePairRule({
  meta: {
    name: 'unused-suppression',
    description: 'An inline suppression comment (impact-notes-disable…) suppresses no finding, so it can be removed.',
    defaultSeverity: 'info',
    fixable: false,
    source: "Impact Notes engine; ESLint's --report-unused-disable-directives",
    afterSuppressions: true,
  },
  check(ctx) {
    for (const { file, items } of ctx.unusedSuppressions ?? []) {
      for (const u of items) {
        const d = u.directive;
        const what = `impact-notes-${d.directive}`;
        if (u.name) {
          ctx.report({
            message: `This '${what}' comment suppresses no '${u.name.name}' finding: remove '${u.name.name}' from it${d.names.length === 1 ? ', or the whole comment' : ''}.`,
            file,
            range: { start: u.name.start, end: u.name.end },
            data: { rule: u.name.name, directive: d.directive },
          });
        } else {
          ctx.report({
            message: `This '${what}' comment (all rules) suppresses no finding: remove it.`,
            file,
            range: { start: d.start, end: d.end },
            data: { directive: d.directive },
          });
        }
      }
    }
  },
});
