/**
 * The author's Markdown, carried into the report and the exports. One parser (markdown-it with raw
 * HTML disabled, only http(s) and mailto links, images reduced to their alt text) and three
 * writers: HTML for the report, LaTeX for papers, and Markdown again, re-written from the parse so
 * that raw HTML, `javascript:` links and remote images cannot slip through into a model card.
 * HTML comments (suppression comments, notes to self) are removed first.
 */
import MarkdownIt from 'markdown-it';
import { isPlaceholder } from '../completeness';
import { escapeHtml, escapeLatex, escapeMarkdown, isSafeUrl, latexUrl } from './escape';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: false });
// Every link is parsed as a link, so its text reads as text ("release.yaml", not "\[release.yaml\](…)");
// the links kept are web and mail links: any other target (relative, javascript:, data:) is dropped
// after parsing and its text stays, in every writer.
md.validateLink = () => true;
md.core.ruler.push('impact_notes_drop_unsafe_links', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const out: Token[] = [];
    const dropped: boolean[] = [];
    for (const t of block.children) {
      if (t.type === 'link_open') {
        const drop = !isSafeUrl(String(t.attrGet('href') ?? ''));
        dropped.push(drop);
        if (drop) continue;
      } else if (t.type === 'link_close') {
        if (dropped.pop()) continue;
      }
      out.push(t);
    }
    block.children = out;
  }
});
// No remote resources: an image shows as its alt text.
md.renderer.rules.image = (tokens, idx, options, env, self) => escapeHtml(self.renderInlineAsText(tokens[idx].children ?? [], options, env));
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Removes HTML comments (an unterminated one runs to the end). */
export function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
}

/** Block Markdown to HTML (raw HTML shown as text, unsafe links as text). */
export function markdownToHtml(text: string): string {
  return md.render(stripComments(text));
}

/** Inline Markdown (one paragraph) to HTML. */
export function inlineToHtml(text: string): string {
  return md.renderInline(stripComments(text));
}

/** Inline Markdown reduced to plain text (for SVG titles and table cells). */
export function inlineToText(text: string): string {
  const tokens = md.parseInline(stripComments(text), {});
  return plainText(tokens[0]?.children ?? []).replace(/\s+/g, ' ').trim();
}

function plainText(children: Token[]): string {
  let out = '';
  for (const t of children) {
    if (t.type === 'text' || t.type === 'code_inline') out += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += ' ';
    else if (t.type === 'image') out += plainText(t.children ?? []);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writers over the token stream
// ---------------------------------------------------------------------------------------------

export interface BlockOptions {
  /** Drop paragraphs and list items that are only a placeholder (TODO, a scaffold prompt). */
  dropPlaceholders?: boolean;
}

interface Writer {
  text(s: string, lineStart: boolean): string;
  code(s: string): string;
  strong(inner: string): string;
  em(inner: string): string;
  strike(inner: string): string;
  link(href: string, inner: string): string;
  softbreak: string;
  hardbreak: string;
}

const LATEX_INLINE: Writer = {
  text: (s) => escapeLatex(s),
  code: (s) => `\\texttt{${escapeLatex(s)}}`,
  strong: (inner) => `\\textbf{${inner}}`,
  em: (inner) => `\\emph{${inner}}`,
  strike: (inner) => inner,
  link: (href, inner) => {
    const url = latexUrl(href);
    return url ? `\\href{${url}}{${inner}}` : inner;
  },
  softbreak: '\n',
  hardbreak: '\\\\\n',
};

const MARKDOWN_INLINE: Writer = {
  text: (s, lineStart) => {
    const e = escapeMarkdown(s);
    // Block markers only matter at the start of a line; mid-line they stay as written.
    return lineStart ? e : e.replace(/^\\([#>+=-])/, '$1').replace(/^(\d+)\\([.)])/, '$1$2');
  },
  code: (s) => {
    const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
    const fence = '`'.repeat(longest + 1);
    const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${s}${pad}${fence}`;
  },
  strong: (inner) => `**${inner}**`,
  em: (inner) => `*${inner}*`,
  strike: (inner) => `~~${inner}~~`,
  link: (href, inner) => (isSafeUrl(href) ? `[${inner}](${href.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})` : inner),
  softbreak: '\n',
  hardbreak: '\\\n',
};

function writeInline(children: readonly Token[], w: Writer, atLineStart = true): string {
  let out = '';
  let lineStart = atLineStart;
  const stack: { close: string; start: number; href?: string }[] = [];
  for (const t of children) {
    switch (t.type) {
      case 'text':
        out += w.text(t.content, lineStart);
        break;
      case 'code_inline':
        out += w.code(t.content);
        break;
      case 'softbreak':
        out += w.softbreak;
        lineStart = true;
        continue;
      case 'hardbreak':
        out += w.hardbreak;
        lineStart = true;
        continue;
      case 'image':
        out += w.text(plainText(t.children ?? []), lineStart);
        break;
      case 'strong_open':
      case 'em_open':
      case 's_open':
      case 'link_open':
        stack.push({ close: t.type.replace('_open', '_close'), start: out.length, href: String(t.attrGet('href') ?? '') });
        lineStart = false;
        continue;
      case 'strong_close':
      case 'em_close':
      case 's_close':
      case 'link_close': {
        const open = stack.pop();
        if (!open) break;
        const inner = out.slice(open.start);
        out = out.slice(0, open.start);
        if (t.type === 'strong_close') out += w.strong(inner);
        else if (t.type === 'em_close') out += w.em(inner);
        else if (t.type === 's_close') out += w.strike(inner);
        else out += w.link(open.href ?? '', inner);
        break;
      }
      default:
        // html_inline cannot occur (html: false); anything else is shown as its text.
        if (t.content) out += w.text(t.content, lineStart);
    }
    lineStart = false;
  }
  return out;
}

function parseBlocks(text: string): Token[] {
  return md.parse(stripComments(text), {});
}

/** Whether an inline token's text is only a placeholder. */
function placeholderInline(t: Token | undefined): boolean {
  return !!t && isPlaceholder(inlineToText(t.content));
}

/** Splits a token stream into top-level blocks ([open … close] slices). */
function topLevel(tokens: Token[]): Token[][] {
  const blocks: Token[][] = [];
  let depth = 0;
  let cur: Token[] = [];
  for (const t of tokens) {
    cur.push(t);
    depth += t.nesting;
    if (depth === 0) {
      blocks.push(cur);
      cur = [];
    }
  }
  if (cur.length) blocks.push(cur);
  return blocks;
}

/** Block Markdown to LaTeX: paragraphs, lists (itemize/enumerate), quotes, headings as \paragraph. */
export function markdownToLatex(text: string, options: BlockOptions = {}): string {
  return latexBlocks(parseBlocks(text), options).trim();
}

function latexBlocks(tokens: Token[], options: BlockOptions): string {
  const parts: string[] = [];
  for (const block of topLevel(tokens)) {
    const first = block[0];
    switch (first.type) {
      case 'paragraph_open': {
        if (options.dropPlaceholders && placeholderInline(block[1])) break;
        parts.push(writeInline(block[1]?.children ?? [], LATEX_INLINE));
        break;
      }
      case 'heading_open':
        parts.push(`\\paragraph{${writeInline(block[1]?.children ?? [], LATEX_INLINE)}}`);
        break;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const env = first.type === 'bullet_list_open' ? 'itemize' : 'enumerate';
        const items = topLevel(block.slice(1, -1))
          .map((item) => latexBlocks(item.slice(1, -1), options).trim())
          .filter((s) => s.length > 0);
        if (items.length) parts.push(`\\begin{${env}}\n${items.map((s) => `  \\item ${s.replace(/\n/g, '\n  ')}`).join('\n')}\n\\end{${env}}`);
        break;
      }
      case 'blockquote_open': {
        const inner = latexBlocks(block.slice(1, -1), options).trim();
        if (inner) parts.push(`\\begin{quote}\n${inner}\n\\end{quote}`);
        break;
      }
      case 'fence':
      case 'code_block': {
        const lines = first.content.replace(/\n$/, '').split('\n');
        parts.push(lines.map((l) => `\\texttt{${escapeLatex(l) || '~'}}`).join('\\\\\n'));
        break;
      }
      case 'table_open': {
        const rows = tableRows(block);
        if (rows.length) parts.push(`\\begin{itemize}\n${rows.map((r) => `  \\item ${r.map((c) => writeInline(c, LATEX_INLINE)).join('; ')}`).join('\n')}\n\\end{itemize}`);
        break;
      }
      default:
        break;
    }
  }
  return parts.join('\n\n');
}

/** Block Markdown re-written as safe Markdown (headings become bold lines, so they never outrank the export's own). */
export function markdownToMarkdown(text: string, options: BlockOptions = {}): string {
  return markdownBlocks(parseBlocks(text), options).trim();
}

function markdownBlocks(tokens: Token[], options: BlockOptions): string {
  const parts: string[] = [];
  for (const block of topLevel(tokens)) {
    const first = block[0];
    switch (first.type) {
      case 'paragraph_open':
        if (options.dropPlaceholders && placeholderInline(block[1])) break;
        parts.push(writeInline(block[1]?.children ?? [], MARKDOWN_INLINE));
        break;
      case 'heading_open':
        parts.push(`**${writeInline(block[1]?.children ?? [], MARKDOWN_INLINE, false)}**`);
        break;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = first.type === 'ordered_list_open';
        const items = topLevel(block.slice(1, -1))
          .map((item) => markdownBlocks(item.slice(1, -1), options).trim())
          .filter((s) => s.length > 0);
        const bullet = (i: number) => (ordered ? `${i + 1}. ` : '- ');
        if (items.length) parts.push(items.map((s, i) => bullet(i) + s.replace(/\n/g, `\n${' '.repeat(bullet(i).length)}`)).join('\n'));
        break;
      }
      case 'blockquote_open': {
        const inner = markdownBlocks(block.slice(1, -1), options).trim();
        if (inner) parts.push(inner.replace(/^/gm, '> '));
        break;
      }
      case 'fence':
      case 'code_block': {
        const body = first.content.replace(/\n$/, '');
        const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((r) => r.length));
        const fence = '`'.repeat(longest + 1);
        parts.push(`${fence}\n${body}\n${fence}`);
        break;
      }
      case 'table_open': {
        const rows = tableRows(block);
        if (rows.length) parts.push(rows.map((r) => `- ${r.map((c) => writeInline(c, MARKDOWN_INLINE, false)).join('; ')}`).join('\n'));
        break;
      }
      default:
        break;
    }
  }
  return parts.join('\n\n');
}

/** The cells (inline children) of each table row. */
function tableRows(block: Token[]): Token[][][] {
  const rows: Token[][][] = [];
  let row: Token[][] | undefined;
  for (const t of block) {
    if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close' && row) {
      rows.push(row);
      row = undefined;
    } else if (t.type === 'inline' && row) row.push(t.children ?? []);
  }
  return rows;
}

/** Inline Markdown (a rationale) to LaTeX. */
export function inlineToLatex(text: string): string {
  const tokens = md.parseInline(stripComments(text).trim(), {});
  return writeInline(tokens[0]?.children ?? [], LATEX_INLINE, false);
}

/** Inline Markdown (a rationale) re-written as safe Markdown, for use mid-line. */
export function inlineToMarkdown(text: string): string {
  const tokens = md.parseInline(stripComments(text).trim(), {});
  return writeInline(tokens[0]?.children ?? [], MARKDOWN_INLINE, false);
}
