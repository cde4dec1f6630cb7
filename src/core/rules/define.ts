/**
 * How a rule is written. Each define* helper takes the rule's metadata (without `scope`, which the
 * helper sets) and its check function, typed for what the rule reads:
 *
 * - defineImpactRule: check() gets `ctx.impact`, the parsed IMPACT.md, always present;
 * - defineReleaseRule: check() gets `ctx.release`, the parsed release.yaml, always present;
 * - definePairRule: check() gets either file or both (each may be absent);
 * - defineWorkspaceRule: checkWorkspace() gets what discovery or the provenance check gathered.
 *
 * The engine runs IMPACT.md rules only when there is an IMPACT.md and release.yaml rules only when
 * there is a release.yaml; the helpers check it again, so no rule needs a non-null assertion.
 */
import { ruleOptions, ruleSeverity, type Config } from '../config';
import type { DocumentRule, Finding, ImpactRuleContext, ReleaseRuleContext, Rule, RuleContext, RuleMeta, WorkspaceRule, WorkspaceRuleContext } from '../types';

/** A rule's metadata as its file writes it: everything but the scope, which its define* helper sets. */
export type RuleMetaInput = Omit<RuleMeta, 'scope'>;

const hasImpact = (ctx: RuleContext): ctx is ImpactRuleContext => ctx.impact !== undefined;
const hasRelease = (ctx: RuleContext): ctx is ReleaseRuleContext => ctx.release !== undefined;

/** Whether the engine runs a rule on a pair (every rule but the workspace rules). */
export function isDocumentRule(rule: Rule): rule is DocumentRule {
  return rule.meta.scope !== 'workspace' && 'check' in rule;
}

/** A rule that reads IMPACT.md. */
export function defineImpactRule(rule: { meta: RuleMetaInput; check(context: ImpactRuleContext): void }): DocumentRule {
  return {
    meta: { ...rule.meta, scope: 'impact' },
    check: (ctx) => {
      if (hasImpact(ctx)) rule.check(ctx);
    },
  };
}

/** A rule that reads release.yaml. */
export function defineReleaseRule(rule: { meta: RuleMetaInput; check(context: ReleaseRuleContext): void }): DocumentRule {
  return {
    meta: { ...rule.meta, scope: 'release' },
    check: (ctx) => {
      if (hasRelease(ctx)) rule.check(ctx);
    },
  };
}

/** A rule that compares the two files of a pair; it runs when either exists, so each may be absent. */
export function definePairRule(rule: { meta: RuleMetaInput; check(context: RuleContext): void }): DocumentRule {
  return {
    meta: { ...rule.meta, scope: 'pair' },
    check: (ctx) => {
      if (hasImpact(ctx) || hasRelease(ctx)) rule.check(ctx);
    },
  };
}

/** A rule about the folder tree or the files' bytes, run by the part of the product that gathers `Input`. */
export function defineWorkspaceRule<Input>(rule: { meta: RuleMetaInput; checkWorkspace(input: Input, context: WorkspaceRuleContext): void }): WorkspaceRule<Input> {
  return { meta: { ...rule.meta, scope: 'workspace' }, checkWorkspace: rule.checkWorkspace };
}

/**
 * Runs a workspace rule with the configuration in effect where its findings sit: nothing when the
 * rule is off there; otherwise its findings, with the rule id and the configured severity (unless a
 * finding gives its own).
 */
export function runWorkspaceRule<Input>(rule: WorkspaceRule<Input>, input: Input, config: Config): Finding[] {
  const severity = ruleSeverity(rule, config);
  if (severity === 'off') return [];
  const out: Finding[] = [];
  rule.checkWorkspace(input, {
    severity,
    options: ruleOptions(rule, config),
    report: ({ severity: own, ...finding }) => out.push({ rule: rule.meta.name, severity: own ?? severity, ...finding }),
  });
  return out;
}
