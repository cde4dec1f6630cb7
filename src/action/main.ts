/**
 * The GitHub Action (action.yml at the repository root): `impact-notes lint` on the workspace, as
 * workflow annotations, with the Markdown report in the job summary, SARIF on request and step
 * outputs. A thin shell over the command line's own code: the lint and its verdict come from
 * lintAndJudge (the same call `impact-notes lint` makes), annotations and SARIF from its formats,
 * the report from `impact-notes report`. Bundled into action/main.js (committed, so a workflow
 * runs it without installing anything; `node scripts/build.mjs --only action` rebuilds it).
 *
 * Inputs arrive as INPUT_<NAME> variables (GitHub keeps the hyphens: INPUT_MAX-WARNINGS); results
 * go to stdout (annotations), GITHUB_STEP_SUMMARY (Markdown) and GITHUB_OUTPUT (name=value lines).
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { todayFrom } from '../cli/dates';
import { escapeData, format, relativeFile } from '../cli/format';
import { ConfigError, lintAndJudge, UsageError, type FindingProvider, type LintVerdict } from '../cli/lint';
import { LINKS, version } from '../cli/package-info';
import { defaultProviders } from '../cli/providers';
import { loadReport, renderReport } from '../cli/report';

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ActionInputs {
  paths: string[];
  maxWarnings: number;
  sarifFile: string;
  failOn: FailOn;
}

export type Env = Record<string, string | undefined>;

export interface ActionIo {
  env: Env;
  /** Workflow commands and log lines. */
  stdout: (s: string) => void;
  /** The working directory when GITHUB_WORKSPACE is not set. */
  cwd: string;
}

/** An input as GitHub passes it: INPUT_ + the name in upper case, spaces as underscores. */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function readInputs(env: Env): ActionInputs {
  const paths = getInput(env, 'path')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const mw = getInput(env, 'max-warnings') || '-1';
  if (!/^-?\d+$/.test(mw) || Number(mw) < -1) throw new UsageError(`Input max-warnings: '${mw}' is not a whole number (0 or more; -1 for no limit).`);
  const failOn = (getInput(env, 'fail-on') || 'error').toLowerCase();
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`Input fail-on: '${failOn}' is not one of ${FAIL_ON.join(', ')}.`);
  return { paths: paths.length ? paths : ['.'], maxWarnings: Number(mw), sarifFile: getInput(env, 'sarif-file'), failOn: failOn as FailOn };
}

/** Whether the step fails: fail-on error is exactly the CLI's exit code; warning also fails on any warning. */
export function stepFails(v: Pick<LintVerdict, 'code' | 'warnings'>, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'warning') return v.code !== 0 || v.warnings > 0;
  return v.code !== 0;
}

/** Appends outputs in GitHub's file format (a delimiter block for values with line breaks). */
export function outputLines(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([k, v]) => {
      if (!/[\r\n]/.test(v)) return `${k}=${v}\n`;
      const delim = `ghadelimiter_${randomUUID()}`;
      return `${k}<<${delim}\n${v}\n${delim}\n`;
    })
    .join('');
}

function escapeCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The job summary: verdict, counts per file, then the report of each assessment. */
export async function summaryMarkdown(v: LintVerdict, inputs: ActionInputs, failed: boolean, workspace: string, today: Date): Promise<string> {
  const ready = v.ready;
  const out: string[] = [];
  const infos = v.findings.length - v.errors - v.warnings;
  const counts = `${plural(v.errors, 'error')}, ${plural(v.warnings, 'warning')}${infos ? `, ${infos} info` : ''}`;
  out.push(`## Impact Notes: ${ready ? 'ready for release' : 'not ready for release'}`, '');
  if (v.pairs.length) out.push(v.summary, '');
  out.push(`${plural(v.pairs.length, 'assessment')} checked · ${counts} · step ${failed ? 'failed' : 'passed'} (fail-on: ${inputs.failOn}${inputs.maxWarnings >= 0 ? `, max-warnings: ${inputs.maxWarnings}` : ''}).`);
  if (v.tooManyWarnings) out.push('', `More warnings than max-warnings (${inputs.maxWarnings}).`);
  if (v.findings.length) {
    const byFile = new Map<string, { e: number; w: number; i: number }>();
    for (const f of v.findings) {
      const file = relativeFile(workspace, f.path);
      const c = byFile.get(file) ?? byFile.set(file, { e: 0, w: 0, i: 0 }).get(file)!;
      if (f.severity === 'error') c.e++;
      else if (f.severity === 'warning') c.w++;
      else c.i++;
    }
    out.push('', '| File | Errors | Warnings | Info |', '|---|---:|---:|---:|');
    for (const [file, c] of byFile) out.push(`| ${escapeCell(file)} | ${c.e} | ${c.w} | ${c.i} |`);
  }
  for (const pair of v.pairs) {
    try {
      const { model } = await loadReport(pair.dir, workspace, today);
      out.push('', '---', '', renderReport(model, 'md').trimEnd());
    } catch (err) {
      out.push('', `Report for ${escapeCell(relativeFile(workspace, pair.dir))} not written: ${escapeCell(err instanceof Error ? err.message : String(err))}`);
    }
  }
  return out.join('\n') + '\n';
}

/** Runs the action; returns the process exit code (0 passes the step). */
export async function runAction(io: ActionIo, providers?: readonly FindingProvider[]): Promise<number> {
  const { env } = io;
  const workspace = path.resolve(env.GITHUB_WORKSPACE || io.cwd);
  try {
    const inputs = readInputs(env);
    const today = todayFrom(undefined, env);
    const verdict = await lintAndJudge(
      { cwd: workspace, paths: inputs.paths, fix: false, today, discovery: true, maxWarnings: inputs.maxWarnings },
      providers ?? defaultProviders((line) => io.stdout(`::warning::${escapeData(line.trim())}\n`)),
    );
    const ctx = { cwd: workspace, color: false, rules: verdict.rules, toolVersion: version, links: LINKS };
    io.stdout(format('github', verdict.findings, ctx));
    if (verdict.pairs.length === 0 && verdict.findings.length === 0) {
      io.stdout(`::warning::${escapeData(`No IMPACT.md or release plan found in ${inputs.paths.join(', ')}.`)}\n`);
    }

    let sarifPath = '';
    if (inputs.sarifFile) {
      sarifPath = path.resolve(workspace, inputs.sarifFile);
      fs.mkdirSync(path.dirname(sarifPath), { recursive: true });
      fs.writeFileSync(sarifPath, format('sarif', verdict.findings, ctx));
      io.stdout(`Wrote SARIF to ${relativeFile(workspace, sarifPath)}\n`);
    }

    const failed = stepFails(verdict, inputs.failOn);
    const ready = verdict.ready;
    if (env.GITHUB_STEP_SUMMARY) fs.appendFileSync(env.GITHUB_STEP_SUMMARY, await summaryMarkdown(verdict, inputs, failed, workspace, today));
    if (env.GITHUB_OUTPUT) {
      fs.appendFileSync(env.GITHUB_OUTPUT, outputLines({ errors: String(verdict.errors), warnings: String(verdict.warnings), 'sarif-file': sarifPath, ready: String(ready) }));
    }
    const counts = `${plural(verdict.errors, 'error')}, ${plural(verdict.warnings, 'warning')}`;
    if (failed) {
      const why = verdict.tooManyWarnings ? `more warnings than max-warnings (${inputs.maxWarnings})` : verdict.errors ? 'errors found' : 'warnings found (fail-on: warning)';
      io.stdout(`::error::Impact Notes: ${counts}; ${why}.\n`);
      return 1;
    }
    io.stdout(`Impact Notes: ${counts}.\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      for (const line of err.message.split('\n')) io.stdout(`::error::Impact Notes: ${escapeData(line)}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e.code === 'string' && e.syscall) {
      io.stdout(`::error::Impact Notes: ${escapeData(e.message)}\n`);
      return 2;
    }
    io.stdout(`::error::Impact Notes: internal error: ${escapeData(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
    return 2;
  }
}

if (require.main === module) {
  runAction({ env: process.env, stdout: (s) => process.stdout.write(s), cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stdout.write(`::error::Impact Notes: internal error: ${escapeData(String(err))}\n`);
      process.exitCode = 2;
    },
  );
}
