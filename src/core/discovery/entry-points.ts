/**
 * Training entry points versus library modules. A file named like training code (`train*.py`,
 * `*_train.py`, …) is a research artifact when it is a program someone runs to train a model. A
 * module of that name inside a Python package (a folder with `__init__.py`), such as a toolkit's
 * `TTS/utils/training.py` helpers, is part of the library: it is released with the package and is
 * not a training entry point of its own, unless it also runs as a program.
 *
 * Pure: callers read a bounded head of the file (ENTRY_HEAD_BYTES) and say whether its folder is a
 * package.
 */

/** How much of a file is read to decide (entry guards and CLI decorators sit near the top or end of short scripts). */
export const ENTRY_HEAD_BYTES = 64 * 1024;

/** `if __name__ == "__main__":` (either order, either quote). */
const MAIN_GUARD = /^if\s+(?:__name__\s*==\s*(['"])__main__\1|(['"])__main__\2\s*==\s*__name__)\s*:/m;
/** Command-line entries: click, typer, fire, hydra, absl/TensorFlow app runners. */
const CLI_ENTRY = /^(?:@(?:click\.command|click\.group|hydra\.main|app\.command)\b|(?:fire\.Fire|typer\.run|absl\.app\.run|tf\.compat\.v1\.app\.run|tf\.app\.run|app\.run)\s*\()/m;
/** A config-driven trainer: a top-level call that starts training (`trainer.fit()`, `main()`). */
const TOP_LEVEL_RUN = /^(?:[A-Za-z_]\w*\.(?:fit|train|run|launch)|main|train|run)\s*\(/m;

/** Whether Python source (the head of a file) runs as a program. */
export function looksLikeEntryPoint(head: string): boolean {
  return MAIN_GUARD.test(head) || CLI_ENTRY.test(head) || TOP_LEVEL_RUN.test(head);
}

/** Whether a training-code marker needs its head read: a `.py` file in a package folder. */
export function needsEntryCheck(path: string, inPackage: boolean): boolean {
  return inPackage && /\.py$/i.test(path);
}

/** A training-named module in a package that does not run as a program: a library module, not a marker. */
export function isLibraryModule(path: string, inPackage: boolean, head: string | undefined): boolean {
  if (!needsEntryCheck(path, inPackage)) return false;
  if (head === undefined) return false; // unreadable: keep reporting it, as before
  return !looksLikeEntryPoint(head);
}
