/**
 * A deterministic monorepo-like tree for discovery: noise (code, docs, images), `planted` research
 * roots that no plan covers, research roots that a plan fully covers, and decoys that must not be
 * found: vendored code, gitignored folders, test fixtures, node_modules, virtual environments,
 * build output, small `.bin` files and small files in data folders. Used by the discovery
 * benchmark (100,000 files) and by a unit test (a few thousand).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TreeSpec {
  /** Total number of files, roughly (±1%). */
  files: number;
  /** Research roots that no release plan covers (must be found). */
  planted: number;
  /** Research roots that a release plan covers completely (must not be reported). */
  covered: number;
  seed?: number;
}

export interface GeneratedTree {
  dir: string;
  /** Relative folders of the planted (uncovered) roots, sorted. */
  planted: string[];
  /** Relative folders of the fully covered roots, sorted. */
  covered: string[];
  files: number;
  dirs: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['alpha', 'bravo', 'delta', 'echo', 'fox', 'gamma', 'helix', 'ion', 'juno', 'kilo', 'lumen', 'mesa', 'nova', 'orca', 'pixel', 'quartz', 'raven', 'sigma', 'tango', 'umbra', 'vega', 'wren', 'xeno', 'yarrow', 'zephyr'];
const NOISE_DIRS = ['core', 'utils', 'api', 'web', 'docs', 'lib', 'services', 'common', 'tools', 'components', 'handlers', 'views', 'pkg', 'internal', 'assets'];
const NOISE_FILES: [string, string][] = [
  ['util', '.py'], ['helpers', '.py'], ['index', '.ts'], ['main', '.go'], ['README', '.md'], ['notes', '.txt'], ['style', '.css'],
  ['config', '.json'], ['icon', '.png'], ['schema', '.sql'], ['handler', '.js'], ['module', '.rs'], ['page', '.html'], ['Makefile', ''],
];

type Plant = (root: string, rand: () => number) => Record<string, number>;

/** Research-root shapes: relative file → size in bytes (sparse files for the large ones). */
const SHAPES: Plant[] = [
  () => ({ 'train.py': 900, 'checkpoints/epoch_1.pt': 300, 'checkpoints/epoch_2.pt': 300, 'configs/train.yaml': 120, 'README.md': 200 }),
  () => ({ 'models/model.safetensors': 500, 'data/train.parquet': 800, 'eval.py': 300 }),
  () => ({ 'notebooks/training.ipynb': 700, 'ckpt/pytorch_model.bin': 400, 'infer.py': 200 }),
  () => ({ 'weights/final.onnx': 600, 'export.py': 100 }),
  () => ({ 'data/corpus.csv': 2 * 1024 * 1024, 'finetune_lora.py': 500 }),
  () => ({ 'runs/2024-05-01_12-00-00/checkpoints/last.ckpt': 300, 'src/train_vc.py': 800, 'src/model.py': 800 }),
  () => ({ 'export/model.gguf': 300, 'big/shard-00001.bin': 11 * 1024 * 1024 }),
  () => ({ 'trainer_config.json': 100, 'datasets/tokens.arrow': 900 }),
];

const made = new Set<string>();
function writeFile(abs: string, size: number): void {
  const parent = path.dirname(abs);
  if (!made.has(parent)) {
    fs.mkdirSync(parent, { recursive: true });
    made.add(parent);
  }
  if (size <= 4096) fs.writeFileSync(abs, 'x'.repeat(size));
  else {
    fs.writeFileSync(abs, '');
    fs.truncateSync(abs, size); // sparse: large on paper, cheap on disk
  }
}

/** A fast place for generated trees: tmpfs (/dev/shm) when there is one, else the temp folder. */
export function scratchDir(): string {
  try {
    if (fs.statSync('/dev/shm').isDirectory()) {
      fs.accessSync('/dev/shm', fs.constants.W_OK);
      return '/dev/shm';
    }
  } catch {
    // no tmpfs
  }
  return os.tmpdir();
}

/** Creates the tree in `dir` (which must not exist or be empty). */
export function generateTree(dir: string, spec: TreeSpec): GeneratedTree {
  made.clear();
  const rand = mulberry32(spec.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  fs.mkdirSync(dir, { recursive: true });
  let files = 0;
  const dirs = new Set<string>();
  const put = (rel: string, size: number) => {
    writeFile(path.join(dir, ...rel.split('/')), size);
    files++;
    let d = path.posix.dirname(rel);
    while (d !== '.' && !dirs.has(d)) {
      dirs.add(d);
      d = path.posix.dirname(d);
    }
  };

  // Top-level layout: teams with nested noise folders; research projects hang below them.
  const teams = Math.max(4, Math.round(spec.files / 4000));
  const teamDirs = Array.from({ length: teams }, (_, i) => `org/team-${String(i).padStart(2, '0')}-${pick(WORDS)}`);
  const usedProjectDirs: string[] = [];
  const projectDir = (i: number, kind: string) => {
    const team = teamDirs[i % teamDirs.length];
    const mid = rand() < 0.5 ? `/${pick(NOISE_DIRS)}` : rand() < 0.5 ? `/${pick(NOISE_DIRS)}/${pick(NOISE_DIRS)}` : '';
    const d = `${team}${mid}/${kind}-${String(i).padStart(3, '0')}-${pick(WORDS)}`;
    usedProjectDirs.push(d);
    return d;
  };

  const planted: string[] = [];
  for (let i = 0; i < spec.planted; i++) {
    const root = projectDir(i, 'proj');
    const shape = SHAPES[i % SHAPES.length](root, rand);
    for (const [rel, size] of Object.entries(shape)) put(`${root}/${rel}`, size);
    planted.push(root);
  }
  const covered: string[] = [];
  for (let i = 0; i < spec.covered; i++) {
    const root = projectDir(spec.planted + i, 'study');
    const shape = SHAPES[i % SHAPES.length](root, rand);
    for (const [rel, size] of Object.entries(shape)) put(`${root}/${rel}`, size);
    put(`${root}/IMPACT.md`, 300);
    const release = [
      'impact-release: 1',
      'artifacts:',
      '  - id: everything',
      '    content: trained-model',
      `    paths: [${Object.keys(shape).map((p) => JSON.stringify(p)).join(', ')}]`,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, ...root.split('/'), 'release.yaml'), release);
    files++;
    covered.push(root);
  }

  // Decoys: none of these may be reported.
  const decoys: Record<string, number> = {
    'third_party/onnxruntime/models/resnet.onnx': 500,
    'vendor/torchlib/weights/base.pt': 500,
    'org/tests/fixtures/tiny.onnx': 100,
    'org/pkg/tests/data/sample.parquet': 100,
    'web/node_modules/onnx-web/model.onnx': 100,
    '.venv/lib/python3.11/site-packages/torch/test.pt': 100,
    'envs/py311/pyvenv.cfg': 50,
    'envs/py311/lib/train_helpers.py': 100,
    'build/export/model.onnx': 100,
    'dist/model.safetensors': 100,
    'scratch/try/checkpoint.pt': 100,
    'org/cache_dir/train_tmp.py': 100,
    'org/cache_dir/.gitignore': 2,
    'assets/icons/sprite.bin': 2048,
    'docs/data/small.csv': 300,
    'deploy/chart/release.yaml': 100,
    '.git/objects/aa/model.pt': 100,
  };
  for (const [rel, size] of Object.entries(decoys)) put(rel, size);
  fs.writeFileSync(path.join(dir, '.gitignore'), 'scratch/\n*.log\n');
  fs.writeFileSync(path.join(dir, 'org', 'cache_dir', '.gitignore'), '*\n');
  files++;

  // Noise until the file budget is spent: folders of 4–16 files, up to 6 levels deep.
  const noiseRoots = [...teamDirs, 'services', 'libs', 'apps', 'docs'];
  let n = 0;
  while (files < spec.files) {
    const depthN = 1 + Math.floor(rand() * 5);
    let d = pick(noiseRoots);
    for (let k = 0; k < depthN; k++) d += `/${pick(NOISE_DIRS)}${rand() < 0.6 ? `-${Math.floor(rand() * 40)}` : ''}`;
    // Never put noise inside a research project (it would change nothing, but keep roots clean).
    if (usedProjectDirs.some((p) => d === p || d.startsWith(`${p}/`))) continue;
    const count = Math.min(spec.files - files, 4 + Math.floor(rand() * 13));
    for (let k = 0; k < count; k++) {
      const [stem, ext] = pick(NOISE_FILES);
      put(`${d}/${stem}_${n++}${ext}`, 0);
    }
  }
  return { dir, planted: planted.sort(), covered: covered.sort(), files, dirs: dirs.size };
}

/**
 * The tree for `spec` in `dir`, generated when missing or made for another spec (a stamp file in
 * the tree records the spec), else reused. `generatedMs` is set when it was generated now.
 */
export function ensureTree(spec: TreeSpec, dir: string, regen: boolean): { tree: GeneratedTree; generatedMs?: number } {
  const stampFile = path.join(dir, '.bench-stamp.json');
  const want = JSON.stringify({ spec, version: 2 });
  if (!regen && fs.existsSync(stampFile)) {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { key: string; tree: GeneratedTree };
    if (stamp.key === want) return { tree: stamp.tree };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const t = performance.now();
  const tree = generateTree(dir, spec);
  const generatedMs = performance.now() - t;
  fs.writeFileSync(stampFile, JSON.stringify({ key: want, tree }));
  return { tree, generatedMs };
}
