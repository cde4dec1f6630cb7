/**
 * The Node built-ins the Node extension host hands to the one extension bundle
 * (src/extension/node-modules.ts explains why): the Node entry (extension.ts) passes these.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import * as nodeModule from 'node:module';
import * as path from 'node:path';

export const NODE_BUILTINS: Readonly<Record<string, unknown>> = { fs, 'fs/promises': fsPromises, crypto, module: nodeModule, path };
