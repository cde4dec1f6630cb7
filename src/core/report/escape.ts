/**
 * Escaping for the three output languages of the report and the exports. Every piece of user text
 * (IMPACT.md prose, release.yaml values, file names, finding messages) goes through one of these
 * before it reaches HTML, SVG, LaTeX or Markdown.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML/SVG element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const LATEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '#': '\\#',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  '\u2018': '`',
  '\u2019': "'",
  '\u201c': '``',
  '\u201d': "''",
  '\u2014': '---',
  '\u2013': '--',
  '\u2026': '\\ldots{}',
  '\u00a0': '~',
  '\u2212': '$-$',
};

/**
 * Escapes text for LaTeX body text: the ten specials (\ # $ % & _ { } ~ ^), < > | (wrong glyphs in
 * the default font encoding), Unicode quotes and dashes to their LaTeX ligatures, and straight
 * double quotes to `` and '' by position. "--" and "---" stay, as the dashes authors mean by them.
 * Line breaks are kept; control characters are dropped.
 */
export function escapeLatex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const prev = i === 0 ? ' ' : text[i - 1];
      out += /[\s([{\u2014\u2013-]/.test(prev) ? '``' : "''";
      continue;
    }
    const e = LATEX_ESCAPES[c];
    if (e !== undefined) out += e;
    else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(c)) continue;
    else out += c;
  }
  return out;
}

/** A URL as the argument of \href: only http(s) and mailto, with the characters TeX reads specially encoded. */
export function latexUrl(url: string): string | undefined {
  if (!isSafeUrl(url)) return undefined;
  return url
    .replace(/[\\{}^~\s|<>"`_$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/[%#&]/g, (c) => `\\${c}`);
}

/** Links the report and the exports keep: web and mail links. Everything else becomes plain text. */
export function isSafeUrl(url: string): boolean {
  return /^(?:https?:\/\/[^\s]|mailto:[^\s])/i.test(url.trim());
}

/**
 * Escapes text so that Markdown shows it literally: inline syntax (emphasis, code, links, HTML,
 * entities, tables) everywhere, and block syntax (headings, quotes, lists, rules) at the start of a
 * line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~$]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/^([ \t]*)([#>+=-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}

/** Text for a Markdown table cell: escaped, on one line. */
export function markdownCell(text: string): string {
  return escapeMarkdown(text.replace(/\s*[\r\n]+\s*/g, ' ')).replace(/^\\([#>+=-])/, '$1');
}

/** Text inside a Markdown or HTML comment: no "--" (which could end it early in HTML) and no "-->". */
export function commentText(text: string): string {
  return text.replace(/-{2,}/g, '-').replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
}
