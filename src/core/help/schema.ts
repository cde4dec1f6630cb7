/**
 * The release.yaml JSON Schema (release/schema.ts, built from the taxonomy) as hovers and
 * completions read it: the schema nodes, properties, enum values and description at a YAML path.
 */
import type { YamlPath } from '../release/release-doc';
import { buildSchema } from '../release/schema';
import { ids, type GroupId } from '../taxonomy';

export type Schema = Record<string, unknown> & {
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  type?: string;
  required?: string[];
};

let schemaCache: Schema | undefined;
function rootSchema(): Schema {
  return (schemaCache ??= buildSchema() as Schema);
}

/** A schema and the alternatives it stands for (its `anyOf` branches, flattened). */
export function variants(s: Schema | undefined): Schema[] {
  if (!s) return [];
  if (!s.anyOf) return [s];
  return [s, ...s.anyOf.flatMap(variants)];
}

/** The schema nodes that describe the value at a path (several when `anyOf` allows several shapes). */
export function schemasAt(path: YamlPath): Schema[] {
  let current: Schema[] = [rootSchema()];
  for (const seg of path) {
    const next: Schema[] = [];
    for (const s of current.flatMap(variants)) {
      if (typeof seg === 'string' && s.properties && Object.prototype.hasOwnProperty.call(s.properties, seg)) next.push(s.properties[seg]);
      if (typeof seg === 'number' && s.items) next.push(s.items);
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

export function descriptionAt(path: YamlPath): string | undefined {
  for (const s of schemasAt(path)) for (const v of variants(s)) if (v.description) return v.description;
  return undefined;
}

/** The object properties valid at a path, with their schemas (first shape that is an object). */
export function propertiesAt(path: YamlPath): { properties: Record<string, Schema>; required: string[] } | undefined {
  for (const s of schemasAt(path).flatMap(variants)) if (s.properties) return { properties: s.properties, required: s.required ?? [] };
  return undefined;
}

/** The values an enum (or const) at a path allows; for "one or a list" also the list items' values. */
export function enumAt(path: YamlPath): string[] | undefined {
  for (const s of schemasAt(path).flatMap(variants)) {
    if (Array.isArray(s.enum)) return s.enum.map(String);
    if (s.const !== undefined) return [String(s.const)];
  }
  return undefined;
}

const ENUM_GROUPS: GroupId[] = [
  'release-content',
  'release-timing',
  'release-distribution',
  'review-level',
  'modality',
  'safeguard',
  'safeguard-status',
  'safeguard-enforcement',
  'artifact-purpose',
];

/** The taxonomy group an enum was built from (all of the group's ids are in it), if any. */
export function groupForEnum(values: readonly string[]): GroupId | undefined {
  return ENUM_GROUPS.find((g) => ids(g).every((id) => values.includes(id)));
}
