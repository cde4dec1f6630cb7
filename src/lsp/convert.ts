/**
 * Protocol conversions for the language server: findings to LSP diagnostics, core edits (offsets
 * into the text the rules saw) to LSP text edits, core completions to LSP completion items. No
 * checking logic: everything here only changes shape.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type Diagnostic,
  type Position,
  type TextEdit,
} from 'vscode-languageserver';
import { LINKS } from '../cli/package-info';
import { ruleDocUrl } from '../core/docs-url';

/** A rule's web page, when package.json names where the project lives; else no link. */
function docUrl(rule: string): string | undefined {
  return ruleDocUrl(LINKS, rule);
}
import type { CompletionSet } from '../core/help';
import type { SourceText } from '../core/source-text';
import type { Finding, Severity } from '../core/types';

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'impact-notes';
/** Rule id shown on problems in `.impact-notes.yaml` itself (as in the editor). */
export const CONFIG_RULE = 'config';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The file path of a `file:` URI; undefined for other schemes (untitled buffers, virtual files). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/**
 * The core strips a leading byte-order mark before it counts characters (as VS Code does); a client
 * that keeps it in the document text counts it, on the first line only.
 */
export function shiftForBom(p: Position, docHasBom: boolean): Position {
  return docHasBom && p.line === 0 ? { line: 0, character: p.character + 1 } : p;
}

export function toDiagnostic(f: Finding, docHasBom = false): Diagnostic {
  return {
    range: { start: shiftForBom(f.start, docHasBom), end: shiftForBom(f.end, docHasBom) },
    severity: SEVERITY[f.severity],
    code: f.rule,
    ...(docUrl(f.rule) ? { codeDescription: { href: docUrl(f.rule)! } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
}

export function sameDiagnostic(f: Finding, d: Diagnostic, docHasBom: boolean): boolean {
  const s = shiftForBom(f.start, docHasBom);
  const e = shiftForBom(f.end, docHasBom);
  return (
    String(d.code) === f.rule &&
    d.range.start.line === s.line &&
    d.range.start.character === s.character &&
    d.range.end.line === e.line &&
    d.range.end.character === e.character
  );
}

/** A core edit (offsets into `source.text`) as an LSP text edit. */
export function toTextEdit(source: SourceText, range: { start: number; end: number }, newText: string, docHasBom = false): TextEdit {
  return {
    range: { start: shiftForBom(source.positionAt(range.start), docHasBom), end: shiftForBom(source.positionAt(range.end), docHasBom) },
    newText,
  };
}

export { minimalChange } from '../core/fix';

/** Snippet syntax ($1, ${1:x}, ${1|a,b|}, escapes) reduced to plain text, for clients without snippets. */
export function snippetToPlain(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|((?:[^,|\\]|\\.)*)(?:,(?:[^,|\\]|\\.)*)*\|\}/g, '$1')
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\,|])/g, '$1');
}

export interface CompletionStyle {
  /** Whether the client takes snippet syntax. */
  snippets: boolean;
  /** Indentation of the line the completion lands on (continuation lines get it too). */
  lineIndent: string;
  /** One indentation step (a tab in the core's snippets). */
  indentUnit: string;
  /** Whether the text before the range is a colon: keep YAML's `key: value` spacing. */
  afterColon: boolean;
}

export function toCompletionItems(set: CompletionSet, source: SourceText, style: CompletionStyle, docHasBom = false): CompletionItem[] {
  const range = { start: shiftForBom(source.positionAt(set.range.start), docHasBom), end: shiftForBom(source.positionAt(set.range.end), docHasBom) };
  return set.items.map((c) => {
    let text = c.insertText.replace(/\t/g, style.indentUnit).replace(/\n/g, `\n${style.lineIndent}`);
    if (style.afterColon) text = ` ${text}`;
    if (!style.snippets) text = snippetToPlain(text);
    const item: CompletionItem = {
      label: c.label,
      kind: c.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
      detail: c.detail,
      sortText: c.sortText,
      filterText: c.label,
      textEdit: { range, newText: text },
      insertTextFormat: style.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
    };
    if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
    return item;
  });
}
