/**
 * Simple LaTeX prose to Markdown, for importing a paper's statement: \emph, \textit → *…*;
 * \textbf → **…**; \texttt → `…`; \cite… and \label dropped; \ref{x} → x; \footnote{…} → (…);
 * \href{u}{t} → t; other commands keep their text; ~ is a space; ``…'' are quotes; -- and --- are
 * dashes; comments are dropped. Plain text is escaped for Markdown, so `<script>` or `*` in the
 * paper shows literally. Maths ($…$) is kept as written, escaped. Pure.
 */
import { escapeMarkdown } from '../report/escape';

const DROP = new Set(['cite', 'citep', 'citet', 'citealp', 'citeauthor', 'citeyear', 'parencite', 'textcite', 'autocite', 'nocite', 'label', 'vspace', 'hspace', 'newline', 'linebreak', 'noindent', 'centering', 'smallskip', 'medskip', 'bigskip', 'par', 'clearpage', 'newpage']);
const ITALIC = new Set(['emph', 'textit', 'textsl', 'it', 'em']);
const BOLD = new Set(['textbf', 'bf']);
const SYMBOLS: Record<string, string> = { ldots: '…', dots: '…', textendash: '–', textemdash: '—', LaTeX: 'LaTeX', TeX: 'TeX', ie: 'i.e.', eg: 'e.g.', etal: 'et al.' };

/** Removes LaTeX comments (an unescaped % to the end of the line), keeping line breaks. */
export function stripComments(tex: string): string {
  return tex
    .split(/\r\n|\n|\r/)
    .map((line) => {
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '\\') i++;
        else if (line[i] === '%') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

export function latexToMarkdown(tex: string): string {
  const src = stripComments(tex);
  let i = 0;
  const text = (s: string) => escapeMarkdown(s.replace(/---/g, '—').replace(/--/g, '–').replace(/``/g, '“').replace(/''/g, '”').replace(/~/g, ' '));

  /** Reads a {…} group starting at `i` (which must be '{'); returns its raw content. */
  const group = (): string | undefined => {
    if (src[i] !== '{') return undefined;
    let depth = 0;
    const start = i + 1;
    for (; i < src.length; i++) {
      if (src[i] === '\\') {
        i++;
        continue;
      }
      if (src[i] === '{') depth++;
      else if (src[i] === '}' && --depth === 0) {
        i++;
        return src.slice(start, i - 1);
      }
    }
    return src.slice(start);
  };
  const skipOptional = () => {
    while (src[i] === '[') {
      const close = src.indexOf(']', i);
      if (close < 0) return;
      i = close + 1;
    }
  };

  const out: string[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push(text(plain));
    plain = '';
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      const m = /^\\([A-Za-z]+)\*?|^\\(.)/.exec(src.slice(i, i + 40));
      if (!m) {
        plain += c;
        i++;
        continue;
      }
      i += m[0].length;
      if (m[2] !== undefined) {
        // \% \& \_ \# \$ \{ \} and \\ (a line break)
        if (m[2] === '\\') plain += ' ';
        else if (m[2] === ',' || m[2] === ' ') plain += ' ';
        else plain += m[2];
        continue;
      }
      const name = m[1];
      if (SYMBOLS[name]) {
        plain += SYMBOLS[name];
        if (src[i] === '{' && src[i + 1] === '}') i += 2;
        continue;
      }
      skipOptional();
      if (DROP.has(name)) {
        while (src[i] === '{') group();
        plain = plain.replace(/[ \t~]+$/, '');
        continue;
      }
      const arg = group();
      if (arg === undefined) continue; // a command without an argument: \centering, \small …
      flush();
      if (ITALIC.has(name)) out.push(`*${latexToMarkdown(arg).trim()}*`);
      else if (BOLD.has(name)) out.push(`**${latexToMarkdown(arg).trim()}**`);
      else if (name === 'texttt') out.push('`' + arg.replace(/`/g, "'") + '`');
      else if (name === 'footnote') out.push(` (${latexToMarkdown(arg).trim()})`);
      else if (name === 'href') {
        const t = group();
        out.push(latexToMarkdown(t ?? arg));
      } else if (name === 'url') out.push(text(arg));
      else out.push(latexToMarkdown(arg));
      continue;
    }
    if (c === '{' || c === '}') {
      i++;
      continue;
    }
    plain += c;
    i++;
  }
  flush();
  return out.join('').replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n');
}
