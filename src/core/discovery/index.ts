/**
 * Discovery: research artifacts (model weights, datasets, training code) and whether a release
 * plan covers them. Pure and file-system-agnostic: callers list files (the Node walker in
 * walk-node.ts for the CLI, `workspace.findFiles` in the editor) and read plans; this module groups
 * markers into research roots, computes coverage and turns roots into findings of the workspace
 * rules `release-plan-missing` and `artifact-uncovered`. walk-node.ts is not re-exported here, so
 * importing this module never pulls in node:fs.
 */
export * from './markers';
export * from './gitignore';
export * from './git-index';
export * from './entry-points';
export * from './fixes';
export * from './plans';
export * from './roots';
export * from './findings';
