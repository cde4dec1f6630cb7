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

/** Length in code points, as JSON Schema counts it (an astral character is one; so a string of n UTF-16 units has at least n/2). */
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

type Check = (data: unknown, out: SchemaError[]) => void;

/** The instance path being checked, as JSON Pointer segments: built into a string only for an error. */
const at: string[] = [];
const instancePath = () => (at.length ? `/${at.join('/')}` : '');

function err(schemaPath: string, keyword: string, params: Record<string, unknown>): SchemaError {
  return { instancePath: instancePath(), schemaPath, keyword, params };
}

/**
 * Compiles a schema node into one check (schema paths and property lists worked out once). The
 * check appends the errors of `data` to `out` in Ajv's order: a type error first when the type has
 * no keywords of its own here; then const, enum, anyOf, allOf and if/then; then the string, array
 * and object keywords, each group behind its type test (with the type error in its else).
 */
function compile(node: SchemaNode, sp: string): Check {
  const checks: Check[] = [];
  const t = node.type;
  const typePath = `${sp}/type`;
  const typeError = (out: SchemaError[]) => out.push(err(typePath, 'type', { type: t }));
  const own = t === 'string' ? stringKeywords(node) : t === 'array' ? arrayKeywords(node) : t === 'object' ? objectKeywords(node) : false;
  if (t && !own) checks.push((data, out) => void (hasType(data, t) || typeError(out)));

  if (node.const !== undefined) {
    const value = node.const;
    checks.push((data, out) => void (data === value || out.push(err(`${sp}/const`, 'const', { allowedValue: value }))));
  }
  if (node.enum) {
    const values = node.enum;
    checks.push((data, out) => void (values.includes(data) || out.push(err(`${sp}/enum`, 'enum', { allowedValues: values }))));
  }
  if (node.anyOf) {
    const branches = node.anyOf.map((b, i) => compile(b, `${sp}/anyOf/${i}`));
    checks.push((data, out) => {
      const start = out.length;
      for (const b of branches) {
        const before = out.length;
        b(data, out);
        if (out.length === before) {
          out.length = start;
          return;
        }
      }
      out.push(err(`${sp}/anyOf`, 'anyOf', {}));
    });
  }
  if (node.allOf) checks.push(...node.allOf.map((s, i) => compile(s, `${sp}/allOf/${i}`)));
  if (node.if && node.then) {
    const test = compile(node.if, `${sp}/if`);
    const then = compile(node.then, `${sp}/then`);
    checks.push((data, out) => {
      // The `if` schema's own errors are never reported: only whether it holds.
      const before = out.length;
      test(data, out);
      const holds = out.length === before;
      out.length = before;
      if (!holds) return;
      then(data, out);
      if (out.length !== before) out.push(err(`${sp}/if`, 'if', { failingKeyword: 'then' }));
    });
  }

  if (stringKeywords(node)) {
    const { minLength, pattern, format } = node;
    const re = pattern !== undefined ? new RegExp(pattern, 'u') : undefined;
    const isFormat = format !== undefined ? FORMATS[format] : undefined;
    checks.push((data, out) => {
      if (typeof data !== 'string') return void (t === 'string' && typeError(out));
      if (minLength !== undefined && data.length < 2 * minLength && codePoints(data) < minLength) out.push(err(`${sp}/minLength`, 'minLength', { limit: minLength }));
      if (re && !re.test(data)) out.push(err(`${sp}/pattern`, 'pattern', { pattern }));
      if (isFormat && !isFormat(data)) out.push(err(`${sp}/format`, 'format', { format }));
    });
  }

  if (arrayKeywords(node)) {
    const { minItems } = node;
    const items = node.items ? compile(node.items, `${sp}/items`) : undefined;
    checks.push((data, out) => {
      if (!Array.isArray(data)) return void (t === 'array' && typeError(out));
      if (minItems !== undefined && data.length < minItems) out.push(err(`${sp}/minItems`, 'minItems', { limit: minItems }));
      if (items) {
        for (let i = 0; i < data.length; i++) {
          at.push(String(i));
          items(data[i], out);
          at.pop();
        }
      }
    });
  }

  if (objectKeywords(node)) {
    const required = node.required ?? [];
    const props = node.properties ?? {};
    const closed = node.additionalProperties === false;
    const children = Object.entries(props).map(([key, sub]) => [key, pointer(key), compile(sub, `${sp}/properties/${pointer(key)}`)] as const);
    checks.push((data, out) => {
      if (!isObject(data)) return void (t === 'object' && typeError(out));
      for (const key of required) if (data[key] === undefined) out.push(err(`${sp}/required`, 'required', { missingProperty: key }));
      if (closed) {
        for (const key in data) if (!hasOwn.call(props, key)) out.push(err(`${sp}/additionalProperties`, 'additionalProperties', { additionalProperty: key }));
      }
      for (const [key, segment, check] of children) {
        const value = data[key];
        if (value === undefined) continue;
        at.push(segment);
        check(value, out);
        at.pop();
      }
    });
  }

  return checks.length === 1 ? checks[0] : (data, out) => { for (const c of checks) c(data, out); };
}

const compiled = new WeakMap<SchemaNode, Check>();

/** The errors of `data` against the schema; empty when it is valid. */
export function schemaErrors(schema: SchemaNode, data: unknown): SchemaError[] {
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = compile(schema, '#')));
  const out: SchemaError[] = [];
  at.length = 0;
  check(data, out);
  return out;
}
