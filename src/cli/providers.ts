/**
 * Extra finding providers the CLI runs after the per-pair rules. Workspace discovery (research
 * artifacts that no release plan covers) registers here with `kind: 'discovery'`, so that
 * `--no-discovery` can leave it out.
 */
import { discoveryProvider } from './discovery';
import type { FindingProvider } from './lint';
import { provenanceProvider } from './provenance';

/**
 * `warn` receives one line per folder discovery could not read (default: standard error), so a
 * research folder that was never looked at is said, not silently left out.
 */
export function defaultProviders(warn: (line: string) => void = (line) => process.stderr.write(line)): FindingProvider[] {
  return [discoveryProvider({ onProblem: (p) => warn(`impact-notes: warning: ${p.message}; research artifacts in it were not looked for.\n`) }), provenanceProvider()];
}
