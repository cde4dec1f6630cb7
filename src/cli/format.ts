/**
 * Output formats of `impact-notes lint`: stylish (for people), json, sarif (code scanning) and
 * github (workflow annotations). Each takes the findings and returns the whole output text.
 */
import * as path from 'node:path';
import { createColors } from 'picocolors';
import { ruleDocUrl, type ProjectLinks } from '../core/docs-url';
import type { Finding, RuleMeta, Severity } from '../core/types';
import { toPosix } from './fs-host';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FormatContext {
  cwd: string;
  color: boolean;
  /** Metadata of every rule that could have produced a finding (for SARIF). */
  rules: readonly RuleMeta[];
  toolVersion: string;
  /** Where the project and its rule pages live on the web (links are left out when unknown). */
  links?: ProjectLinks;
}

/** A finding as the outside world sees it: file relative to cwd, 1-based lines and columns. */
export interface OutputFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: Severity;
  message: string;
}

export function relativeFile(cwd: string, file: string): string {
  if (!file) return '';
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return toPosix(rel || '.');
}

export function toOutput(f: Finding, cwd: string): OutputFinding {
  return {
    file: relativeFile(cwd, f.path),
    line: f.start.line + 1,
    column: f.start.character + 1,
    endLine: f.end.line + 1,
    endColumn: f.end.character + 1,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
  };
}

export function format(name: FormatName, findings: readonly Finding[], ctx: FormatContext): string {
  switch (name) {
    case 'json':
      return formatJson(findings, ctx);
    case 'sarif':
      return formatSarif(findings, ctx);
    case 'github':
      return formatGithub(findings, ctx);
    default:
      return formatStylish(findings, ctx);
  }
}

// ---------------------------------------------------------------------------------------------
// stylish
// ---------------------------------------------------------------------------------------------

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatStylish(findings: readonly Finding[], ctx: FormatContext): string {
  if (findings.length === 0) return '';
  const c = createColors(ctx.color);
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = relativeFile(ctx.cwd, f.path);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(f);
  }
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const [file, list] of groups) {
    lines.push('', c.underline(file));
    const rows = list.map((f) => ({
      pos: `${f.start.line + 1}:${f.start.character + 1}`,
      sev: f.severity,
      msg: f.message.replace(/\s*\r?\n\s*/g, ' '),
      rule: f.rule,
    }));
    const posW = Math.max(...rows.map((r) => r.pos.length));
    const sevW = Math.max(...rows.map((r) => r.sev.length));
    const msgW = Math.min(100, Math.max(...rows.map((r) => r.msg.length)));
    for (const r of rows) {
      const sevText = r.sev.padEnd(sevW);
      const sev = r.sev === 'error' ? c.red(sevText) : r.sev === 'warning' ? c.yellow(sevText) : c.blue(sevText);
      lines.push(`  ${c.dim(r.pos.padStart(posW))}  ${sev}  ${r.msg.padEnd(msgW)}  ${c.dim(r.rule)}`.trimEnd());
    }
    for (const f of list) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      if (f.fix) fixable++;
    }
  }
  const total = errors + warnings + infos;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos) parts.push(plural(infos, 'info'));
  const summary = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
  lines.push('', c.bold(errors ? c.red(summary) : warnings ? c.yellow(summary) : summary));
  if (fixable) lines.push(`  ${fixable} fixable with --fix`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// json
// ---------------------------------------------------------------------------------------------

export function formatJson(findings: readonly Finding[], ctx: FormatContext): string {
  return JSON.stringify(findings.map((f) => toOutput(f, ctx.cwd)), null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0
// ---------------------------------------------------------------------------------------------

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
function uriReference(rel: string): string {
  return rel
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function fileUri(dir: string): string {
  const posix = toPosix(path.resolve(dir));
  const withSlash = posix.endsWith('/') ? posix : `${posix}/`;
  const lead = withSlash.startsWith('/') ? '' : '/';
  return `file://${lead}${withSlash.split('/').map((s) => (/^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s))).join('/')}`;
}

export function formatSarif(findings: readonly Finding[], ctx: FormatContext): string {
  const metas = new Map<string, RuleMeta>();
  for (const m of ctx.rules) if (!metas.has(m.name)) metas.set(m.name, m);
  for (const f of findings) {
    if (!metas.has(f.rule)) {
      metas.set(f.rule, { name: f.rule, description: f.rule, scope: 'pair', defaultSeverity: f.severity, fixable: false });
    }
  }
  const ruleList = [...metas.values()];
  const index = new Map(ruleList.map((m, i) => [m.name, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'impact-notes',
            version: ctx.toolVersion,
            semanticVersion: ctx.toolVersion,
            ...(ctx.links?.projectUrl ? { informationUri: ctx.links.projectUrl } : {}),
            rules: ruleList.map((m) => ({
              id: m.name,
              shortDescription: { text: m.description },
              ...(ctx.links && ruleDocUrl(ctx.links, m.name) ? { helpUri: ruleDocUrl(ctx.links, m.name) } : {}),
              defaultConfiguration: { level: SARIF_LEVEL[m.defaultSeverity] },
              properties: { scope: m.scope, fixable: m.fixable, ...(m.source ? { source: m.source } : {}) },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: fileUri(ctx.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => {
          const o = toOutput(f, ctx.cwd);
          return {
            ruleId: f.rule,
            ruleIndex: index.get(f.rule),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uriReference(o.file), uriBaseId: '%SRCROOT%' },
                  region: { startLine: o.line, startColumn: o.column, endLine: o.endLine, endColumn: o.endColumn },
                },
              },
            ],
            ...(f.related?.length
              ? {
                  relatedLocations: f.related.map((r, id) => ({
                    id,
                    message: { text: r.message },
                    physicalLocation: {
                      artifactLocation: { uri: uriReference(relativeFile(ctx.cwd, r.path)), uriBaseId: '%SRCROOT%' },
                      region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 },
                    },
                  })),
                }
              : {}),
          };
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions workflow commands
// ---------------------------------------------------------------------------------------------

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (also `:` and `,`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(findings: readonly Finding[], ctx: FormatContext): string {
  return findings
    .map((f) => {
      const o = toOutput(f, ctx.cwd);
      const props = [
        `file=${escapeProperty(o.file)}`,
        `line=${o.line}`,
        `col=${o.column}`,
        `endLine=${o.endLine}`,
        `endColumn=${o.endColumn}`,
        `title=${escapeProperty(o.rule)}`,
      ].join(',');
      return `::${GITHUB_COMMAND[f.severity]} ${props}::${escapeData(o.message)}\n`;
    })
    .join('');
}
