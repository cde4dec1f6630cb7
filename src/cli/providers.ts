/**
 * Extra finding providers the CLI runs after the per-pair rules. Workspace discovery (research
 * artifacts that no release plan covers) registers here with `kind: 'discovery'`, so that
 * `--no-discovery` can leave it out.
 */
import { discoveryProvider } from './discovery';
import type { FindingProvider } from './lint';

export function defaultProviders(): FindingProvider[] {
  return [discoveryProvider()];
}
