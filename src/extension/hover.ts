/**
 * Hover help in IMPACT.md (taxonomy terms, section headings, ratings) and in release plans (keys and
 * enum values). A thin adapter: the text comes from src/core/help/.
 */
import { posix } from '../core/util/posix-path';
import * as vscode from 'vscode';
import { projectLinks, taxonomyDocUrl, type PackageLinkFields } from '../core/docs-url';
import { impactHoverAt, releaseHoverAt, type Help, type HelpOptions } from '../core/help';
import { parseImpact } from '../core/impact/parse';
import { declaresReleasePlan, IMPACT_FILE_RE, RELEASE_FILE_RE } from '../core/pairs';
import { parseRelease } from '../core/release/parse';
import type { ViewLintService, ViewServices } from './tree/view-services';

/** Hover options for an extension whose package.json is `pkg`: the taxonomy link only when the project has a web address. */
export function helpOptionsFor(pkg: PackageLinkFields | undefined): HelpOptions {
  return { taxonomyDocUrl: taxonomyDocUrl(projectLinks(pkg)) };
}

/** The document selectors of both files (the file-name check happens in the providers). */
export const IMPACT_SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }];
export const RELEASE_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }];

export function isImpactDocument(doc: vscode.TextDocument): boolean {
  return IMPACT_FILE_RE.test(posix.basename(doc.uri.path));
}

/**
 * Whether a YAML document is a release plan: it declares `impact-release:`, or the LintService
 * paired it with an IMPACT.md. A bare release.yaml of some other tool is never claimed.
 */
export function isReleasePlanDocument(doc: vscode.TextDocument, lintService: ViewLintService): boolean {
  if (!RELEASE_FILE_RE.test(posix.basename(doc.uri.path))) return false;
  if (declaresReleasePlan(doc.getText())) return true;
  const pair = lintService.pairFor(doc.uri);
  return !!pair?.impactUri && pair.releaseUri?.toString() === doc.uri.toString();
}

function toHover(doc: vscode.TextDocument, help: Help | undefined): vscode.Hover | undefined {
  if (!help) return undefined;
  const md = new vscode.MarkdownString(help.markdown);
  md.supportThemeIcons = false;
  md.isTrusted = false;
  return new vscode.Hover(md, new vscode.Range(doc.positionAt(help.range.start), doc.positionAt(help.range.end)));
}

export class ImpactHoverProvider implements vscode.HoverProvider {
  constructor(private readonly helpOptions: HelpOptions = {}) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isImpactDocument(doc)) return undefined;
    const impact = parseImpact(doc.uri.fsPath || doc.uri.path, doc.getText());
    return toHover(doc, impactHoverAt(impact, doc.offsetAt(position), this.helpOptions));
  }
}

export class ReleaseHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly lintService: ViewLintService,
    private readonly helpOptions: HelpOptions = {},
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isReleasePlanDocument(doc, this.lintService)) return undefined;
    const release = parseRelease(doc.uri.fsPath || doc.uri.path, doc.getText());
    return toHover(doc, releaseHoverAt(release, doc.offsetAt(position), this.helpOptions));
  }
}

export function register(context: vscode.ExtensionContext, services: ViewServices): void {
  const helpOptions = helpOptionsFor(context.extension?.packageJSON as PackageLinkFields | undefined);
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(IMPACT_SELECTOR, new ImpactHoverProvider(helpOptions)),
    vscode.languages.registerHoverProvider(RELEASE_SELECTOR, new ReleaseHoverProvider(services.lintService, helpOptions)),
  );
}
