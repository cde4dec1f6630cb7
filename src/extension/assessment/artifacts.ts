/**
 * A simple listing of the research artifacts in one folder (weights, datasets, training scripts)
 * for "New Impact Assessment…" and "Create Release Plan for Folder": workspace.findFiles with the
 * artifact markers, grouped into release.yaml artifacts. The workspace-wide discovery (coverage,
 * research roots) lives in src/core/discovery; this only proposes a starting list.
 */
import { posix } from '../../core/util/posix-path';
import { picomatch } from '../../core/util/picomatch';
import * as vscode from 'vscode';
import { TOOL_FOLDERS_GLOB } from '../../core/tool-folders';
import { walkFolder } from '../workspace-files';
import type { ScaffoldArtifact } from '../../core/scaffold';
import type { Settings } from '../settings';

export interface DetectedArtifact extends ScaffoldArtifact {
  /** For the quick pick: "checkpoints/ (2 weight files)". */
  label: string;
  detail: string;
}

type Group = 'weights' | 'datasets' | 'training';

const DEFAULTS: Record<Group, string[]> = {
  weights: ['*.pt', '*.pth', '*.ckpt', '*.safetensors', '*.onnx', '*.gguf', '*.h5'],
  datasets: ['*.parquet', '*.arrow', '*.tfrecord', '*.tfrecords', '*.npz', '{data,datasets,dataset}/**'],
  training: ['train*.py', '*_train.py', 'finetune*.py', 'fine_tune*.py', 'train*.ipynb'],
};

const CONTENT: Record<Group, string> = { weights: 'trained-model', datasets: 'training-data', training: 'source-code' };
const ID: Record<Group, string> = { weights: 'weights', datasets: 'data', training: 'training-code' };
const NOUN: Record<Group, [string, string]> = { weights: ['weight file', 'weight files'], datasets: ['data file', 'data files'], training: ['training script', 'training scripts'] };
const MAX_FILES = 2000;

/** A marker pattern as a findFiles glob: basename patterns match at any depth; size conditions are dropped. */
function toGlob(pattern: string): string | undefined {
  const p = pattern.replace(/\s+[<>]=?\s*\d+(?:\.\d+)?\s*[kmgt]?b\s*$/i, '').trim();
  if (!p || p.startsWith('!') || p === '$defaults') return undefined;
  return p.includes('/') && !p.startsWith('{') ? p : `**/${p}`;
}

function globsFor(group: Group, settings: Settings): string[] {
  const given = settings.markers[group];
  const list = given?.length ? given.flatMap((p) => (p.trim() === '$defaults' ? DEFAULTS[group] : [p])) : DEFAULTS[group];
  return list.map(toGlob).filter((g): g is string => !!g);
}

/** Lists the folder's artifacts, one proposed release.yaml artifact per top-level folder and kind. */
export async function detectArtifacts(folder: vscode.Uri, settings: Settings, token?: vscode.CancellationToken): Promise<DetectedArtifact[]> {
  const exclude = TOOL_FOLDERS_GLOB;
  const prefix = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  const out: DetectedArtifact[] = [];
  const usedIds = new Set<string>();
  let all: string[] | undefined;
  const searchable = folder.scheme === 'file' || !!vscode.workspace.getWorkspaceFolder(folder);
  for (const group of ['weights', 'datasets', 'training'] as Group[]) {
    const globs = globsFor(group, settings);
    if (!globs.length) continue;
    let rels: string[];
    if (searchable) {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, globs.length > 1 ? `{${globs.join(',')}}` : globs[0]), exclude, MAX_FILES, token);
      rels = found.map((u) => u.path.slice(prefix.length)).filter((r) => r && !r.startsWith('..')).sort();
    } else {
      // A file system outside the workspace may have no search provider (findFiles then waits for one forever): walk.
      const match = picomatch(globs, { dot: true });
      rels = (all ??= (await walkFolder(folder, { max: MAX_FILES, token })).files).filter((r) => match(r)).sort();
    }
    if (!rels.length) continue;
    // Group by the first path segment: `checkpoints/a.pt` -> `checkpoints/**`; files at the top stay as they are.
    const byTop = new Map<string, string[]>();
    for (const r of rels) {
      const top = r.includes('/') ? `${r.split('/')[0]}/**` : r;
      (byTop.get(top) ?? byTop.set(top, []).get(top)!).push(r);
    }
    if (group === 'training') {
      const paths = [...byTop.keys()];
      out.push(artifact(group, uniqueId(ID[group], usedIds), paths, rels));
      continue;
    }
    for (const [top, files] of byTop) {
      const base = byTop.size === 1 ? ID[group] : `${ID[group]}-${slug(top)}`;
      out.push(artifact(group, uniqueId(base, usedIds), [top], files));
    }
  }
  return out;
}


function artifact(group: Group, id: string, paths: string[], files: string[]): DetectedArtifact {
  const [one, many] = NOUN[group];
  const sample = files.slice(0, 3).join(', ') + (files.length > 3 ? ', …' : '');
  return {
    id,
    content: CONTENT[group],
    paths,
    label: `${id}: ${paths.join(', ')}`,
    detail: `${files.length} ${files.length === 1 ? one : many} (${sample}) — released as ${CONTENT[group]}`,
  };
}

function slug(glob: string): string {
  return posix.basename(glob.replace(/\/\*\*$/, '')).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'files';
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  used.add(id);
  return id;
}
