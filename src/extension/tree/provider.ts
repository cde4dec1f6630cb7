/**
 * The assessments tree (view `impactNotes.assessments`): a TreeDataProvider over the LintService's
 * cached results. It never reads files: a pair's subtree is rebuilt from its LintResult (tree-model.ts)
 * the first time it is asked for after a lint, and kept (same node objects) until the next one, so
 * `TreeView.reveal` and `getParent` work on stable elements.
 */
import { posix } from '../../core/util/posix-path';
import * as vscode from 'vscode';
import type { LintResult } from '../../core/engine';
import { listen } from '../listeners';
import { buildPairTree, findNode, type NodeLocation, type TreeNode } from './tree-model';
import type { ViewLintService, ViewPair } from './view-services';


export { VIEW_ID, HAS_ASSESSMENTS_KEY } from './view-contributions';

/**
 * A top-level group another feature adds after the pairs (discovery's "Unplanned research"):
 * plain TreeNodes whose ids start with `idPrefix`, a change event, and what clicking a node does.
 */
export interface TreeSection {
  readonly idPrefix: string;
  readonly onDidChange: vscode.Event<void>;
  nodes(): TreeNode[];
  commandFor?(node: TreeNode): vscode.Command | undefined;
}

interface Cached {
  result: LintResult;
  label: string;
  root: TreeNode;
}

export class AssessmentTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly cache = new Map<string, Cached>();
  private readonly subscription: vscode.Disposable;
  /** How many times the tree was told to refresh (tests wait on it). */
  refreshCount = 0;
  private readonly sections: TreeSection[] = [];

  constructor(private readonly lintService: ViewLintService) {
    this.subscription = listen(lintService.onDidUpdate, () => this.refresh(), 'tree provider: lint updates');
  }

  /** Shows a section's nodes after the pairs, refreshing when it changes. */
  addSection(section: TreeSection): vscode.Disposable {
    this.sections.push(section);
    const sub = listen(section.onDidChange, () => this.refresh(), `tree provider: section ${section.idPrefix}`);
    this.refresh();
    return new vscode.Disposable(() => {
      sub.dispose();
      const i = this.sections.indexOf(section);
      if (i >= 0) this.sections.splice(i, 1);
      this.refresh();
    });
  }

  refresh(): void {
    this.refreshCount++;
    this.changed.fire(undefined);
  }

  /** The root nodes (one per pair, sorted by label), rebuilt only for pairs whose result changed. */
  roots(): TreeNode[] {
    const pairs = this.lintService.pairs();
    const live = new Set<string>();
    const out: TreeNode[] = [];
    for (const pair of pairs) {
      live.add(pair.key);
      out.push(this.rootFor(pair));
    }
    for (const key of [...this.cache.keys()]) if (!live.has(key)) this.cache.delete(key);
    out.sort((a, b) => a.label.localeCompare(b.label));
    for (const section of this.sections) out.push(...section.nodes());
    return out;
  }

  private rootFor(pair: ViewPair): TreeNode {
    const label = pairLabel(pair);
    const hit = this.cache.get(pair.key);
    if (hit && hit.result === pair.result && hit.label === label) return hit.root;
    const root = buildPairTree({ key: pair.key, label, result: pair.result });
    this.cache.set(pair.key, { result: pair.result, label, root });
    return root;
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) return this.roots();
    return element.children ?? [];
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return element.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = node.children?.length
      ? node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.contextValue = node.contextValue;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
    const section = this.sections.find((x) => node.id.startsWith(x.idPrefix));
    const command = section ? section.commandFor?.(node) : this.commandFor(node);
    if (command) item.command = command;
    return item;
  }

  /** The pair a node belongs to. */
  pairOf(node: TreeNode): ViewPair | undefined {
    let n: TreeNode = node;
    while (n.parent) n = n.parent;
    return this.lintService.pairs().find((p) => p.key === n.id);
  }

  /** Uri and range a node reveals, or undefined. */
  locationOf(node: TreeNode): { uri: vscode.Uri; range: vscode.Range } | undefined {
    const loc: NodeLocation | undefined = node.location;
    const pair = this.pairOf(node);
    if (!loc || !pair) return undefined;
    const uri = loc.file === 'release' ? pair.releaseUri : loc.file === 'card' ? pair.cardUri : pair.impactUri;
    if (!uri) return undefined;
    return { uri, range: new vscode.Range(loc.start.line, loc.start.character, loc.end.line, loc.end.character) };
  }

  /** Clicking a node opens its file with the node's range selected. */
  commandFor(node: TreeNode): vscode.Command | undefined {
    const where = this.locationOf(node);
    if (!where) return undefined;
    const options: vscode.TextDocumentShowOptions = { selection: where.range, preview: true };
    return { title: 'Show in Editor', command: 'vscode.open', arguments: [where.uri, options] };
  }

  /** The current node for a pair (by any uri of the pair or its folder). */
  pairNode(uri: vscode.Uri): TreeNode | undefined {
    const pair = this.lintService.pairFor(uri) ?? this.lintService.pairs().find((p) => p.folder.toString() === uri.toString());
    if (!pair) return undefined;
    return this.roots().find((r) => r.id === pair.key);
  }

  /** The first current node matching a predicate, across all pairs. */
  find(predicate: (n: TreeNode) => boolean): TreeNode | undefined {
    for (const root of this.roots()) {
      const hit = findNode(root, predicate);
      if (hit) return hit;
    }
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The pair's label: its folder's path relative to the workspace, or the workspace folder's name. */
export function pairLabel(pair: ViewPair): string {
  const ws = vscode.workspace.getWorkspaceFolder(pair.folder);
  if (ws) {
    const rel = posix.relative(ws.uri.path, pair.folder.path);
    if (!rel) return ws.name;
    return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${ws.name}/${rel}` : rel;
  }
  return posix.basename(pair.folder.path) || pair.folder.toString();
}
