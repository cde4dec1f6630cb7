/** What package.json says about the tool: its version, and where it lives on the web (if anywhere). */
import * as pkg from '../../package.json';
import { projectLinks, type PackageLinkFields } from '../core/docs-url';

export const version: string = pkg.version;

/** From package.json's homepage and repository; empty when neither is set, so links are left out. */
export const LINKS = projectLinks(pkg as PackageLinkFields);
