/**
 * Where the project and its rule documentation (docs/rules/<name>.md) live on the web, derived from
 * package.json's `homepage` and `repository`. When neither names a usable address the links are
 * left out (SARIF has no helpUri, settings and hover text have no link): a made-up address would
 * send users nowhere. Inside VS Code the rule pages ship with the extension and open offline.
 */

/** The parts of package.json that say where the project lives. */
export interface PackageLinkFields {
  homepage?: unknown;
  repository?: unknown;
}

export interface ProjectLinks {
  /** The project's page (homepage, or the repository's web address). */
  projectUrl?: string;
  /** Base of the browsable sources (e.g. https://github.com/o/r/blob/HEAD/), ending in '/'. */
  sourceBaseUrl?: string;
}

/** An http(s) URL that is not on a reserved placeholder domain (.invalid, .example, example.com…). */
function usableHttpUrl(s: string): URL | undefined {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  const host = u.hostname.toLowerCase();
  if (/(^|\.)(invalid|example|test|localhost)$/.test(host) || /(^|\.)example\.(com|org|net)$/.test(host)) return undefined;
  return u;
}

/** `git+https://github.com/o/r.git`, `git://…`, `git@github.com:o/r.git`, `github:o/r`, `o/r` → https URL. */
export function repositoryWebUrl(repository: unknown): { url: URL; directory?: string } | undefined {
  let raw: unknown = repository;
  let directory: string | undefined;
  if (raw && typeof raw === 'object') {
    const r = raw as { url?: unknown; directory?: unknown };
    raw = r.url;
    if (typeof r.directory === 'string' && r.directory.trim()) directory = r.directory.trim().replace(/^\/+|\/+$/g, '');
  }
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  let s = raw.trim();
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(s);
  if (shorthand) {
    const host = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' }[shorthand[1] ?? 'github'];
    s = `https://${host}/${shorthand[2]}`;
  }
  s = s.replace(/^git\+/, '').replace(/^git@([^:]+):/, 'https://$1/').replace(/^(git|ssh):\/\/(?:git@)?/, 'https://');
  const url = usableHttpUrl(s);
  if (!url) return undefined;
  url.protocol = 'https:';
  url.username = '';
  url.password = '';
  url.hash = '';
  url.search = '';
  url.pathname = url.pathname.replace(/\.git$/, '').replace(/\/+$/, '');
  return { url, directory };
}

export function projectLinks(pkg: PackageLinkFields | undefined): ProjectLinks {
  const repo = repositoryWebUrl(pkg?.repository);
  const home = typeof pkg?.homepage === 'string' ? usableHttpUrl(pkg.homepage.trim()) : undefined;
  const links: ProjectLinks = {};
  if (home) links.projectUrl = home.href;
  const repoBase = repo ? `${repo.url.origin}${repo.url.pathname}` : undefined;
  if (!links.projectUrl && repoBase) links.projectUrl = repoBase;
  if (repo && repoBase && repo.url.pathname.length > 1) {
    const host = repo.url.hostname.toLowerCase();
    const sub = repo.directory ? `${repo.directory.split('/').map(encodeURIComponent).join('/')}/` : '';
    // The default branch, whatever its name (what vsce uses for README links too).
    if (host === 'github.com') links.sourceBaseUrl = `${repoBase}/blob/HEAD/${sub}`;
    else if (host === 'gitlab.com' || host.startsWith('gitlab.')) links.sourceBaseUrl = `${repoBase}/-/blob/HEAD/${sub}`;
    else if (host === 'bitbucket.org') links.sourceBaseUrl = `${repoBase}/src/HEAD/${sub}`;
  }
  return links;
}

/** The web page of a rule's documentation, or undefined when the project has no known address. */
export function ruleDocUrl(links: ProjectLinks, rule: string): string | undefined {
  return links.sourceBaseUrl ? `${links.sourceBaseUrl}docs/rules/${encodeURIComponent(rule)}.md` : undefined;
}

/** The web page of the taxonomy (docs/taxonomy.md), or undefined. */
export function taxonomyDocUrl(links: ProjectLinks): string | undefined {
  return links.sourceBaseUrl ? `${links.sourceBaseUrl}docs/taxonomy.md` : undefined;
}
