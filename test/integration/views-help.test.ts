// Hover help and completions through VS Code's own provider commands (executeHoverProvider,
// executeCompletionItemProvider), in the example's IMPACT.md and release.yaml, in a plan being
// typed, and not in a release.yaml of another tool.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, getViews, hoverText, labelOf, openLinted, positionOf, untitled, ws, type ViewsApi } from './views-helpers';

async function hoverAt(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return hoverText(hovers ?? []);
}

async function completionsAt(uri: vscode.Uri, pos: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos, trigger);
  return list?.items ?? [];
}

/** Our items only: keys (Property) and values (EnumMember); snippets and word-based items are other kinds. */
const ours = (items: vscode.CompletionItem[]) =>
  items.filter((i) => i.kind === vscode.CompletionItemKind.Property || i.kind === vscode.CompletionItemKind.EnumMember).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));

describe('views: hover help', function () {
  let v: ViewsApi;
  before(async () => {
    v = await getViews();
  });
  after(closeAll);

  it('explains a path-to-harm factor key in IMPACT.md, with its source and a taxonomy link', async () => {
    const uri = ws('IMPACT.md');
    const editor = await openLinted(v.api, uri);
    const text = await hoverAt(uri, positionOf(editor.document, '**Slottability:**', 4));
    assert.match(text, /\*\*Slottability\*\* \(`slottability`\)/);
    assert.match(text, /Ovadya & Whittlestone 2019, §2\.2 \(2\)/);
    // Links come from package.json homepage/repository only; with none set there is no link, never a made-up one.
    assert.doesNotMatch(text, /example\.invalid/);
    assert.match(text, /Path to Harm, deployment stage/);
  });

  it('explains hazard sub-headings, ratings, ratchet positions, harmed parties and section headings', async () => {
    const uri = ws('IMPACT.md');
    const doc = (await openLinted(v.api, uri)).document;
    assert.match(await hoverAt(uri, positionOf(doc, '### Attention hazard', 6)), /\*\*Attention Hazard\*\* \(`attention`\)/);
    assert.match(await hoverAt(uri, positionOf(doc, '**Reproducibility:** high', 22)), /\*\*High reproducibility:\*\*/);
    assert.match(await hoverAt(uri, positionOf(doc, '**Position:** attention', 16)), /Adversaries are showing interest/);
    assert.match(await hoverAt(uri, positionOf(doc, '**Subjects:**', 4)), /\*\*Subjects\*\* \(`subjects`\)/);
    assert.match(await hoverAt(uri, positionOf(doc, '## Detection guidance', 5)), /Required for synthetic media/);
  });

  it('explains release.yaml keys from the schema and enum values from the taxonomy', async () => {
    const uri = ws('release.yaml');
    const doc = (await openLinted(v.api, uri)).document;
    assert.match(await hoverAt(uri, positionOf(doc, 'kind: staged', 1)), /`artifacts\[\]\.timing\.kind` \(required\)/);
    assert.match(await hoverAt(uri, positionOf(doc, 'kind: staged', 8)), /\*\*Staged\*\* \(`staged`\)[\s\S]*Increasingly capable versions/);
    assert.match(await hoverAt(uri, positionOf(doc, 'kind: ask-for-access', 9)), /\*\*Ask for Access\*\*/);
    assert.match(await hoverAt(uri, positionOf(doc, 'watermarking:', 3)), /\*\*Watermarking\*\*/);
  });
});

describe('views: completion', function () {
  let v: ViewsApi;
  before(async () => {
    v = await getViews();
  });
  after(closeAll);

  it('offers timing kinds after kind: in the example plan, with documentation, replacing the value', async () => {
    const uri = ws('release.yaml');
    const doc = (await openLinted(v.api, uri)).document;
    const pos = positionOf(doc, 'kind: staged', 'kind: '.length);
    const items = ours(await completionsAt(uri, pos));
    assert.deepEqual(items.map(labelOf).sort(), ['evented', 'immediate', 'periodic', 'staged', 'timed', 'withheld']);
    const staged = items.find((i) => labelOf(i) === 'staged')!;
    assert.equal(staged.kind, vscode.CompletionItemKind.EnumMember);
    assert.match((staged.documentation as vscode.MarkdownString).value, /Increasingly capable versions/);
    const range = staged.range as vscode.Range;
    assert.equal(doc.getText(range), 'staged');
  });

  it('offers the keys valid at the cursor in a plan being typed, and the schema’s enum values', async () => {
    const doc = await untitled('drafts/release.yaml', 'impact-release: 1\nartifacts:\n  - id: weights\n    content: trained-model\n    \n');
    const keys = ours(await completionsAt(doc.uri, new vscode.Position(4, 4)));
    const labels = keys.map(labelOf);
    for (const k of ['timing', 'distribution', 'paths', 'status']) assert.ok(labels.includes(k), `${k} missing from ${labels.join(', ')}`);
    for (const k of ['id', 'content', 'impact-release', 'artifacts']) assert.ok(!labels.includes(k), `${k} should not be offered here`);
    const timing = keys.find((i) => labelOf(i) === 'timing')!;
    assert.equal(timing.kind, vscode.CompletionItemKind.Property);
    assert.match((timing.insertText as vscode.SnippetString).value, /^timing:\n\tkind: \$\{1\|immediate,timed,periodic,evented,staged,withheld\|\}/);

    const editor = vscode.window.activeTextEditor!;
    await editor.edit((e) => e.insert(new vscode.Position(4, 4), 'distribution: { kind:  }\n    safeguards: ['));
    const dist = ours(await completionsAt(doc.uri, new vscode.Position(4, 26)));
    assert.deepEqual(dist.map(labelOf), ['public', 'ask-for-access', 'safety-levels', 'access-community', 'hosted', 'private']);
    const safeguards = ours(await completionsAt(doc.uri, new vscode.Position(5, 17)));
    assert.deepEqual(safeguards.map(labelOf), ['consent', 'detectability', 'watermarking', 'referenceability', 'synthesis-constraints']);
  });

  it('offers modality values in a list and review levels', async () => {
    const doc = await untitled('drafts2/release.yaml', 'impact-release: 1\nmodality: [audio, ]\nreview:\n  level: \n');
    assert.deepEqual(ours(await completionsAt(doc.uri, new vscode.Position(1, 18))).map(labelOf), ['text', 'image', 'audio', 'video', 'multimodal', 'other']);
    assert.deepEqual(ours(await completionsAt(doc.uri, new vscode.Position(3, 9))).map(labelOf), ['exempt', 'expedited', 'full']);
  });

  it('leaves a release.yaml of another tool alone', async () => {
    const doc = await untitled('chart/release.yaml', 'apiVersion: v2\nname: my-chart\nkind: \n');
    const items = await completionsAt(doc.uri, new vscode.Position(2, 6));
    assert.deepEqual(ours(items).map(labelOf), []);
    assert.equal(await hoverAt(doc.uri, new vscode.Position(2, 1)), '');
  });

  it('offers ratings with the factor’s guide after a factor key in IMPACT.md', async () => {
    const uri = ws('IMPACT.md');
    const editor = await openLinted(v.api, uri);
    const doc = editor.document;
    // The example leaves Environment unrated: add the key and ask for completions after it.
    const line = positionOf(doc, '- **Slottability:**').line;
    const at = new vscode.Position(line, 0);
    await editor.edit((e) => e.insert(at, '- **Environment:** \n'));
    try {
      const items = ours(await completionsAt(uri, new vscode.Position(line, '- **Environment:** '.length), ' '));
      assert.deepEqual(items.map(labelOf), ['low', 'medium', 'high', 'unknown', 'not-applicable']);
      const high = items.find((i) => labelOf(i) === 'high')!;
      assert.match((high.documentation as vscode.MarkdownString).value, /For environment: Existing gaps/);
      assert.equal((high.insertText as vscode.SnippetString).value, 'high — $0');
    } finally {
      await editor.edit((e) => e.delete(new vscode.Range(at, at.translate(1))));
      await doc.save();
    }
  });

  it('contributes the snippets for both files', async () => {
    const doc = await untitled('drafts3/release.yaml', 'impact-release: 1\nartifacts:\n  impact-art\n');
    const items = await completionsAt(doc.uri, new vscode.Position(2, 12));
    const snippets = items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
    for (const s of ['impact-artifact-staged', 'impact-artifact-timed']) assert.ok(snippets.includes(s), `${s} missing from ${snippets.join(', ')}`);
  });
});
