/**
 * picomatch, imported here and nowhere else: a CommonJS package, so each module importing it
 * directly got its own interop wrapper in the bundles; through this module there is one.
 */
import picomatch from 'picomatch';

export { picomatch };
export type { PicomatchOptions } from 'picomatch';
