/**
 * The environment for npm (and tools that call npm) started from a test. Under `npm test`, npm
 * hands its own variables to every child (npm_lifecycle_*, npm_package_*, npm_config_user_agent,
 * npm_config_local_prefix…), which would make a nested `npm install` act on this repository; keep
 * only what says where and how to reach the registry (as scripts/setup-vscode-host.sh does).
 */
const KEEP = /^npm_config_(registry|.*:registry|cache|cafile|ca|proxy|https_proxy|noproxy|strict_ssl|userconfig|globalconfig)$/i;

export function cleanNpmEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if ((/^npm_/i.test(k) && !KEEP.test(k)) || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Whether npm's output says the registry could not be reached (the only reason these tests skip). */
export function registryUnreachable(output: string): boolean {
  return /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b|request to .* failed/.test(output);
}
