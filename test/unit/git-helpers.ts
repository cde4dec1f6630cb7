/** Real git in temporary folders, for the tests that check the git index reader and discovery against git itself. */
import { spawnSync } from 'node:child_process';

export const hasGit = spawnSync('git', ['--version']).status === 0;

/** Runs git with a fixed identity and branch name; throws with git's message on failure. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
