/**
 * Completions in release plans (keys valid at the cursor, enum values with their definitions) and in
 * IMPACT.md (ratings after a factor key, Applies values, ratchet positions, modalities). Works
 * without any other YAML extension. A thin adapter over src/core/help/.
 */
import * as vscode from 'vscode';
import { impactCompletions, releaseCompletions, releaseSnippetPlace, releaseSnippetPlaces, type CompletionSet } from '../core/help';
import { IMPACT_SELECTOR, isImpactDocument, isReleasePlanDocument, RELEASE_SELECTOR } from './hover';
import type { ViewLintService, ViewServices } from './tree/view-services';

function toItems(doc: vscode.TextDocument, set: CompletionSet | undefined): vscode.CompletionItem[] | undefined {
  if (!set || set.items.length === 0) return undefined;
  const range = new vscode.Range(doc.positionAt(set.range.start), doc.positionAt(set.range.end));
  // Right after a colon (the ':' trigger), keep YAML's `key: value` spacing.
  const afterColon = set.range.start > 0 && doc.getText(new vscode.Range(doc.positionAt(set.range.start - 1), range.start)) === ':';
  return set.items.map((c) => {
    const item = new vscode.CompletionItem(c.label, c.kind === 'key' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember);
    item.insertText = new vscode.SnippetString(afterColon ? ` ${c.insertText}` : c.insertText);
    item.range = range;
    item.detail = c.detail;
    if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
    item.sortText = c.sortText;
    item.filterText = c.label;
    return item;
  });
}

type Snippets = Record<string, { prefix: string; body: string[]; description?: string }>;

/**
 * The release.yaml snippets, read from snippets/release-yaml.json, which the VSIX ships (they are
 * offered here, where they fit, not contributed to every YAML file; and not bundled a second time
 * into the extension's JavaScript). Read once, on the first completion that offers them; none if the
 * file cannot be read or parsed.
 */
function snippetLoader(extensionUri: vscode.Uri): () => Promise<Snippets> {
  let loaded: Promise<Snippets> | undefined;
  return () =>
    (loaded ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'snippets', 'release-yaml.json')))
      .then((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as Snippets)
      .catch(() => ({})));
}

export class ReleaseCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly lintService: ViewLintService,
    private readonly snippets: () => Promise<Snippets>,
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.CompletionContext): Promise<vscode.CompletionItem[] | undefined> {
    if (!isReleasePlanDocument(doc, this.lintService)) return undefined;
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const set = releaseCompletions(text, offset);
    // A typed space only opens the list where a value belongs, not while indenting for a key.
    if (context.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter && context.triggerCharacter === ' ' && set?.items[0]?.kind === 'key') return undefined;
    const items = toItems(doc, set) ?? [];
    if (context.triggerKind !== vscode.CompletionTriggerKind.TriggerCharacter) {
      const places = new Set(releaseSnippetPlaces(text, offset));
      if (places.size) items.push(...snippetItems(doc, position, places, await this.snippets()));
    }
    return items.length ? items : undefined;
  }
}

/** The release.yaml snippets that fit at the cursor (whole artifacts only where an artifact goes). */
function snippetItems(doc: vscode.TextDocument, position: vscode.Position, places: ReadonlySet<string>, releaseSnippets: Snippets): vscode.CompletionItem[] {
  const line = doc.lineAt(position.line).text;
  const start = position.character - (/[\w-]*$/.exec(line.slice(0, position.character))?.[0].length ?? 0);
  const range = new vscode.Range(position.line, start, position.line, position.character);
  const out: vscode.CompletionItem[] = [];
  for (const s of Object.values(releaseSnippets)) {
    const place = releaseSnippetPlace(s.prefix);
    if (!place || !places.has(place)) continue;
    const item = new vscode.CompletionItem(s.prefix, vscode.CompletionItemKind.Snippet);
    item.insertText = new vscode.SnippetString(s.body.join('\n'));
    item.detail = s.description;
    item.range = range;
    item.sortText = `9${s.prefix}`;
    out.push(item);
  }
  return out;
}

export class ImpactCompletionProvider implements vscode.CompletionItemProvider {
  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!isImpactDocument(doc)) return undefined;
    return toItems(doc, impactCompletions(doc.getText(), doc.offsetAt(position)));
  }
}

export function register(context: vscode.ExtensionContext, services: ViewServices): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(RELEASE_SELECTOR, new ReleaseCompletionProvider(services.lintService, snippetLoader(context.extensionUri)), ' ', ':', '[', '{', ','),
    vscode.languages.registerCompletionItemProvider(IMPACT_SELECTOR, new ImpactCompletionProvider(), ' '),
  );
}
