/**
 * Writes schemas/release.schema.json from src/core/release/schema.ts. Run: `npx tsx scripts/gen-schema.ts`.
 * test/unit/schema.test.ts fails when the committed file and `renderSchema()` differ.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSchema } from '../src/core/release/schema';

export const SCHEMA_PATH = join(__dirname, '..', 'schemas', 'release.schema.json');

/** The committed text: two-space indented JSON, LF line endings, one trailing newline. */
export function renderSchema(): string {
  return JSON.stringify(buildSchema(), null, 2) + '\n';
}

if (require.main === module) {
  mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
  writeFileSync(SCHEMA_PATH, renderSchema(), 'utf8');
}
