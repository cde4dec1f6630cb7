/**
 * Editor help, as pure functions in plain Node: hovers (hover.ts), where the cursor is in a
 * release.yaml being typed (yaml-cursor.ts), completions (completions.ts), all reading the JSON
 * Schema through schema.ts. The VS Code providers and the language server are thin adapters.
 */
export * from './hover';
export * from './schema';
export * from './yaml-cursor';
export * from './completions';
