// Helpers for the hardening tests that compare what is published with a fresh computation: the
// diagnostics as comparable strings (per file, sorted), the expected diagnostics of a pair from a
// fresh core lint of its files, and the expected discovery diagnostics from the index's roots.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lint } from '../../src/core/engine';
import type { Finding } from '../../src/core/types';
import type { DiscoveryApi } from '../../src/extension/discovery';
import type { ImpactNotesApi } from '../../src/extension/extension';
import type { PairState } from '../../src/extension/lint-service';
import { codeOf } from './core-helpers';

const SEVERITY = ['error', 'warning', 'info', 'hint'];

/** One diagnostic as a comparable string: rule, range, severity, message. */
export function diagKey(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${codeOf(d)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${SEVERITY[d.severity]} ${d.message}`;
}

function findingKey(f: Finding): string {
  return `${f.rule} ${f.start.line}:${f.start.character}-${f.end.line}:${f.end.character} ${f.severity} ${f.message}`;
}

/** Within (or equal to) a folder or file. */
export function isUnder(uri: vscode.Uri, base: vscode.Uri): boolean {
  if (uri.scheme !== base.scheme || uri.authority !== base.authority) return false;
  return uri.path === base.path || uri.path.startsWith(base.path.endsWith('/') ? base.path : `${base.path}/`);
}

export type Snapshot = Map<string, string[]>;

/**
 * Our diagnostics (source impact-notes, every collection) by file URI, each list sorted; files with
 * none are left out. `within` limits it to some folders or files.
 */
export function snapshot(within?: readonly vscode.Uri[]): Snapshot {
  const out: Snapshot = new Map();
  for (const [uri, ds] of vscode.languages.getDiagnostics()) {
    if (within && !within.some((b) => isUnder(uri, b))) continue;
    const ours = ds.filter((d) => d.source === 'impact-notes').map(diagKey);
    if (!ours.length) continue;
    const k = uri.toString();
    out.set(k, [...(out.get(k) ?? []), ...ours].sort());
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One diagnostic collection's entries (e.g. the lint service's or discovery's), as a snapshot. */
export function collectionSnapshot(collection: vscode.DiagnosticCollection, within?: readonly vscode.Uri[]): Snapshot {
  const out: Snapshot = new Map();
  collection.forEach((uri, ds) => {
    if (within && !within.some((b) => isUnder(uri, b))) return;
    if (ds.length) out.set(uri.toString(), ds.map(diagKey).sort());
  });
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Snapshot as plain data, for deepEqual with readable diffs. */
export function plain(s: Snapshot): Record<string, string[]> {
  return Object.fromEntries(s);
}

/** Files whose diagnostics list the same diagnostic more than once. */
export function duplicates(s: Snapshot): string[] {
  const out: string[] = [];
  for (const [uri, keys] of s) {
    for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1]) out.push(`${uri}: ${keys[i]}`);
  }
  return out;
}

/** The lint service's own diagnostics of a file (its collection only), sorted. */
export function lintKeys(api: ImpactNotesApi, uri: vscode.Uri): string[] {
  return [...(api.lintService.diagnostics.get(uri) ?? [])].map(diagKey).sort();
}

/** Discovery's own diagnostics of a file (its collection only), sorted. */
export function discoveryKeys(discovery: DiscoveryApi, uri: vscode.Uri): string[] {
  return [...(discovery.service.diagnostics.get(uri) ?? [])].map(diagKey).sort();
}

/**
 * What a fresh core lint of a pair's current files reports, by file: findings on IMPACT.md, on
 * release.yaml, and workspace-level ones on IMPACT.md when there is one (as the service publishes).
 */
export async function freshLint(api: ImpactNotesApi, state: PairState): Promise<Map<string, string[]>> {
  const input = await api.lintService.inputFor(state);
  const result = lint(input);
  const impact: string[] = [];
  const release: string[] = [];
  for (const f of result.findings) {
    const target = f.file === 'release' ? release : f.file === 'impact' ? impact : state.impactUri ? impact : release;
    target.push(findingKey(f));
  }
  const out = new Map<string, string[]>();
  if (state.impactUri) out.set(state.impactUri.toString(), impact.sort());
  if (state.releaseUri) out.set(state.releaseUri.toString(), release.sort());
  return out;
}

/** Asserts that the lint service's diagnostics on a pair's files are those of a fresh lint. */
export async function assertFreshLint(api: ImpactNotesApi, uri: vscode.Uri): Promise<PairState> {
  const state = api.lintService.pairFor(uri);
  assert.ok(state, `no pair state for ${vscode.workspace.asRelativePath(uri)}`);
  for (const [file, expected] of await freshLint(api, state)) {
    assert.deepEqual(lintKeys(api, vscode.Uri.parse(file)), expected, `diagnostics on ${vscode.workspace.asRelativePath(vscode.Uri.parse(file))}`);
  }
  return state;
}

/** What discovery's index says should be published, by file (every root, fresh findings). */
export async function freshDiscovery(discovery: DiscoveryApi): Promise<Snapshot> {
  const out = new Map<string, string[]>();
  for (const rs of discovery.service.allRoots()) {
    for (const f of await discovery.service.findingsFor(rs)) {
      const k = vscode.Uri.joinPath(rs.workspaceFolder.uri, ...f.path.split('/')).toString();
      (out.get(k) ?? out.set(k, []).get(k)!).push(findingKey(f));
    }
  }
  for (const keys of out.values()) keys.sort();
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
