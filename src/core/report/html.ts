/**
 * The report as one HTML document. The same function serves the CLI (a standalone file: no script
 * at all, `default-src 'none'`) and the editor's webview (a nonce for the one stylesheet and the
 * one script, the webview's CSP source, and clickable findings that post a `reveal` message).
 * Pictures are inline SVG from ./svg; colours come from VS Code's theme variables, with fallbacks
 * (light, and dark under prefers-color-scheme) so the file also reads well in a browser.
 * The author's Markdown goes through markdown-it with raw HTML disabled; all other user text is
 * escaped. No remote resources of any kind.
 */
import { VERDICT_LABEL } from '../provenance/credentials';
import { RATCHET_POSITIONS } from '../taxonomy';
import { escapeHtml } from './escape';
import { inlineToHtml, markdownToHtml } from './markdown';
import { enforcedLabel, sectionBody, sectionHasText, stageAccess, type ReportModel } from './report-model';
import { completenessSvg, heatmapLegend, heatmapSvg, ratchetSvg, revealAttr, timelineLegend, timelineSvg, type SvgOptions } from './svg';

export interface HtmlOptions {
  /** Webview: the nonce of the style and script elements. Without it, a standalone file. */
  nonce?: string;
  /** Webview: `webview.cspSource`. */
  cspSource?: string;
  /** Webview: findings (and matrix cells, completeness rows…) reveal their source when clicked. */
  clickable?: boolean;
}

const e = escapeHtml;

/** Content-Security-Policy of the document. */
export function contentSecurityPolicy(options: HtmlOptions): string {
  if (options.nonce) {
    const src = options.cspSource ? `${options.cspSource} ` : '';
    return `default-src 'none'; img-src ${src}data:; style-src ${src}'nonce-${options.nonce}'; script-src 'nonce-${options.nonce}'`;
  }
  return "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
}

export const REPORT_CSS = `
:root {
  --in-fg: var(--vscode-foreground, #1f2328);
  --in-muted: var(--vscode-descriptionForeground, #59636e);
  --in-bg: var(--vscode-editor-background, #ffffff);
  --in-border: var(--vscode-panel-border, #d0d7de);
  --in-heat: var(--vscode-charts-red, #cf222e);
  --in-ok: var(--vscode-charts-green, #1a7f37);
  --in-warn: var(--vscode-charts-yellow, #9a6700);
  --in-accent: var(--vscode-charts-blue, #0969da);
  --in-unknown: var(--vscode-charts-purple, #8250df);
  --in-link: var(--vscode-textLink-foreground, #0969da);
  --in-error: var(--vscode-errorForeground, #cf222e);
  --in-focus: var(--vscode-focusBorder, #0969da);
  --in-code-bg: var(--vscode-textCodeBlock-background, #f6f8fa);
  --in-on-strong: #ffffff;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --in-fg: var(--vscode-foreground, #e6edf3);
    --in-muted: var(--vscode-descriptionForeground, #9198a1);
    --in-bg: var(--vscode-editor-background, #0d1117);
    --in-border: var(--vscode-panel-border, #3d444d);
    --in-heat: var(--vscode-charts-red, #f85149);
    --in-ok: var(--vscode-charts-green, #3fb950);
    --in-warn: var(--vscode-charts-yellow, #d29922);
    --in-accent: var(--vscode-charts-blue, #4493f8);
    --in-unknown: var(--vscode-charts-purple, #ab7df8);
    --in-link: var(--vscode-textLink-foreground, #4493f8);
    --in-error: var(--vscode-errorForeground, #f85149);
    --in-code-bg: var(--vscode-textCodeBlock-background, #151b23);
  }
}
body { margin: 0; padding: 16px 24px 40px; max-width: 1000px; color: var(--in-fg); background: var(--in-bg);
  font-family: var(--vscode-font-family, -apple-system, "Segoe UI", system-ui, Ubuntu, sans-serif); font-size: var(--vscode-font-size, 14px); line-height: 1.5; }
h1 { font-size: 1.6em; margin: .4em 0 .1em; font-weight: 600; }
h2 { font-size: 1.2em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 1px solid var(--in-border); font-weight: 600; }
a { color: var(--in-link); }
code { font-family: var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas, monospace); font-size: .92em; background: var(--in-code-bg); padding: 0 .25em; border-radius: 3px; }
.meta, .source, .muted { color: var(--in-muted); }
.meta { margin: 0 0 1em; }
.source { font-size: .85em; margin-top: .3em; }
.figure { overflow-x: auto; }
svg.picture { max-width: 100%; height: auto; display: block; margin: 4px 0; }
svg text { font-family: inherit; }
.label { fill: var(--in-fg); font-size: 12px; }
.label.small { font-size: 10.5px; }
.factor-head .label { font-size: 11px; }
.label.strong { font-weight: 600; }
.label.muted { fill: var(--in-muted); }
.label.warn { fill: var(--in-warn); }
.cell-bg { stroke: var(--in-border); stroke-width: 1; }
.heat-low { fill: var(--in-heat); fill-opacity: .16; }
.heat-medium { fill: var(--in-heat); fill-opacity: .48; }
.heat-high { fill: var(--in-heat); fill-opacity: .9; }
.heat-unknown { fill: url(#in-hatch); }
.hatch { stroke: var(--in-unknown); stroke-width: 2; stroke-opacity: .6; }
.heat-not-applicable { fill: var(--in-fg); fill-opacity: .05; }
.heat-unrated, .heat-off-scale { fill: var(--in-bg); stroke: var(--in-warn); stroke-width: 1.5; stroke-dasharray: 4 3; }
.heat-off { fill: var(--in-fg); fill-opacity: .025; stroke-dasharray: 2 3; }
.cell-text { fill: var(--in-fg); font-size: 11.5px; }
.cell-text.on-strong, .ratchet-num.on-strong { fill: var(--in-on-strong); }
.row-no .cell-text { fill: var(--in-muted); }
.row-unsure .cell-bg { stroke: var(--in-fg); stroke-dasharray: 3 2; }
.row-unsure .heat-low, .row-unsure .heat-medium, .row-unsure .heat-high { opacity: .7; }
.stage-head { fill: var(--in-fg); fill-opacity: .06; }
.separator { stroke: var(--in-border); stroke-width: 1.5; }
.ratchet-line { stroke: var(--in-border); stroke-width: 3; }
.arrow-head { fill: var(--in-border); }
.ratchet-progress { stroke: var(--in-heat); stroke-width: 3; stroke-opacity: .55; }
.ratchet-dot { stroke: var(--in-heat); stroke-width: 2; fill: var(--in-bg); }
.ratchet-past .ratchet-dot { fill: var(--in-heat); fill-opacity: .45; }
.ratchet-current .ratchet-dot { fill: var(--in-heat); }
.ratchet-none .ratchet-dot { stroke: var(--in-muted); }
.ratchet-num { fill: var(--in-fg); font-size: 12px; font-weight: 600; }
.zone { fill: var(--in-fg); fill-opacity: .035; }
.axis { stroke: var(--in-muted); }
.grid { stroke: var(--in-border); stroke-dasharray: 2 4; }
.today-line { stroke: var(--in-accent); stroke-width: 1.5; stroke-dasharray: 5 3; }
.label.today-label { fill: var(--in-accent); }
.row-rule { stroke: var(--in-border); stroke-opacity: .6; }
.ev-dot, .ev-diamond { stroke: var(--in-accent); stroke-width: 2; fill: var(--in-bg); }
.ev-released .ev-dot { fill: var(--in-accent); }
.ev-private .ev-dot { stroke: var(--in-muted); }
.ev-hosted .ev-dot { stroke-dasharray: 3 2; }
.ev-skipped { opacity: .5; }
.ev-link { stroke: var(--in-accent); stroke-width: 2; stroke-opacity: .7; }
.ev-link.waiting { stroke-dasharray: 5 4; }
.bar-track { fill: var(--in-fg); fill-opacity: .08; }
.bar-done { fill: var(--in-accent); }
.bar-done.full { fill: var(--in-ok); }
.legend { font-size: .85em; color: var(--in-muted); margin: .2em 0 .6em; }
.swatch { display: inline-flex; align-items: center; gap: 4px; margin-right: 14px; }
.swatch svg { display: inline-block; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; font-size: .95em; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--in-border); }
th { font-weight: 600; }
.status-implemented { color: var(--in-ok); font-weight: 600; }
.status-planned { color: var(--in-warn); font-weight: 600; }
.status-missing { color: var(--in-error); }
ul.missing { margin: .2em 0; padding-left: 1.2em; font-size: .9em; color: var(--in-muted); }
ol.findings { list-style: none; padding: 0; margin: 0; }
ol.findings li { padding: 4px 0; border-bottom: 1px solid var(--in-border); }
.sev { display: inline-block; min-width: 4.5em; font-weight: 600; font-size: .85em; text-transform: uppercase; }
.sev-error .sev { color: var(--in-error); }
.sev-warning .sev { color: var(--in-warn); }
.sev-info .sev { color: var(--in-accent); }
.loc { font-family: var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas, monospace); font-size: .9em; }
button.finding-link { all: unset; cursor: pointer; color: var(--in-link); }
button.finding-link:hover .loc { text-decoration: underline; }
[data-reveal] { cursor: pointer; }
[data-reveal]:focus, button.finding-link:focus { outline: 1px solid var(--in-focus); outline-offset: 1px; }
.rule { margin-left: .4em; }
.summary > :first-child { margin-top: 0; }
footer { margin-top: 2em; font-size: .85em; color: var(--in-muted); }
`;

/** The webview's script: any element with data-reveal posts its source location. */
const REVEAL_SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  function reveal(el) {
    const p = (el.getAttribute('data-reveal') || '').split(':');
    if (p.length !== 5) return;
    vscode.postMessage({ type: 'reveal', file: p[0], start: { line: Number(p[1]), character: Number(p[2]) }, end: { line: Number(p[3]), character: Number(p[4]) } });
  }
  function target(ev) { return ev.target && ev.target.closest ? ev.target.closest('[data-reveal]') : null; }
  document.addEventListener('click', function (ev) { const el = target(ev); if (el) { ev.preventDefault(); reveal(el); } });
  document.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter' && ev.key !== ' ') return;
    const el = target(ev);
    if (el) { ev.preventDefault(); reveal(el); }
  });
})();`;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function renderReportHtml(model: ReportModel, options: HtmlOptions = {}): string {
  const svgOptions: SvgOptions = { clickable: !!options.clickable };
  const nonceAttr = options.nonce ? ` nonce="${e(options.nonce)}"` : '';
  const c = model.completeness;
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(options))}">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push('<meta name="referrer" content="no-referrer">');
  out.push(`<title>Impact report: ${e(model.title)}</title>`);
  out.push(`<style${nonceAttr}>${REPORT_CSS}</style>`);
  out.push('</head>');
  out.push('<body class="impact-report">');

  out.push('<header>');
  out.push(`<h1>${e(model.title)}</h1>`);
  const meta = [
    model.folder ? `<span class="folder">${e(model.folder)}</span>` : undefined,
    `as of ${e(model.today)}`,
    `${c.done}/${c.total} answered`,
    plural(model.counts.error, 'error'),
    plural(model.counts.warning, 'warning'),
  ].filter(Boolean);
  out.push(`<p class="meta">${meta.join(' · ')}</p>`);
  out.push('</header>');

  // Summary, as the author wrote it.
  const summary = sectionHasText(model.impact, 'summary') ? sectionBody(model.impact, 'summary') : undefined;
  if (summary) {
    out.push('<section id="summary">');
    out.push('<h2>Summary</h2>');
    out.push(`<div class="summary">${markdownToHtml(summary)}</div>`);
    out.push('</section>');
  }

  out.push('<section id="completeness">');
  out.push(`<h2>Completeness <span class="muted">${c.done}/${c.total}</span></h2>`);
  if (!model.hasImpact) out.push(`<p class="muted">There is no ${e(model.fileNames.impact)} beside ${e(model.fileNames.release)}: every answer is missing.</p>`);
  out.push(`<div class="figure">${completenessSvg(model, svgOptions).replace('<svg class="completeness"', '<svg class="picture completeness"')}</div>`);
  const gaps = model.sections.filter((s) => s.missing.length);
  if (gaps.length) {
    out.push('<ul class="missing">');
    for (const s of gaps) out.push(`<li><strong>${e(s.title)}</strong>: ${e(s.missing.join('; '))}</li>`);
    out.push('</ul>');
  }
  out.push('</section>');

  out.push('<section id="matrix">');
  out.push('<h2>Hazards and the path to harm</h2>');
  out.push(`<div class="figure">${heatmapSvg(model, svgOptions).replace('<svg class="heatmap"', '<svg class="picture heatmap"')}</div>`);
  out.push(heatmapLegend());
  out.push('<table class="hazards"><thead><tr><th>Hazard</th><th>Applies</th><th>Why</th></tr></thead><tbody>');
  for (const h of model.hazards) {
    const applies = h.applies ?? h.appliesText ?? (h.found ? 'unclear' : 'not assessed');
    out.push(`<tr${revealAttr(h.ref, svgOptions)}><td>${e(h.term.label)}</td><td>${e(applies)}</td><td>${h.rationale ? inlineToHtml(h.rationale) : '<span class="muted">no rationale</span>'}</td></tr>`);
  }
  out.push('</tbody></table>');
  out.push('<p class="source">Hazard types: Ovadya &amp; Whittlestone 2019, §2.1. Path to harm: §2.2 (1) awareness, (2) deployment, (3) sustained use. A rating says how much the factor eases misuse.</p>');
  out.push('</section>');

  out.push('<section id="ratchet">');
  out.push('<h2>Access ratchet</h2>');
  out.push(`<div class="figure">${ratchetSvg(model, svgOptions).replace('<svg class="ratchet"', '<svg class="picture ratchet"')}</div>`);
  if (model.ratchet.position) {
    out.push(`<p>Position ${model.ratchet.index + 1} of ${RATCHET_POSITIONS.length}: <strong>${e(model.ratchet.position.label)}</strong>. ${e(model.ratchet.position.definition)}</p>`);
  }
  if (model.ratchet.rationale) out.push(`<p>${inlineToHtml(model.ratchet.rationale)}</p>`);
  out.push('<p class="source">Ovadya &amp; Whittlestone 2019, §2.3: once misuse moves up the ratchet it rarely moves back.</p>');
  out.push('</section>');

  // Indirect harms (§2.4): the disinformation ratchet and path dependency, in the author's words.
  out.push('<section id="indirect-harms">');
  out.push('<h2>Indirect harms</h2>');
  const indirect = sectionHasText(model.impact, 'indirect-harms') ? sectionBody(model.impact, 'indirect-harms') : undefined;
  out.push(indirect ? `<div class="summary">${markdownToHtml(indirect)}</div>` : '<p class="muted">Not answered yet: could the work feed a disinformation ratchet, or push technology and society down a path that is hard to reverse?</p>');
  out.push('<p class="source">Ovadya &amp; Whittlestone 2019, §2.4: the disinformation ratchet and sociotechnical path dependency.</p>');
  out.push('</section>');

  out.push('<section id="timeline">');
  out.push('<h2>Release timeline</h2>');
  out.push(`<div class="figure">${timelineSvg(model, svgOptions).replace('<svg class="timeline"', '<svg class="picture timeline"')}</div>`);
  out.push(timelineLegend());
  if (model.timeline.length) {
    out.push('<table class="artifacts"><thead><tr><th>Artifact</th><th>Content</th><th>Timing</th><th>Distribution</th></tr></thead><tbody>');
    for (const a of model.timeline) {
      const when = a.events
        .map((ev) => (ev.when === 'immediate' ? 'with the paper' : ev.when === 'date' ? `${ev.date}: ${ev.label}` : ev.when === 'event' ? `after ${ev.event}: ${ev.label}` : `${ev.label}: ${ev.note ?? 'not scheduled'}`) + stageAccess(ev))
        .join('; ');
      out.push(
        `<tr${revealAttr(a.ref, svgOptions)}><td><code>${e(a.id)}</code></td><td>${e(a.contentLabel ?? '')}</td><td>${e([a.timing, when].filter(Boolean).join(' — '))}${a.every ? ` (every ${e(a.every)})` : ''}</td><td>${e([a.distribution, a.distributionDetail].filter(Boolean).join(' — '))}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('<p class="source">Release timing and distribution options: Ovadya &amp; Whittlestone 2019, §3.4.</p>');
  out.push('</section>');

  out.push('<section id="safeguards">');
  out.push('<h2>Safeguards</h2>');
  if (!model.hasRelease) out.push(`<p class="muted">No ${e(model.fileNames.release)} beside ${e(model.fileNames.impact)}.</p>`);
  out.push('<table class="safeguards"><thead><tr><th>Safeguard</th><th>Status</th><th>Detail</th><th>Artifacts</th></tr></thead><tbody>');
  for (const s of model.safeguards) {
    const status = s.status ?? 'not listed';
    const cls = s.status === 'implemented' ? 'status-implemented' : s.status === 'planned' ? 'status-planned' : s.status === 'not-implemented' || !s.status ? 'status-missing' : '';
    out.push(
      `<tr${revealAttr(s.ref, svgOptions)}><td title="${e(s.term.definition)}">${e(s.term.label)}</td><td class="${cls}">${e(status)}${s.due ? ` <span class="muted">(due ${e(s.due)})</span>` : ''}${s.enforced ? ` <span class="muted">(enforced: ${e(enforcedLabel(s.enforced))})</span>` : ''}</td><td>${e(s.detail ?? '')}</td><td>${e(s.artifacts.join(', '))}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  out.push('<p class="source">Synthetic-media safeguards: Ovadya &amp; Whittlestone 2019, §3.4.</p>');
  out.push('</section>');

  if (model.provenance) {
    const p = model.provenance;
    out.push('<section id="provenance">');
    out.push('<h2>Provenance</h2>');
    out.push(`<p>${p.credentialed} of ${p.total} sample${p.total === 1 ? '' : 's'} carry C2PA Content Credentials that mark ${p.total === 1 ? 'it' : 'them'} as generated and validate.</p>`);
    if (p.lacking.length) out.push(`<ul class="provenance">${p.lacking.map((l) => `<li><code>${e(l.file)}</code>: ${e(VERDICT_LABEL[l.verdict])}</li>`).join('')}</ul>`);
    if (p.unsupported.length) out.push(`<p class="muted">Not checked (format without C2PA support): ${e(p.unsupported.join(', '))}.</p>`);
    out.push('<p class="source">Detectability and watermarking of synthetic media: Ovadya &amp; Whittlestone 2019, §3.4.</p>');
    out.push('</section>');
  }

  out.push('<section id="findings">');
  out.push(`<h2>Open findings <span class="muted">${model.findings.length}</span></h2>`);
  if (model.findings.length === 0) out.push('<p class="muted">No open findings.</p>');
  else {
    out.push('<ol class="findings">');
    model.findings.forEach((f, i) => {
      const body = `<span class="loc">${e(f.location)}</span> ${e(f.message)}`;
      const inner =
        options.clickable && f.ref
          ? `<button type="button" class="finding-link" data-index="${i}"${revealAttr(f.ref, svgOptions).replace(' tabindex="0" role="button"', '')}>${body}</button>`
          : body;
      out.push(`<li class="finding sev-${f.severity}"><span class="sev">${f.severity}</span> ${inner} <code class="rule">${e(f.rule)}</code></li>`);
    });
    out.push('</ol>');
  }
  out.push('</section>');

  const review = model.review;
  const footer: string[] = [];
  if (review?.level) footer.push(`Review: ${e(review.level)}${review.date ? ` on ${e(review.date)}` : ''}${review.next ? `, next due ${e(review.next)}` : ''}.`);
  if (model.contact) footer.push(`Misuse reports: ${e(model.contact)}.`);
  footer.push(`Generated by Impact Notes from ${e(model.fileNames.impact)} and ${e(model.fileNames.release)}.`);
  out.push(`<footer>${footer.join(' ')}</footer>`);
  if (options.clickable && options.nonce) out.push(`<script${nonceAttr}>${REVEAL_SCRIPT}</script>`);
  out.push('</body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}
