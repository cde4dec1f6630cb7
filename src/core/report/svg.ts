/**
 * The report's pictures as inline SVG strings: completeness bars, the hazard × path-to-harm heat
 * map, the access ratchet and the release timeline. No style attributes and no colours here: every
 * element carries classes that the report's stylesheet colours from theme variables (VS Code's
 * --vscode-* with fallbacks), so the pictures follow the editor theme and pass a strict CSP.
 * Every piece of user text is escaped; long labels are shortened, with the full text in <title>.
 */
import { PATH_STAGES, RATCHET_POSITIONS } from '../taxonomy';
import { escapeHtml } from './escape';
import { inlineToText } from './markdown';
import { RATING_LABEL, type ReportModel, type SourceRef, type TimelineArtifact, type TimelineEvent } from './report-model';

export interface SvgOptions {
  /** Adds data-reveal attributes (file:line:col:line:col) that the webview turns into clicks. */
  clickable?: boolean;
}

const e = escapeHtml;
const n = (x: number) => String(Math.round(x * 10) / 10);

export function revealAttr(r: SourceRef | undefined, options: SvgOptions): string {
  if (!options.clickable || !r) return '';
  return ` data-reveal="${r.file}:${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}" tabindex="0" role="button"`;
}

/** Shortens text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** Splits a label into at most two lines of about `width` characters. */
function twoLines(label: string, width: number): [string, string?] {
  if (label.length <= width) return [label];
  const words = label.split(' ');
  let first = '';
  while (words.length && (first + ' ' + words[0]).trim().length <= width) first = `${first} ${words.shift()}`.trim();
  if (!first) first = words.shift() ?? '';
  const rest = words.join(' ');
  return rest ? [first, clip(rest, width)] : [first];
}

function svgOpen(cls: string, width: number, height: number, title: string, desc: string): string {
  const id = cls.replace(/[^a-z-]/g, '');
  return (
    `<svg class="${cls}" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${e(title)}</title><desc id="${id}-desc">${e(desc)}</desc>`
  );
}

// ---------------------------------------------------------------------------------------------
// Completeness
// ---------------------------------------------------------------------------------------------

export function completenessSvg(model: ReportModel, options: SvgOptions = {}): string {
  const LABEL = 210;
  const BAR = 380;
  const ROW = 24;
  const rows = model.sections;
  const top = 40;
  const height = top + rows.length * ROW + 6;
  const width = LABEL + BAR + 70;
  const c = model.completeness;
  const parts = [svgOpen('completeness', width, height, `Completeness ${c.done} of ${c.total}`, `${c.done} of ${c.total} required answers are given, by section.`)];
  const frac = c.total ? c.done / c.total : 0;
  parts.push(`<text class="label strong" x="0" y="20">All sections</text>`);
  parts.push(`<rect class="bar-track" x="${LABEL}" y="7" width="${BAR}" height="18" rx="4"/>`);
  if (frac > 0) parts.push(`<rect class="bar-done${frac === 1 ? ' full' : ''}" x="${LABEL}" y="7" width="${n(BAR * frac)}" height="18" rx="4"/>`);
  parts.push(`<text class="label strong" x="${LABEL + BAR + 10}" y="20">${c.done}/${c.total}</text>`);
  rows.forEach((s, i) => {
    const y = top + i * ROW;
    const f = s.total ? s.done / s.total : 0;
    const tip = s.missing.length ? `${s.title}: ${s.done}/${s.total}. Missing: ${s.missing.join('; ')}` : `${s.title}: complete`;
    parts.push(`<g class="section-row${f === 1 ? ' done' : ''}"${revealAttr(s.ref, options)}><title>${e(tip)}</title>`);
    parts.push(`<text class="label" x="0" y="${y + 14}">${e(clip(s.title, 30))}</text>`);
    parts.push(`<rect class="bar-track" x="${LABEL}" y="${y + 4}" width="${BAR}" height="12" rx="3"/>`);
    if (f > 0) parts.push(`<rect class="bar-done${f === 1 ? ' full' : ''}" x="${LABEL}" y="${y + 4}" width="${n(BAR * f)}" height="12" rx="3"/>`);
    parts.push(`<text class="label${f === 1 ? '' : ' warn'}" x="${LABEL + BAR + 10}" y="${y + 14}">${s.done}/${s.total}</text></g>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Hazard × path-to-harm heat map
// ---------------------------------------------------------------------------------------------

/**
 * Factors are rated once per assessment (§2.2), not once per hazard, so the picture draws them once:
 * one row of nine cells grouped by stage, each as strong as its rating, with the three hazard types
 * (§2.1) and whether each applies beside the row. Where no hazard applies, the factors ease nothing
 * and the cells are drawn faded. No row repeats another.
 */
export function heatmapSvg(model: ReportModel, options: SvgOptions = {}): string {
  const LABEL = 190;
  const CW = 84;
  const STAGE_H = 24;
  const HEAD_H = 40;
  const HZ_H = 22;
  const top = STAGE_H + HEAD_H;
  const CH = Math.max(56, model.hazards.length * HZ_H + 10);
  const width = LABEL + model.factors.length * CW;
  const height = top + CH + 4;
  const applying = model.hazards.filter((h) => h.applies === 'yes' || h.applies === 'unsure');
  const noneApplies = model.hazards.length > 0 && model.hazards.every((h) => h.applies === 'no');
  const parts = [
    svgOpen(
      'heatmap',
      width,
      height,
      'Hazards and the path to harm',
      'On the left, the three hazard types and whether each applies. On the right, the nine path-to-harm factors, rated once for the whole assessment and grouped by stage: the stronger the colour, the more the work eases that step toward misuse.',
    ),
    `<defs><pattern id="in-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>`,
  ];
  // Stage headers.
  let col = 0;
  for (const stage of PATH_STAGES) {
    const x = LABEL + col * CW;
    const w = stage.factors.length * CW;
    parts.push(`<g class="stage"><title>${e(`${stage.label}: ${stage.question} (${stage.source})`)}</title>`);
    parts.push(`<rect class="stage-head" x="${x + 2}" y="0" width="${w - 4}" height="${STAGE_H - 4}" rx="3"/>`);
    parts.push(`<text class="label strong" x="${x + w / 2}" y="14" text-anchor="middle">${e(stage.label)}</text></g>`);
    col += stage.factors.length;
  }
  // Factor headers.
  model.factors.forEach((f, i) => {
    const x = LABEL + i * CW + CW / 2;
    const [l1, l2] = twoLines(f.term.label, 12);
    const rating = RATING_LABEL[f.rating];
    parts.push(`<g class="factor-head"${revealAttr(f.ref, options)}><title>${e(`${f.term.label}: ${f.term.definition} (${f.term.source}). Rated ${f.ratingText ?? rating}.`)}</title>`);
    parts.push(`<text class="label" x="${x}" y="${STAGE_H + 14}" text-anchor="middle">${e(l1)}</text>`);
    if (l2) parts.push(`<text class="label" x="${x}" y="${STAGE_H + 28}" text-anchor="middle">${e(l2)}</text>`);
    parts.push('</g>');
  });
  // Stage separators.
  col = 0;
  for (const stage of PATH_STAGES.slice(0, -1)) {
    col += stage.factors.length;
    parts.push(`<line class="separator" x1="${LABEL + col * CW}" y1="${STAGE_H}" x2="${LABEL + col * CW}" y2="${height}"/>`);
  }
  // The hazards, beside the row.
  parts.push(`<text class="label small" x="0" y="${STAGE_H + 28}">Hazards (§2.1)</text>`);
  model.hazards.forEach((h, r) => {
    const y = top + r * HZ_H + 16;
    const applies = h.applies ?? (h.found ? 'unclear' : 'not assessed');
    const rowClass = h.applies === 'no' ? 'row-no' : h.applies === 'unsure' ? 'row-unsure' : h.applies === 'yes' ? 'row-yes' : 'row-unknown';
    parts.push(`<g class="hazard-head ${rowClass}"${revealAttr(h.ref, options)}><title>${e(`${h.term.label} (${h.term.source}): ${h.term.definition} Applies: ${h.appliesText ?? applies}.${h.rationale ? ` ${inlineToText(h.rationale)}` : ''}`)}</title>`);
    parts.push(`<text class="label${h.applies === 'yes' ? ' strong warn' : ''}" x="0" y="${y}">${e(h.term.label)}: ${e(clip(h.appliesText ?? applies, 14))}</text></g>`);
  });
  // One row of factors, rated once.
  const bears = applying.length ? `Bears on the hazards that apply: ${applying.map((h) => h.term.label.toLowerCase()).join(', ')}.` : noneApplies ? 'No hazard type applies, so this step eases no misuse.' : '';
  model.factors.forEach((f, c) => {
    const x = LABEL + c * CW;
    const rating = f.rating;
    const heat = noneApplies ? 'heat-off' : `heat-${rating}`;
    const text = rating === 'off-scale' ? clip(f.ratingText ?? '?', 9) : RATING_LABEL[rating];
    const strong = !noneApplies && rating === 'high';
    const tip = `${f.term.label}: ${f.ratingText ? `rated ${f.ratingText}` : 'not rated'}${rating === 'off-scale' ? ' (not on the scale)' : ''}.${f.reasoning ? ` ${inlineToText(f.reasoning)}` : ''}${bears ? ` ${bears}` : ''}`;
    parts.push(`<g class="cell"${revealAttr(f.ref, options)}><title>${e(tip)}</title>`);
    parts.push(`<rect class="cell-bg ${heat}" x="${x + 2}" y="${top + 2}" width="${CW - 4}" height="${CH - 4}" rx="3"/>`);
    parts.push(`<text class="cell-text${strong ? ' on-strong' : ''}" x="${x + CW / 2}" y="${top + CH / 2 + 4}" text-anchor="middle">${e(text)}</text></g>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The legend under the heat map, as HTML (small SVG swatches with the same classes; the hatch pattern is the heat map's). */
export function heatmapLegend(): string {
  const sw = (cls: string, label: string) =>
    `<span class="swatch"><svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true"><rect class="cell-bg ${cls}" x="1" y="1" width="16" height="12" rx="2"/></svg>${e(label)}</span>`;
  return (
    `<p class="legend">${sw('heat-low', 'low')}${sw('heat-medium', 'medium')}${sw('heat-high', 'high')}${sw('heat-unknown', 'unknown')}${sw('heat-not-applicable', 'not applicable')}${sw('heat-unrated', 'not rated / off scale')}${sw('heat-off', 'no hazard applies')}</p>`
  );
}

// ---------------------------------------------------------------------------------------------
// Access ratchet
// ---------------------------------------------------------------------------------------------

export function ratchetSvg(model: ReportModel, options: SvgOptions = {}): string {
  const width = 780;
  const height = 118;
  const x0 = 96;
  const step = (width - 2 * x0) / (RATCHET_POSITIONS.length - 1);
  const y = 44;
  const idx = model.ratchet.index;
  const cur = model.ratchet.position;
  const parts = [
    svgOpen(
      'ratchet',
      width,
      height,
      'Access ratchet',
      cur ? `The capability is at '${cur.label}', position ${idx + 1} of 4, from no known interest to sustained use.` : 'No access-ratchet position is given.',
    ),
    `<defs><marker id="in-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow-head" d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
    `<line class="ratchet-line" x1="${x0 - 40}" y1="${y}" x2="${n(x0 + step * (RATCHET_POSITIONS.length - 1) + 40)}" y2="${y}" marker-end="url(#in-arrow)"/>`,
  ];
  if (idx > 0) parts.push(`<line class="ratchet-progress" x1="${x0}" y1="${y}" x2="${n(x0 + step * idx)}" y2="${y}"/>`);
  RATCHET_POSITIONS.forEach((t, i) => {
    const x = x0 + step * i;
    const cls = idx < 0 ? 'ratchet-none' : i < idx ? 'ratchet-past' : i === idx ? 'ratchet-current' : 'ratchet-future';
    const attrs = i === idx ? revealAttr(model.ratchet.ref, options) : '';
    parts.push(`<g class="ratchet-pos ${cls}"${attrs}><title>${e(`${t.label}: ${t.definition} (${t.source})`)}</title>`);
    parts.push(`<circle class="ratchet-dot" cx="${n(x)}" cy="${y}" r="${i === idx ? 17 : 13}"/>`);
    parts.push(`<text class="ratchet-num${i === idx ? ' on-strong' : ''}" x="${n(x)}" y="${y + 4}" text-anchor="middle">${i + 1}</text>`);
    parts.push(`<text class="label${i === idx ? ' strong' : ''}" x="${n(x)}" y="${y + 40}" text-anchor="middle">${e(t.label)}</text>`);
    if (i === idx) parts.push(`<text class="label small" x="${n(x)}" y="${y + 58}" text-anchor="middle">current position</text>`);
    parts.push('</g>');
  });
  if (idx < 0) {
    const msg = model.ratchet.written ? `'${clip(model.ratchet.written, 40)}' is not one of the four positions` : 'No position given in IMPACT.md';
    parts.push(`<text class="label warn" x="${width / 2}" y="14" text-anchor="middle">${e(msg)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Release timeline
// ---------------------------------------------------------------------------------------------

const DAY = 86400000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY;
}

function monthStart(y: number, m: number): number {
  return Date.UTC(y, m, 1) / DAY;
}

interface Tick {
  day: number;
  label: string;
}

/** Month-aligned ticks between two day numbers, at most about seven. */
export function timeTicks(lo: number, hi: number): Tick[] {
  const start = new Date(lo * DAY);
  const months = (hi - lo) / 30.44;
  const step = [1, 2, 3, 6, 12, 24, 60].find((s) => months / s <= 7) ?? 120;
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth() + 1;
  if (step >= 12) {
    y += 1;
    m = 0;
  } else m = Math.ceil(m / step) * step;
  const ticks: Tick[] = [];
  for (let i = 0; i < 40; i++) {
    const yy = y + Math.floor(m / 12);
    const mm = m % 12;
    const day = monthStart(yy, mm);
    if (day > hi) break;
    if (day >= lo) ticks.push({ day, label: step >= 12 ? String(yy) : `${yy}-${String(mm + 1).padStart(2, '0')}` });
    m += step;
  }
  return ticks;
}

export function timelineSvg(model: ReportModel, options: SvgOptions = {}): string {
  const LABEL = 160;
  const IMM = 100;
  const AXIS = 460;
  const EVZ = 240;
  const LINE = 46;
  const HEAD = 30;
  const width = LABEL + IMM + AXIS + EVZ;
  const axisX = LABEL + IMM;
  const zoneX = axisX + AXIS;
  const rows = model.timeline;

  const dates = rows.flatMap((a) => a.events.filter((ev) => ev.date).map((ev) => dayNumber(ev.date!)));
  const today = dayNumber(model.today);
  let lo = Math.min(today, ...dates);
  let hi = Math.max(today, ...dates);
  if (hi - lo < 120) {
    const mid = (hi + lo) / 2;
    lo = mid - 60;
    hi = mid + 60;
  }
  const pad = (hi - lo) * 0.07;
  lo -= pad;
  hi += pad;
  const xOf = (day: number) => axisX + 14 + ((day - lo) / (hi - lo)) * (AXIS - 28);

  const linesOf = (a: TimelineArtifact) => {
    const waiting = a.events.filter((ev) => ev.when === 'event').length;
    const unscheduled = a.events.filter((ev) => ev.when === 'unscheduled').length;
    const dated = a.events.filter((ev) => ev.when === 'date').length;
    return Math.max(1, waiting, unscheduled + (dated ? 1 : 0));
  };
  const rowTops: number[] = [];
  let yCursor = HEAD;
  for (const a of rows) {
    rowTops.push(yCursor);
    yCursor += linesOf(a) * LINE;
  }
  const height = Math.max(yCursor, HEAD + LINE) + 26;

  const parts = [
    svgOpen(
      'timeline',
      width,
      height,
      'Release timeline',
      rows.length
        ? `${rows.length} artifacts: releases with the paper on the left, dated releases on the time axis, releases that wait for an event on the right.`
        : 'release.yaml lists no artifacts.',
    ),
  ];
  // Column heads and the axis.
  parts.push(`<text class="label strong" x="0" y="18">Artifact</text>`);
  parts.push(`<text class="label strong" x="${LABEL + IMM / 2}" y="18" text-anchor="middle">With the paper</text>`);
  parts.push(`<text class="label strong" x="${zoneX + 12}" y="18">Waiting on an event</text>`);
  parts.push(`<rect class="zone" x="${LABEL + 4}" y="${HEAD - 4}" width="${IMM - 8}" height="${height - HEAD - 22}" rx="4"/>`);
  parts.push(`<rect class="zone" x="${zoneX + 4}" y="${HEAD - 4}" width="${EVZ - 8}" height="${height - HEAD - 22}" rx="4"/>`);
  const axisY = height - 22;
  parts.push(`<line class="axis" x1="${axisX + 4}" y1="${axisY}" x2="${axisX + AXIS - 4}" y2="${axisY}"/>`);
  for (const t of timeTicks(lo, hi)) {
    const x = xOf(t.day);
    parts.push(`<line class="grid" x1="${n(x)}" y1="${HEAD - 4}" x2="${n(x)}" y2="${axisY}"/>`);
    parts.push(`<text class="label small" x="${n(x)}" y="${axisY + 14}" text-anchor="middle">${t.label}</text>`);
  }
  const tx = xOf(today);
  parts.push(`<g class="today"><title>Today, ${model.today}</title><line class="today-line" x1="${n(tx)}" y1="${HEAD - 8}" x2="${n(tx)}" y2="${axisY}"/>`);
  parts.push(`<text class="label small today-label" x="${n(tx)}" y="${HEAD - 12}" text-anchor="middle">today</text></g>`);

  rows.forEach((a, r) => {
    const top = rowTops[r];
    const mid = (line: number) => top + line * LINE + LINE / 2;
    if (r > 0) parts.push(`<line class="row-rule" x1="0" y1="${top}" x2="${width}" y2="${top}"/>`);
    const headTip = [a.id, a.contentLabel, a.timing && `timing: ${a.timing}`, a.distribution && `distribution: ${a.distribution}`, a.distributionDetail, a.status && `status: ${a.status}`]
      .filter(Boolean)
      .join(' · ');
    parts.push(`<g class="artifact-head"${revealAttr(a.ref, options)}><title>${e(headTip)}</title>`);
    parts.push(`<text class="label strong" x="0" y="${mid(0) - 2}">${e(clip(a.id, 20))}</text>`);
    parts.push(`<text class="label small" x="0" y="${mid(0) + 12}">${e(clip([a.contentLabel, a.distribution].filter(Boolean).join(' · '), 26))}</text></g>`);

    let waitingLine = 0;
    let noteLine = a.events.some((ev) => ev.when === 'date') ? 1 : 0;
    let prev: { x: number; y: number } | undefined;
    for (const ev of a.events) {
      let pos: { x: number; y: number };
      const tip = eventTip(a, ev);
      const cls = `ev ${ev.status === 'released' ? 'ev-released' : ev.status === 'skipped' ? 'ev-skipped' : 'ev-planned'}${ev.distribution === 'private' ? ' ev-private' : ev.distribution === 'hosted' ? ' ev-hosted' : ''}`;
      if (ev.when === 'immediate') {
        pos = { x: LABEL + IMM / 2, y: mid(0) };
        parts.push(`<g class="${cls}"><title>${e(tip)}</title><circle class="ev-dot" cx="${n(pos.x)}" cy="${pos.y}" r="7"/>`);
        parts.push(`<text class="label small" x="${n(pos.x)}" y="${pos.y + 20}" text-anchor="middle">${e(clip(ev.distribution ?? '', 14))}</text></g>`);
      } else if (ev.when === 'date') {
        pos = { x: xOf(dayNumber(ev.date!)), y: mid(0) };
        if (prev) parts.push(`<line class="ev-link" x1="${n(prev.x)}" y1="${prev.y}" x2="${n(pos.x)}" y2="${pos.y}"/>`);
        parts.push(`<g class="${cls}"><title>${e(tip)}</title><circle class="ev-dot" cx="${n(pos.x)}" cy="${pos.y}" r="7"/>`);
        parts.push(`<text class="label small" x="${n(pos.x)}" y="${pos.y - 11}" text-anchor="middle">${e(clip(`${ev.date} ${ev.label}`, 30))}</text></g>`);
      } else if (ev.when === 'event') {
        pos = { x: zoneX + 20, y: mid(waitingLine++) };
        if (prev) parts.push(`<line class="ev-link waiting" x1="${n(prev.x)}" y1="${prev.y}" x2="${n(pos.x - 9)}" y2="${pos.y}"/>`);
        parts.push(`<g class="${cls} ev-waiting"><title>${e(tip)}</title>`);
        parts.push(`<path class="ev-diamond" d="M${n(pos.x)},${pos.y - 8} L${n(pos.x + 8)},${pos.y} L${n(pos.x)},${pos.y + 8} L${n(pos.x - 8)},${pos.y} z"/>`);
        parts.push(`<text class="label small" x="${n(pos.x + 14)}" y="${pos.y - 3}">${e(clip(ev.label, 34))}</text>`);
        parts.push(`<text class="label small muted" x="${n(pos.x + 14)}" y="${pos.y + 10}">after: ${e(clip(ev.event ?? '', 28))}</text></g>`);
      } else {
        pos = { x: axisX + 14, y: mid(noteLine++) };
        parts.push(`<g class="ev-unscheduled"><title>${e(tip)}</title><text class="label small warn" x="${n(pos.x)}" y="${pos.y + 4}">${e(clip(`${ev.label}: ${ev.note ?? 'not scheduled'}`, 60))}</text></g>`);
        continue;
      }
      prev = pos;
    }
  });
  if (rows.length === 0) parts.push(`<text class="label muted" x="${axisX + AXIS / 2}" y="${HEAD + LINE / 2}" text-anchor="middle">${model.hasRelease ? 'No artifacts in release.yaml' : 'No release.yaml beside IMPACT.md'}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

function eventTip(a: TimelineArtifact, ev: TimelineEvent): string {
  const when =
    ev.when === 'immediate' ? 'with the paper' : ev.when === 'date' ? `on ${ev.date}` : ev.when === 'event' ? `after: ${ev.event}` : (ev.note ?? 'not scheduled');
  return `${a.id}: ${ev.label}, ${when}${ev.distribution ? `, ${ev.distribution}` : ''}${ev.detail ? ` — ${ev.detail}` : ''}${ev.status ? ` (${ev.status})` : ''}`;
}

export function timelineLegend(): string {
  const dot = (cls: string, label: string) =>
    `<span class="swatch"><svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true"><g class="ev ${cls}"><circle class="ev-dot" cx="9" cy="7" r="5"/></g></svg>${e(label)}</span>`;
  return (
    `<p class="legend">${dot('ev-planned', 'planned')}${dot('ev-released', 'released')}` +
    `<span class="swatch"><svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true"><g class="ev ev-planned ev-waiting"><path class="ev-diamond" d="M9,1 L15,7 L9,13 L3,7 z"/></g></svg>waiting on an event</span>` +
    `<span class="swatch"><svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true"><line class="today-line" x1="9" y1="0" x2="9" y2="14"/></svg>today</span></p>`
  );
}
