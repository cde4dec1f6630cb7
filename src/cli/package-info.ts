/** What package.json says about the tool: its version, and where it lives on the web (if anywhere). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version as pkgVersion } from '../../package.json';
import { projectLinks, type PackageLinkFields, type ProjectLinks } from '../core/docs-url';

export const version: string = pkgVersion;

/**
 * package.json's homepage and repository, read at run time from the package this bundle sits in
 * (dist/ or action/ beside package.json; src/cli when run from source), so the bundles carry only
 * the version and not the whole manifest. Nothing found: no links.
 */
function readLinks(): ProjectLinks {
  for (const up of ['..', path.join('..', '..')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, up, 'package.json'), 'utf8')) as PackageLinkFields & { name?: unknown };
      if (pkg.name === 'impact-notes') return projectLinks(pkg);
    } catch {
      // not here
    }
  }
  return {};
}

/** From package.json's homepage and repository; empty when neither is set, so links are left out. */
export const LINKS: ProjectLinks = readLinks();
