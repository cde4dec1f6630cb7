/**
 * Checks a release plan's data against the release.yaml JSON Schema (schema.ts), by walking the
 * schema. It understands the part of JSON Schema draft-07 the schema uses (type object, string or
 * array; properties, required, additionalProperties: false; items, minItems; minLength, pattern,
 * the `date` format; enum, const; anyOf, allOf, if/then) and reports what Ajv (allErrors, no
 * messages) would: the same error objects (instancePath, schemaPath, keyword, params) in the same
 * order, so that validate.ts turns them into the same findings. `test/unit/schema-check.test.ts`
 * holds the two to agreement on every fixture plan and on generated and mutated ones.
 *
 * A walker instead of Ajv's generated code: the generated validator was about 90 KB of the ~800 KB
 * of JavaScript the extension ships, and every process loaded and compiled it.
 */
import { date } from './date';

export interface SchemaNode {
  type?: 'object' | 'string' | 'array';
  enum?: readonly unknown[];
  const?: unknown;
  minLength?: number;
  pattern?: string;
  format?: string;
  minItems?: number;
  items?: SchemaNode;
  required?: readonly string[];
  properties?: Readonly<Record<string, SchemaNode>>;
  additionalProperties?: boolean;
  anyOf?: readonly SchemaNode[];
  allOf?: readonly SchemaNode[];
  if?: SchemaNode;
  then?: SchemaNode;
}

/** One failed keyword, shaped as Ajv's ErrorObject (without `message`). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

const FORMATS: Record<string, (s: string) => boolean> = { date };
const patterns = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source, 'u')));
  return re;
}

/** Length in code points, as JSON Schema counts it (an astral character is one). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function hasType(v: unknown, type: NonNullable<SchemaNode['type']>): boolean {
  return type === 'string' ? typeof v === 'string' : type === 'array' ? Array.isArray(v) : isObject(v);
}

/** A JSON Pointer segment (RFC 6901). */
function pointer(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

const hasOwn = Object.prototype.hasOwnProperty;

function stringKeywords(n: SchemaNode): boolean {
  return n.minLength !== undefined || n.pattern !== undefined || n.format !== undefined;
}
function arrayKeywords(n: SchemaNode): boolean {
  return n.minItems !== undefined || n.items !== undefined;
}
function objectKeywords(n: SchemaNode): boolean {
  return n.required !== undefined || n.additionalProperties === false || n.properties !== undefined;
}

/**
 * Appends the errors of `data` against `node` to `out`, in Ajv's order: a type error first when the
 * type has no keywords of its own here; then enum, const, anyOf, allOf and if/then; then the string,
 * array and object keywords, each group behind its type test (with the type error in its else).
 */
function check(node: SchemaNode, data: unknown, ip: string, sp: string, out: SchemaError[]): void {
  const t = node.type;
  const own = t === 'string' ? stringKeywords(node) : t === 'array' ? arrayKeywords(node) : t === 'object' ? objectKeywords(node) : false;
  const typeError = () => out.push({ instancePath: ip, schemaPath: `${sp}/type`, keyword: 'type', params: { type: t } });
  if (t && !own && !hasType(data, t)) typeError();

  if (node.const !== undefined && data !== node.const) {
    out.push({ instancePath: ip, schemaPath: `${sp}/const`, keyword: 'const', params: { allowedValue: node.const } });
  }
  if (node.enum && !node.enum.includes(data)) {
    out.push({ instancePath: ip, schemaPath: `${sp}/enum`, keyword: 'enum', params: { allowedValues: node.enum } });
  }
  if (node.anyOf) {
    const start = out.length;
    let valid = false;
    for (let i = 0; i < node.anyOf.length && !valid; i++) {
      const before = out.length;
      check(node.anyOf[i], data, ip, `${sp}/anyOf/${i}`, out);
      valid = out.length === before;
    }
    if (valid) out.length = start;
    else out.push({ instancePath: ip, schemaPath: `${sp}/anyOf`, keyword: 'anyOf', params: {} });
  }
  if (node.allOf) node.allOf.forEach((s, i) => check(s, data, ip, `${sp}/allOf/${i}`, out));
  if (node.if && node.then) {
    const test: SchemaError[] = [];
    check(node.if, data, ip, `${sp}/if`, test);
    if (!test.length) {
      const before = out.length;
      check(node.then, data, ip, `${sp}/then`, out);
      if (out.length !== before) out.push({ instancePath: ip, schemaPath: `${sp}/if`, keyword: 'if', params: { failingKeyword: 'then' } });
    }
  }

  if (stringKeywords(node)) {
    if (typeof data === 'string') {
      if (node.minLength !== undefined && codePoints(data) < node.minLength) {
        out.push({ instancePath: ip, schemaPath: `${sp}/minLength`, keyword: 'minLength', params: { limit: node.minLength } });
      }
      if (node.pattern !== undefined && !patternOf(node.pattern).test(data)) {
        out.push({ instancePath: ip, schemaPath: `${sp}/pattern`, keyword: 'pattern', params: { pattern: node.pattern } });
      }
      const format = node.format !== undefined ? FORMATS[node.format] : undefined;
      if (format && !format(data)) out.push({ instancePath: ip, schemaPath: `${sp}/format`, keyword: 'format', params: { format: node.format } });
    } else if (t === 'string') typeError();
  }

  if (arrayKeywords(node)) {
    if (Array.isArray(data)) {
      if (node.minItems !== undefined && data.length < node.minItems) {
        out.push({ instancePath: ip, schemaPath: `${sp}/minItems`, keyword: 'minItems', params: { limit: node.minItems } });
      }
      if (node.items) for (let i = 0; i < data.length; i++) check(node.items, data[i], `${ip}/${i}`, `${sp}/items`, out);
    } else if (t === 'array') typeError();
  }

  if (objectKeywords(node)) {
    if (isObject(data)) {
      for (const key of node.required ?? []) {
        if (data[key] === undefined) out.push({ instancePath: ip, schemaPath: `${sp}/required`, keyword: 'required', params: { missingProperty: key } });
      }
      if (node.additionalProperties === false) {
        const props = node.properties ?? {};
        for (const key in data) {
          if (!hasOwn.call(props, key)) {
            out.push({ instancePath: ip, schemaPath: `${sp}/additionalProperties`, keyword: 'additionalProperties', params: { additionalProperty: key } });
          }
        }
      }
      for (const [key, sub] of Object.entries(node.properties ?? {})) {
        if (data[key] !== undefined) check(sub, data[key], `${ip}/${pointer(key)}`, `${sp}/properties/${pointer(key)}`, out);
      }
    } else if (t === 'object') typeError();
  }
}

/** The errors of `data` against the schema; empty when it is valid. */
export function schemaErrors(schema: SchemaNode, data: unknown): SchemaError[] {
  const out: SchemaError[] = [];
  check(schema, data, '', '#', out);
  return out;
}
