import { defineReleaseRule } from '../define';
import { asRecord, has, isBlank, isPlaceholder, own, planAnchor, planOf } from './common';
import { addToMapEdit } from './yaml-edit';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

/** How a contact string fails, or undefined when it is a usable misuse-report channel. */
export function contactProblem(v: string): string | undefined {
  const t = v.trim();
  if (/^mailto:/i.test(t)) return EMAIL.test(t.slice(7).split('?')[0]) ? undefined : 'the mailto: link has no valid e-mail address';
  if (/^https:\/\/[^\s/]+\.[^\s/]+/i.test(t)) return undefined;
  if (/^http:\/\//i.test(t)) return 'use an https:// URL, not http://';
  const inAngles = /<([^<>]+)>\s*$/.exec(t);
  if (EMAIL.test(t) || (inAngles && EMAIL.test(inAngles[1]))) return undefined;
  return 'it is not a mailto: link, an e-mail address or an https:// URL';
}

/** Where misuse is reported: a mailto: link, an e-mail address or an https URL. */
export const contactMissing = defineReleaseRule({
  meta: {
    name: 'contact-missing',
    description: "The plan has no 'contact' for misuse reports, or it is not a mailto: link, an e-mail address or an https:// URL.",
    defaultSeverity: 'warning',
    fixable: false,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §3.2.3 (oversight after release); the release-plan schema (schemas/release.schema.json)',
  },
  check(ctx) {
    const plan = planOf(ctx);
    if (!plan) return;
    const root = asRecord(plan.value);
    if (!root) return;
    const v = own(root, 'contact');
    if (isBlank(v)) {
      const edit = has(root, 'contact') ? undefined : addToMapEdit(plan, [], [['contact', 'TODO']]);
      ctx.report({
        message: "The plan has no 'contact' for misuse reports: add a mailto: link, an e-mail address or an https:// URL where people can tell you about misuse.",
        file: 'release',
        range: has(root, 'contact') ? plan.rangeOf(['contact'], 'key') : planAnchor(plan),
        suggestions: edit ? [{ title: "Add a 'contact' placeholder", edits: [edit] }] : undefined,
      });
      return;
    }
    if (typeof v !== 'string') return; // schema-violation: contact should be text
    const range = plan.rangeOf(['contact'], 'value');
    if (isPlaceholder(v)) {
      ctx.report({ message: "'contact' is still a placeholder: write the mailto: link, e-mail address or https:// URL where misuse is reported.", file: 'release', range });
      return;
    }
    const why = contactProblem(v);
    if (why) {
      ctx.report({ message: `'contact' cannot be used to report misuse: ${why}. Write a mailto: link, an e-mail address or an https:// URL.`, file: 'release', range });
    }
  },
});
