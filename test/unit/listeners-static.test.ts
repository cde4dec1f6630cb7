// Static check for listener hygiene: every event subscription and file-system watcher in
// src/extension goes through src/extension/listeners.ts (listen / watch), which counts what is
// live, so the integration test can check that disposing brings the count back to its baseline
// (test/integration/listeners.test.ts). This reads the TypeScript sources with the compiler's parser
// (comments and strings are not code) and fails on:
//   - a direct subscription: a call `x.onDidSomething(...)`, `x.onWillSomething(...)`,
//     `token.onCancellationRequested(...)` or `emitter.event(...)`;
//   - `createFileSystemWatcher(...)` anywhere but listeners.ts;
//   - an event passed around instead of subscribed: `x.onDidSomething` used other than as the first
//     argument of listen() (e.g. `const e = x.onDidUpdate; e(f)` would slip past the first check).
//     Re-exposing another object's event as a class property (`readonly onDidChange = other.onDidChange`)
//     is allowed: that is forwarding, not subscribing.
// What it cannot see: subscriptions through other names (an event stored in a variable whose name
// does not start with onDid/onWill) or through any/unknown casts. It is a guard against the usual
// forms, not a proof.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const EXT_DIR = join(ROOT, 'src', 'extension');
const TRACKER = join(EXT_DIR, 'listeners.ts');

const EVENT_NAME = /^(?:on(?:Did|Will)[A-Z]\w*|onCancellationRequested)$/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

interface Violation {
  where: string;
  what: string;
}

function isListenCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'listen';
}

/** The violations in one source text (exported shape for the self-test below). */
function check(fileName: string, text: string): Violation[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Violation[] = [];
  const at = (node: ts.Node, what: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    out.push({ where: `${fileName}:${line + 1}`, what: `${what}: ${node.getText(sf).split('\n')[0].slice(0, 100)}` });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      if (name === 'createFileSystemWatcher') at(node, 'creates a watcher directly (use watch() from listeners.ts)');
      else if (ts.isPropertyAccessExpression(callee) && (EVENT_NAME.test(name ?? '') || name === 'event')) {
        at(node, 'subscribes directly (use listen() from listeners.ts)');
      }
    }
    if (ts.isPropertyAccessExpression(node) && EVENT_NAME.test(node.name.text)) {
      const parent = node.parent;
      const isCallee = ts.isCallExpression(parent) && parent.expression === node;
      const isListenArg = isListenCall(parent) && parent.arguments[0] === node;
      const isForwarded = ts.isPropertyDeclaration(parent) && parent.initializer === node;
      if (!isCallee && !isListenArg && !isForwarded) at(node, 'passes an event around instead of subscribing through listen()');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('listener hygiene (static)', () => {
  it('the checker catches the direct forms and accepts listen()/watch()', () => {
    const bad = [
      'vscode.workspace.onDidSaveTextDocument((d) => f(d));',
      'svc.onDidUpdate(() => 1, undefined, subs);',
      'panel.webview.onDidReceiveMessage((m) => m);',
      'token.onCancellationRequested(() => source.cancel());',
      'this.emitter.event(() => 1);',
      'const w = vscode.workspace.createFileSystemWatcher("**/*");',
      'const e = svc.onDidUpdate; e(() => 1);',
      'Event.once(svc.onWillSaveTextDocument)(() => 1);',
    ];
    for (const b of bad) assert.ok(check('sample.ts', b).length > 0, `not caught: ${b}`);
    const good = [
      "listen(vscode.workspace.onDidSaveTextDocument, (d) => f(d), 'label');",
      "const w = watch('**/*'); d.push(w, listen(w.onDidCreate, f, 'x'));",
      'class A { readonly onDidChange = this.emitter.event; readonly onDidUpdate = other.onDidUpdate; }',
      '// vscode.workspace.onDidSaveTextDocument(f) in a comment',
      "const s = 'x.onDidUpdate(() => 1)';",
      'this.onOpen(doc); this.onChange(e);',
    ];
    for (const g of good) assert.deepEqual(check('sample.ts', g), [], `flagged: ${g}`);
  });

  it('every subscription and watcher in src/extension goes through listeners.ts', () => {
    const files = sources(EXT_DIR).filter((f) => f !== TRACKER);
    assert.ok(files.length > 20, `only ${files.length} source files found under ${EXT_DIR}`);
    const violations = files.flatMap((f) => check(relative(ROOT, f), readFileSync(f, 'utf8')));
    assert.deepEqual(
      violations.map((v) => `${v.where} ${v.what}`),
      [],
      'subscribe with listen(event, handler, label) and create watchers with watch(glob, ...) from src/extension/listeners.ts',
    );
  });

  it('the files that subscribe import the tracker', () => {
    const users = sources(EXT_DIR).filter((f) => f !== TRACKER && /(?<![.\w])(?:listen|watch)\(/.test(readFileSync(f, 'utf8')));
    // lintService, statusBar, codelens, tree (index, provider), discovery (service, section), report (index, panel)
    assert.ok(users.length >= 9, `only ${users.length} file(s) use listen()/watch(): ${users.map((f) => relative(ROOT, f)).join(', ')}`);
    for (const f of users) {
      assert.match(readFileSync(f, 'utf8'), /import \{[^}]*\b(?:listen|watch)\b[^}]*\} from '\.{1,2}\/(?:\.\.\/)*listeners'/, `${relative(ROOT, f)} calls listen()/watch() without importing them from listeners.ts`);
    }
  });
});
