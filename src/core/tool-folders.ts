/**
 * Folders that belong to tools, not to the project: version control, installed dependencies,
 * caches and virtual environments. No search enters them: not the search for IMPACT.md /
 * release.yaml pairs (CLI, language server, editor), not the files listed for path rules, not
 * discovery's search for research artifacts (which also leaves out build output and vendored code:
 * core/discovery/markers.ts). Names are compared without regard to case.
 */
export const TOOL_FOLDER_NAMES: readonly string[] = Object.freeze([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  '.venv',
  'venv',
  '.conda',
  'site-packages',
  '__pycache__',
  '.tox',
  '.nox',
  '.eggs',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.ipynb_checkpoints',
  '.cache',
  '.dvc',
  '.vscode-test',
  '.gradle',
  '.next',
]);

const TOOL_FOLDERS = new Set(TOOL_FOLDER_NAMES);

/** Whether a folder with this name belongs to a tool (see TOOL_FOLDER_NAMES). */
export function isToolFolder(name: string): boolean {
  return TOOL_FOLDERS.has(name) || TOOL_FOLDERS.has(name.toLowerCase());
}

/** The tool folders as an exclude glob (`workspace.findFiles`). */
export const TOOL_FOLDERS_GLOB = `**/{${TOOL_FOLDER_NAMES.join(',')}}/**`;
