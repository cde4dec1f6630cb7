/**
 * The report as Markdown and as a standalone LaTeX document: the same sections as the HTML report,
 * with tables in place of pictures (the LaTeX matrix keeps its heat-map colours through xcolor).
 * Pure functions of the report model.
 */
import { VERDICT_LABEL } from '../provenance/credentials';
import { PATH_STAGES, RATCHET_POSITIONS } from '../taxonomy';
import { escapeLatex, escapeMarkdown, markdownCell } from './escape';
import { inlineToLatex, inlineToMarkdown, markdownToLatex, markdownToMarkdown } from './markdown';
import { RATING_LABEL, safeguardStatusText, sectionBody, sectionHasText, stageAccess, type FactorColumn, type HazardRow, type ReportModel, type TimelineArtifact } from './report-model';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function appliesText(h: HazardRow): string {
  return h.applies ?? h.appliesText ?? (h.found ? 'unclear' : 'not assessed');
}

function factorText(f: FactorColumn): string {
  if (f.rating === 'off-scale') return `${f.ratingText ?? '?'} (off scale)`;
  return f.rating === 'unrated' ? 'not rated' : RATING_LABEL[f.rating];
}

function stageLabel(f: FactorColumn): string {
  return PATH_STAGES.find((s) => s.id === f.stage)?.label ?? f.stage;
}

function whenText(a: TimelineArtifact): string {
  return a.events
    .map(
      (ev) =>
        (ev.when === 'immediate'
          ? 'with the paper'
          : ev.when === 'date'
            ? `${ev.date}: ${ev.label}`
            : ev.when === 'event'
              ? `after ${ev.event}: ${ev.label}`
              : `${ev.label}: ${ev.note ?? 'not scheduled'}`) + stageAccess(ev),
    )
    .join('; ');
}

function metaLine(model: ReportModel): string {
  const c = model.completeness;
  return [model.folder, `as of ${model.today}`, `${c.done}/${c.total} answered`, plural(model.counts.error, 'error'), plural(model.counts.warning, 'warning')]
    .filter(Boolean)
    .join(' · ');
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

function mdTable(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function renderReportMarkdown(model: ReportModel): string {
  const out: string[] = [];
  const c = model.completeness;
  out.push(`# Impact report: ${headingText(model.title)}`, '', escapeMarkdown(metaLine(model)), '');

  const summary = sectionHasText(model.impact, 'summary') ? sectionBody(model.impact, 'summary') : undefined;
  if (summary) out.push('## Summary', '', markdownToMarkdown(summary), '');

  out.push(`## Completeness (${c.done}/${c.total})`, '');
  out.push(mdTable(['Section', 'Answered', 'Missing'], model.sections.map((s) => [markdownCell(s.title), `${s.done}/${s.total}`, markdownCell(s.missing.join('; '))])), '');

  out.push('## Hazards and the path to harm', '');
  out.push(mdTable(['Hazard', 'Applies', 'Why'], model.hazards.map((h) => [markdownCell(h.term.label), markdownCell(appliesText(h)), h.rationale ? inlineToMarkdown(h.rationale).replace(/\s*\n\s*/g, ' ') : '']).map((r) => r)), '');
  out.push('Each factor is rated once for the whole assessment: how much the work eases that step toward misuse.', '');
  out.push(
    mdTable(
      ['Stage', 'Factor', 'Rating', 'Why'],
      model.factors.map((f) => [markdownCell(stageLabel(f)), markdownCell(f.term.label), markdownCell(factorText(f)), f.reasoning ? inlineToMarkdown(f.reasoning).replace(/\s*\n\s*/g, ' ') : '']),
    ),
    '',
  );

  out.push('## Indirect harms', '');
  const indirect = sectionHasText(model.impact, 'indirect-harms') ? sectionBody(model.impact, 'indirect-harms') : undefined;
  out.push(indirect ? markdownToMarkdown(indirect) : '*Not answered yet.*', '');

  out.push('## Access ratchet', '');
  const steps = RATCHET_POSITIONS.map((t, i) => (i === model.ratchet.index ? `**${t.label}**` : t.label)).join(' → ');
  if (model.ratchet.position) out.push(`Position ${model.ratchet.index + 1} of ${RATCHET_POSITIONS.length}: **${model.ratchet.position.label}** (${steps}).`, '');
  else out.push(`No position given${model.ratchet.written ? ` ('${escapeMarkdown(model.ratchet.written)}' is not one of: ${steps})` : ` (one of: ${steps})`}.`, '');
  if (model.ratchet.rationale) out.push(inlineToMarkdown(model.ratchet.rationale), '');

  out.push('## Release timeline', '');
  if (model.timeline.length === 0) out.push(model.hasRelease ? 'No artifacts in release.yaml.' : 'No release.yaml beside IMPACT.md.', '');
  else
    out.push(
      mdTable(
        ['Artifact', 'Content', 'Timing', 'When', 'Distribution'],
        model.timeline.map((a) => [
          markdownCell(a.id),
          markdownCell(a.contentLabel ?? ''),
          markdownCell(a.timing ?? ''),
          markdownCell(whenText(a) + (a.every ? ` (every ${a.every})` : '')),
          markdownCell([a.distribution, a.distributionDetail].filter(Boolean).join(' — ')),
        ]),
      ),
      '',
    );

  out.push('## Safeguards', '');
  out.push(
    mdTable(
      ['Safeguard', 'Status', 'Detail', 'Artifacts'],
      model.safeguards.map((s) => [markdownCell(s.term.label), markdownCell(safeguardStatusText(s)), markdownCell(s.detail ?? ''), markdownCell(s.artifacts.join(', '))]),
    ),
    '',
  );

  if (model.provenance) {
    const p = model.provenance;
    const code = (f: string) => `\`${f.replace(/`/g, '')}\``;
    out.push('## Provenance', '');
    out.push(`${p.credentialed} of ${p.total} sample${p.total === 1 ? '' : 's'} carry C2PA Content Credentials that mark ${p.total === 1 ? 'it' : 'them'} as generated and validate.`, '');
    if (p.lacking.length) out.push(...p.lacking.map((l) => `- ${code(l.file)}: ${VERDICT_LABEL[l.verdict]}`), '');
    if (p.unsupported.length) out.push(`Not checked (format without C2PA support): ${p.unsupported.map(code).join(', ')}.`, '');
  }

  out.push(`## Open findings (${model.findings.length})`, '');
  if (model.findings.length === 0) out.push('No open findings.', '');
  else {
    for (const f of model.findings) out.push(`- **${f.severity}** \`${f.location.replace(/`/g, '')}\` ${escapeMarkdown(f.message.replace(/\s*\n\s*/g, ' '))} (\`${f.rule.replace(/`/g, '')}\`)`);
    out.push('');
  }
  out.push(escapeMarkdown(`Generated by Impact Notes from ${model.fileNames.impact} and ${model.fileNames.release}. Sources: Ovadya & Whittlestone 2019, §2.1–§2.3 and §3.4.`));
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// LaTeX
// ---------------------------------------------------------------------------------------------

const HEAT_COLOUR: Record<string, string> = {
  low: 'red!15',
  medium: 'red!45',
  high: 'red!80',
  unknown: 'violet!20',
  'not-applicable': 'black!5',
};

export const LATEX_PREAMBLE = [
  '\\usepackage[utf8]{inputenc}',
  '\\usepackage[T1]{fontenc}',
  '\\usepackage[margin=2cm]{geometry}',
  '\\usepackage[table]{xcolor}',
  '\\usepackage{array}',
  '\\usepackage{booktabs}',
  '\\usepackage[hidelinks]{hyperref}',
];

export function renderReportLatex(model: ReportModel): string {
  const L = escapeLatex;
  const out: string[] = [];
  const c = model.completeness;
  out.push('% Impact report generated by Impact Notes. Compile with pdflatex.');
  out.push('\\documentclass[10pt]{article}', ...LATEX_PREAMBLE);
  out.push(`\\title{Impact report: ${L(model.title)}}`, '\\author{}', `\\date{${L(metaLine(model))}}`);
  out.push('\\begin{document}', '\\maketitle', '');

  const summary = sectionHasText(model.impact, 'summary') ? sectionBody(model.impact, 'summary') : undefined;
  if (summary) out.push('\\section*{Summary}', markdownToLatex(summary), '');

  out.push(`\\section*{Completeness (${c.done}/${c.total})}`);
  out.push('\\begin{tabular}{>{\\raggedright}p{0.3\\linewidth}r>{\\raggedright\\arraybackslash}p{0.5\\linewidth}}', '\\toprule', 'Section & Answered & Missing \\\\', '\\midrule');
  for (const s of model.sections) out.push(`${L(s.title)} & ${s.done}/${s.total} & ${L(s.missing.join('; '))} \\\\`);
  out.push('\\bottomrule', '\\end{tabular}', '');

  out.push('\\section*{Hazards and the path to harm}');
  out.push('\\begin{itemize}');
  for (const h of model.hazards) out.push(`  \\item \\textbf{${L(h.term.label)}} (${L(appliesText(h))})${h.rationale ? `: ${inlineToLatex(h.rationale)}` : ''}`);
  out.push('\\end{itemize}', '');
  out.push('Each factor is rated once for the whole assessment: how much the work eases that step toward misuse. Factors: ' + model.factors.map((f, i) => `(${i + 1})~${L(f.term.label)}`).join(', ') + '.', '');
  const noneApplies = model.hazards.length > 0 && model.hazards.every((h) => h.applies === 'no');
  out.push('\\begin{center}\\small', `\\begin{tabular}{${model.factors.map(() => 'c').join('')}}`, '\\toprule');
  out.push(`${PATH_STAGES.map((s) => `\\multicolumn{${s.factors.length}}{c}{${L(s.label)}}`).join(' & ')} \\\\`);
  out.push(`${model.factors.map((_, i) => `(${i + 1})`).join(' & ')} \\\\`, '\\midrule');
  const cells = model.factors.map((f) => {
    const colour = noneApplies ? undefined : HEAT_COLOUR[f.rating];
    const text = f.rating === 'off-scale' ? `${L(f.ratingText ?? '?')}?` : f.rating === 'unrated' ? '?' : L(RATING_LABEL[f.rating]);
    const fg = f.rating === 'high' && !noneApplies ? `\\textcolor{white}{${text}}` : text;
    return colour ? `\\cellcolor{${colour}}${fg}` : fg;
  });
  out.push(`${cells.join(' & ')} \\\\`);
  out.push('\\bottomrule', '\\end{tabular}', '\\end{center}', '');
  if (noneApplies) out.push('No hazard type applies, so these steps ease no misuse.', '');

  out.push('\\section*{Access ratchet}');
  const steps = RATCHET_POSITIONS.map((t, i) => (i === model.ratchet.index ? `\\textbf{${L(t.label)}}` : L(t.label))).join(' $\\rightarrow$ ');
  if (model.ratchet.position) out.push(`Position ${model.ratchet.index + 1} of ${RATCHET_POSITIONS.length}: ${steps}.`);
  else out.push(`No position given (one of: ${steps}).`);
  if (model.ratchet.rationale) out.push('', inlineToLatex(model.ratchet.rationale));
  out.push('');

  out.push('\\section*{Release timeline}');
  if (model.timeline.length === 0) out.push(model.hasRelease ? 'No artifacts in release.yaml.' : 'No release.yaml beside IMPACT.md.', '');
  else {
    out.push('\\begin{tabular}{>{\\raggedright}p{0.14\\linewidth}>{\\raggedright}p{0.14\\linewidth}>{\\raggedright}p{0.36\\linewidth}>{\\raggedright\\arraybackslash}p{0.28\\linewidth}}', '\\toprule', 'Artifact & Content & Timing & Distribution \\\\', '\\midrule');
    for (const a of model.timeline) {
      out.push(`\\texttt{${L(a.id)}} & ${L(a.contentLabel ?? '')} & ${L([a.timing, whenText(a)].filter(Boolean).join(' --- ') + (a.every ? ` (every ${a.every})` : ''))} & ${L([a.distribution, a.distributionDetail].filter(Boolean).join(' --- '))} \\\\`);
    }
    out.push('\\bottomrule', '\\end{tabular}', '');
  }

  out.push('\\section*{Safeguards}');
  out.push('\\begin{tabular}{>{\\raggedright}p{0.2\\linewidth}>{\\raggedright}p{0.14\\linewidth}>{\\raggedright}p{0.44\\linewidth}>{\\raggedright\\arraybackslash}p{0.14\\linewidth}}', '\\toprule', 'Safeguard & Status & Detail & Artifacts \\\\', '\\midrule');
  for (const s of model.safeguards) out.push(`${L(s.term.label)} & ${L(safeguardStatusText(s))} & ${L(s.detail ?? '')} & ${L(s.artifacts.join(', '))} \\\\`);
  out.push('\\bottomrule', '\\end{tabular}', '');

  out.push(`\\section*{Open findings (${model.findings.length})}`);
  if (model.findings.length === 0) out.push('No open findings.');
  else {
    out.push('\\begin{itemize}');
    for (const f of model.findings) out.push(`  \\item \\textbf{${f.severity}} \\texttt{${L(f.location)}} ${L(f.message.replace(/\s*\n\s*/g, ' '))} (\\texttt{${L(f.rule)}})`);
    out.push('\\end{itemize}');
  }
  out.push('', `\\medskip\\noindent{\\small Generated by Impact Notes from ${L(model.fileNames.impact)} and ${L(model.fileNames.release)}. Sources: Ovadya \\& Whittlestone 2019, \\S2.1--\\S2.3 and \\S3.4.}`);
  out.push('\\end{document}');
  return out.join('\n') + '\n';
}

/** Escaped for an ATX heading: a trailing run of `#` after a space would otherwise close the heading and vanish. */
function headingText(text: string): string {
  return escapeMarkdown(text).replace(/(\s)(#+)(\s*)$/, '$1\\$2$3');
}
