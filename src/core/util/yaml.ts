/**
 * The yaml library, imported here and nowhere else. The library is CommonJS in the Node bundles
 * (the CLI, the language server), and every module importing it directly got its own interop copy
 * of the library's exports at start-up; through this module there is one.
 */
export { isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parse, parseDocument, visit } from 'yaml';
export type { Document, Node, Pair, YAMLMap } from 'yaml';
