// extensionTestsPath entry of the web worker pass (scripts/run-vscode-tests.sh --web): VS Code
// loads this bundle (dist/web/test/index.js, built for the browser by scripts/build.mjs) into the
// web worker extension host, next to the extension's `browser` entry, and calls run(). Mocha is
// its browser build (mocha/mocha.js), set up here inside the worker. There is no file system and no
// environment in the worker: the test files are bundled in, and the results go to the console as
// one line, `[impact-notes-tests] results {json}`, which run-in-browser.js writes to the results
// file the Node pass writes itself.
import 'mocha/mocha.js';

// Printed around the run; run-in-browser.js shows the log between them (keep in sync with index.ts).
const SUITE_START = '[impact-notes-tests] suite start';
const SUITE_END = '[impact-notes-tests] suite end';
const RESULTS = '[impact-notes-tests] results ';

interface MochaTest {
  fullTitle(): string;
}
interface MochaRunner {
  on(event: 'pass' | 'pending', fn: (test: MochaTest) => void): void;
  on(event: 'fail', fn: (test: MochaTest, err: unknown) => void): void;
  on(event: 'end', fn: () => void): void;
}
interface BrowserMocha {
  setup(options: { ui: string; reporter: unknown; timeout: number; color?: boolean }): void;
  run(fn: (failures: number) => void): MochaRunner;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack || `${err.name}: ${err.message}`;
  return String(err);
}

export function run(): Promise<void> {
  const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  const started = Date.now();
  const passed: string[] = [];
  const failed: { title: string; error: string }[] = [];
  let pending = 0;

  /** A reporter for the worker's console (mocha's default is the HTML one, which needs a page). */
  function ConsoleReporter(runner: MochaRunner): void {
    runner.on('pass', (t) => console.log(`  ✔ ${t.fullTitle()}`));
    runner.on('fail', (t, err) => console.log(`  ✖ ${t.fullTitle()}\n    ${errorText(err).split('\n').slice(0, 6).join('\n    ')}`));
  }

  return new Promise<void>((resolve, reject) => {
    console.log(SUITE_START);
    const finish = (failures: number) => {
      const results = {
        passes: passed.length,
        failures,
        pending,
        passed,
        failed,
        durationMs: Date.now() - started,
        host: 'web worker',
        finished: new Date().toISOString(),
      };
      console.log(`  ${passed.length} passing, ${failures} failing (web worker extension host)`);
      console.log(RESULTS + JSON.stringify(results));
      console.log(SUITE_END);
      return results;
    };
    try {
      mocha.setup({ ui: 'bdd', reporter: ConsoleReporter, timeout: 60000 });
      // Loaded after setup, so describe/it exist (require keeps them out of the import order).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./web.test');
      const runner = mocha.run((failures) => {
        finish(failures);
        if (failures > 0) reject(new Error(`${failures} of ${passed.length + failures} web tests failed`));
        else resolve();
      });
      runner.on('pass', (t) => passed.push(t.fullTitle()));
      runner.on('pending', () => pending++);
      runner.on('fail', (t, err) => failed.push({ title: t.fullTitle(), error: errorText(err) }));
    } catch (err) {
      failed.push({ title: '(loading the web test suite)', error: errorText(err) });
      finish(1);
      reject(err);
    }
  });
}
