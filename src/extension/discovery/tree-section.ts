/**
 * The "Unplanned research" group of the assessments tree: one node per research folder that no
 * release plan fully covers, with what was found beneath it and an inline Create Release Plan
 * action (contextValue `impactNotes.researchRoot.<status>`). Nodes are plain TreeNode data (the
 * tree's own model), rebuilt when discovery reports a change; clicking an artifact reveals it in the
 * Explorer (or opens training code), clicking the plan line opens the plan at its `artifacts:` key.
 */
import { posix } from '../../core/util/posix-path';
import * as vscode from 'vscode';
import { folderLabel, summarizeCounts } from '../../core/discovery/findings';
import type { Marker } from '../../core/discovery';
import { escapeMarkdown } from '../../core/report/escape';
import type { TreeNode } from '../tree/tree-model';
import { listen } from '../listeners';
import type { DiscoveryService, RootState } from './service';

export const SECTION_ID = 'discovery::unplanned';
export const GROUP_CONTEXT = 'impactNotes.group.unplannedResearch';
export const ROOT_CONTEXT = 'impactNotes.researchRoot';
export const ARTIFACT_CONTEXT = 'impactNotes.researchArtifact';
const MAX_CHILDREN = 50;

const KIND: Record<Marker['kind'], { word: string; icon: string }> = {
  weights: { word: 'model weights', icon: 'circuit-board' },
  datasets: { word: 'dataset', icon: 'database' },
  training: { word: 'training code', icon: 'code' },
};

const STATUS_WORDS: Record<string, string> = {
  unplanned: 'no release plan',
  unmatched: "the plan's paths miss these",
  partial: 'some artifacts not in the plan',
  covered: 'local-only files not in the plan',
};

/** Words for local-only files (gitignored, not committed). */
export const LOCAL_WORDS = 'local only: gitignored, not committed';

/** The section the tree provider shows after the pairs (see AssessmentTreeProvider.addSection). */
export class UnplannedResearchSection implements vscode.Disposable {
  readonly idPrefix = 'discovery::';
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private cache: TreeNode[] | undefined;
  private readonly byId = new Map<string, RootState>();
  private readonly sub: vscode.Disposable;

  constructor(private readonly service: DiscoveryService) {
    this.sub = listen(
      service.onDidChange,
      () => {
        this.cache = undefined;
        this.emitter.fire();
      },
      'discovery section: service changed',
    );
  }

  /** The group node (or nothing when every research folder is covered). */
  nodes(): TreeNode[] {
    if (!this.cache) this.cache = this.build();
    return this.cache;
  }

  /** The root behind a node of this section (the root node or one of its children). */
  rootOf(node: unknown): RootState | undefined {
    let n = node as TreeNode | undefined;
    while (n && n.parent && n.parent.id !== SECTION_ID) n = n.parent;
    return n ? this.byId.get(n.id) : undefined;
  }

  private build(): TreeNode[] {
    this.byId.clear();
    const roots = this.service.roots();
    if (!roots.length) return [];
    const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const group: TreeNode = {
      id: SECTION_ID,
      kind: 'group',
      label: 'Unplanned research',
      description: `${roots.length} folder${roots.length === 1 ? '' : 's'}`,
      tooltip: 'Folders with model weights, datasets or training code that no release plan (release.yaml) fully covers, and local-only files (gitignored, never committed) that no plan declares. Use the inline action to create a plan prefilled with what was found.',
      icon: { id: 'beaker', color: 'problemsWarningIcon.foreground' },
      contextValue: GROUP_CONTEXT,
      expanded: true,
      children: [],
    };
    for (const rs of roots) {
      const r = rs.root;
      const rel = r.dir;
      const label = rel ? (multi ? `${rs.workspaceFolder.name}/${rel}` : rel) : rs.workspaceFolder.name;
      const shown = r.uncovered;
      const local = r.localUndeclared;
      const counts = { weights: 0, datasets: 0, training: 0 };
      for (const m of shown) counts[m.kind]++;
      const summary = [summarizeCounts(counts), local.length ? `${local.length} local-only` : ''].filter(Boolean).join(' · ');
      const node: TreeNode = {
        id: `discovery::root::${rs.key}`,
        kind: 'group',
        label,
        description: `${summary} — ${STATUS_WORDS[r.status] ?? r.status}`,
        tooltip: this.tooltip(rs),
        icon: { id: 'folder', color: 'problemsWarningIcon.foreground' },
        contextValue: `${ROOT_CONTEXT}.${r.status}${r.plan?.file ? '.hasPlan' : ''}`,
        parent: group,
        expanded: false,
        children: [],
        value: r.status,
      };
      this.byId.set(node.id, rs);
      for (const m of shown.slice(0, MAX_CHILDREN)) {
        node.children!.push({
          id: `${node.id}::${m.path}`,
          kind: 'artifact',
          label: rel ? m.path.slice(rel.length + 1) : m.path,
          description: KIND[m.kind].word,
          icon: { id: KIND[m.kind].icon },
          contextValue: `${ARTIFACT_CONTEXT}.${m.kind}`,
          parent: node,
          value: m.path,
        });
      }
      if (shown.length > MAX_CHILDREN) {
        node.children!.push({ id: `${node.id}::more`, kind: 'message', label: `… and ${shown.length - MAX_CHILDREN} more`, contextValue: 'impactNotes.message', parent: node });
      }
      for (const m of local.slice(0, MAX_CHILDREN)) {
        node.children!.push({
          id: `${node.id}::local::${m.path}`,
          kind: 'artifact',
          label: rel ? m.path.slice(rel.length + 1) : m.path,
          description: `${KIND[m.kind].word} · ${LOCAL_WORDS}`,
          tooltip: 'Gitignored and not committed: this file exists only on this disk. Declare it in the release plan (an artifact with these paths; `distribution: { kind: private, reason: … }` if it stays with you).',
          icon: { id: 'lock' },
          contextValue: `${ARTIFACT_CONTEXT}.local.${m.kind}`,
          parent: node,
          value: m.path,
        });
      }
      if (local.length > MAX_CHILDREN) {
        node.children!.push({ id: `${node.id}::local-more`, kind: 'message', label: `… and ${local.length - MAX_CHILDREN} more local-only files`, contextValue: 'impactNotes.message', parent: node });
      }
      if (r.plan?.file) {
        const planRel = posix.relative(rel || '.', r.plan.file) || r.plan.file;
        node.children!.push({
          id: `${node.id}::plan`,
          kind: 'message',
          label: `Release plan: ${planRel}`,
          description: r.status === 'partial' ? 'add the paths above to an artifact' : r.status === 'covered' ? 'declare the local-only files in an artifact' : 'none of its paths match',
          icon: { id: 'package' },
          contextValue: `${ARTIFACT_CONTEXT}.plan`,
          parent: node,
          value: r.plan.file,
        });
      }
      group.children!.push(node);
    }
    return [group];
  }

  private tooltip(rs: RootState): string {
    const r = rs.root;
    const lines = [`**${escapeMarkdown(folderLabel(r.dir))}**`, ''];
    if (r.status === 'unplanned') lines.push(r.assessmentOnly ? 'An IMPACT.md is here, but no release plan.' : 'No release plan in this folder or above it.');
    else if (r.status === 'unmatched') lines.push(`The release plan ${escapeMarkdown(r.plan?.file ?? '')} covers this folder, but none of its artifact paths match what is here.`);
    else if (r.status === 'partial') lines.push(`Some of what is here is not under any artifact's paths in ${escapeMarkdown(r.plan?.file ?? 'the plan')}.`);
    if (r.localUndeclared.length) lines.push('', `${r.localUndeclared.length} file${r.localUndeclared.length === 1 ? ' is' : 's are'} local-only (gitignored, never committed) and not declared in a release plan.`);
    lines.push('');
    for (const a of r.suggested) lines.push(`- \`${a.id}\` (${a.content}): ${a.paths.map((p) => `\`${p}\``).join(', ')}`);
    return lines.join('\n');
  }

  /** What clicking a node does. */
  commandFor(node: TreeNode): vscode.Command | undefined {
    const rs = this.rootOf(node);
    if (!rs || !node.parent || node.parent.id === SECTION_ID) return undefined;
    const file = node.value;
    if (!file) return undefined;
    const uri = vscode.Uri.joinPath(rs.workspaceFolder.uri, ...file.split('/'));
    if (node.contextValue === `${ARTIFACT_CONTEXT}.plan`) {
      const a = rs.root.plan?.anchor;
      const selection = a ? new vscode.Range(a.start.line, a.start.character, a.end.line, a.end.character) : undefined;
      return { title: 'Open Release Plan', command: 'vscode.open', arguments: [uri, { selection, preview: true }] };
    }
    if (node.contextValue === `${ARTIFACT_CONTEXT}.training`) return { title: 'Open', command: 'vscode.open', arguments: [uri, { preview: true }] };
    return { title: 'Reveal in Explorer', command: 'revealInExplorer', arguments: [uri] };
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
