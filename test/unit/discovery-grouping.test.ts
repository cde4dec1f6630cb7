/**
 * Fewer, better discovery findings: sibling research folders without a plan are grouped under
 * their common parent into one `release-plan-missing` finding with related locations (SARIF
 * relatedLocations), and training-named library modules inside a Python package are told apart
 * from training entry points by a bounded read of the file's head.
 *
 * The generated tree has the shape of a recipe-heavy text-to-speech toolkit (modelled on the
 * public layout of Coqui TTS, https://github.com/coqui-ai/TTS: `recipes/<dataset>/<model>/train_<model>.py`
 * scripts that build a config and call `trainer.fit()` at the top level, a `TTS/` package whose
 * `TTS/bin/train_*.py` programs have a `__main__` guard and whose `TTS/utils/training.py` and
 * `TTS/encoder/utils/training.py` are helper modules). File contents are our own stand-ins.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoveryProvider } from '../../src/cli/discovery';
import { main, type Io } from '../../src/cli/main';
import { defaultConfig } from '../../src/core/config';
import { discoverRoots, discoveryFindings, isLibraryModule, looksLikeEntryPoint, MarkerSet, SIBLING_GROUP, type FileEntry } from '../../src/core/discovery';
import { walkForDiscovery } from '../../src/core/discovery/walk-node';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const RECIPE = (model: string) => `import os\nfrom trainer import Trainer, TrainerArgs\nfrom TTS.tts.configs.${model}_config import Config\n\nconfig = Config(batch_size=32, epochs=1000)\nmodel = build(config)\ntrainer = Trainer(TrainerArgs(), config, os.path.dirname(__file__), model=model)\ntrainer.fit()\n`;
const PROGRAM = 'import sys\n\ndef main():\n    pass\n\n\nif __name__ == "__main__":\n    main()\n';
const LIBRARY = 'import torch\n\n\ndef setup_torch_training_env(cudnn_enable, cudnn_benchmark):\n    torch.backends.cudnn.enabled = cudnn_enable\n    return torch.cuda.device_count()\n\n\ndef get_optimizer(name, params, lr):\n    return getattr(torch.optim, name)(params, lr=lr)\n';

const DATASETS: Record<string, string[]> = {
  ljspeech: ['align_tts', 'delightful_tts', 'fast_pitch', 'fast_speech', 'fastspeech2', 'glow_tts', 'hifigan', 'multiband_melgan', 'neuralhmm_tts', 'overflow', 'speedy_speech', 'tacotron2-Capacitron', 'tacotron2-DCA', 'tacotron2-DDC', 'univnet', 'vits_tts', 'wavegrad', 'wavernn'],
  vctk: ['delightful_tts', 'fast_pitch', 'fast_speech', 'glow_tts', 'resnet_speaker_encoder', 'speedy_speech', 'tacotron-DDC', 'tacotron2', 'tacotron2-DDC', 'vits', 'yourtts'],
  thorsten_DE: ['align_tts', 'glow_tts', 'hifigan', 'multiband_melgan', 'speedy_speech', 'tacotron2-DDC', 'univnet', 'vits_tts', 'wavegrad', 'wavernn'],
  ljspeech_multilingual: ['vits_tts', 'glow_tts'],
  blizzard2013: ['tacotron1-Capacitron', 'tacotron2-Capacitron'],
  kokoro: ['tacotron2-DDC'],
  'bel-alex73': ['hifigan', 'glow_tts', 'vits'],
};

function ttsToolkit(): { dir: string; recipes: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-tts-'));
  dirs.push(dir);
  const files: Record<string, string> = {
    'setup.py': 'from setuptools import setup\nsetup(name="TTS")\n',
    'TTS/__init__.py': '',
    'TTS/bin/__init__.py': '',
    'TTS/bin/train_tts.py': PROGRAM,
    'TTS/bin/train_vocoder.py': PROGRAM,
    'TTS/bin/train_encoder.py': PROGRAM,
    'TTS/bin/synthesize.py': PROGRAM,
    'TTS/utils/__init__.py': '',
    'TTS/utils/training.py': LIBRARY,
    'TTS/encoder/__init__.py': '',
    'TTS/encoder/utils/__init__.py': '',
    'TTS/encoder/utils/training.py': LIBRARY,
    'TTS/tts/__init__.py': '',
    'TTS/tts/models/__init__.py': '',
    'TTS/tts/models/vits.py': LIBRARY,
    'tests/tts_tests/test_vits_train.py': PROGRAM,
    'notebooks/dataset_analysis/AnalyzeDataset.ipynb': '{}',
  };
  let recipes = 0;
  for (const [ds, models] of Object.entries(DATASETS)) {
    for (const m of models) {
      files[`recipes/${ds}/${m}/train_${m.replace(/-/g, '_').toLowerCase()}.py`] = RECIPE(m);
      recipes++;
    }
  }
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  fs.mkdirSync(path.join(dir, '.git'));
  return { dir, recipes };
}

async function lintSarif(dir: string): Promise<{ ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; relatedLocations?: { message: { text: string }; physicalLocation: { artifactLocation: { uri: string } } }[] }[]> {
  const io: Io & { out: string } = { out: '', cwd: dir, env: {}, isTTY: false, stdout: (s) => (io.out += s), stderr: () => undefined };
  await main(['lint', '--today', '2026-06-01', '-f', 'sarif'], io, [discoveryProvider()]);
  return JSON.parse(io.out).runs[0].results;
}

describe('discovery: training entry points and library modules', () => {
  it('a __main__ guard, a CLI entry or a top-level trainer call makes a program', () => {
    for (const src of [
      PROGRAM,
      "if __name__ == '__main__':\n    run()\n",
      "if '__main__' == __name__:\n    run()\n",
      '@click.command()\ndef cli():\n    pass\n',
      '@hydra.main(config_path="conf")\ndef train(cfg):\n    pass\n',
      'def main(argv):\n    pass\n\nabsl.app.run(main)\n',
      'fire.Fire(Trainer)\n',
      RECIPE('vits'),
      'main()\n',
    ]) assert.ok(looksLikeEntryPoint(src), src);
    for (const src of [LIBRARY, '', 'def main():\n    pass\n', '    trainer.fit()\n', '# if __name__ == "__main__":\n', 'x = "if __name__ == \'__main__\':"\n'])
      assert.ok(!looksLikeEntryPoint(src), src);
  });

  it('only .py files in a package folder are checked; an unreadable head keeps the marker', () => {
    assert.ok(isLibraryModule('training.py', true, LIBRARY));
    assert.ok(!isLibraryModule('training.py', false, LIBRARY), 'outside a package every training script counts');
    assert.ok(!isLibraryModule('train.py', true, PROGRAM));
    assert.ok(!isLibraryModule('training.py', true, undefined));
    assert.ok(!isLibraryModule('train_config.yaml', true, ''));
  });

  it('the walker reads a bounded head: a guard beyond it is not seen, and nothing else is read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-entry-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'pkg'));
    fs.writeFileSync(path.join(dir, 'pkg/__init__.py'), '');
    fs.writeFileSync(path.join(dir, 'pkg/train_short.py'), PROGRAM);
    fs.writeFileSync(path.join(dir, 'pkg/training.py'), LIBRARY);
    fs.writeFileSync(path.join(dir, 'pkg/train_long.py'), `${'# padding\n'.repeat(10000)}${PROGRAM}`);
    fs.writeFileSync(path.join(dir, 'train.py'), LIBRARY);
    const heads: [string, number][] = [];
    const w = await walkForDiscovery(dir, {
      fs: {
        readdir: (p) => fs.readdirSync(p, { withFileTypes: true }),
        stat: (p) => fs.statSync(p),
        readFile: (p) => fs.readFileSync(p, 'utf8'),
        readHead: (p, n) => {
          heads.push([path.relative(dir, p), n]);
          return fs.readFileSync(p, 'utf8').slice(0, n);
        },
      },
    });
    assert.deepEqual(w.entries.map((e) => e.path), ['pkg/train_short.py', 'train.py']);
    assert.deepEqual(heads.map(([p]) => p).sort(), ['pkg/train_long.py', 'pkg/train_short.py', 'pkg/training.py']);
    assert.ok(heads.every(([, n]) => n === 64 * 1024));
  });
});

describe('discovery: grouping sibling folders', () => {
  const markers = new MarkerSet();
  const entries = (...paths: string[]): FileEntry[] => paths.map((p) => ({ path: p }));

  it(`${SIBLING_GROUP} or more sibling folders without a plan become one root at their parent, with members`, () => {
    const roots = discoverRoots(markers, entries('exp/a/train_a.py', 'exp/b/train_b.py', 'exp/c/ckpt/m.pt', 'exp/deep/er/train_x.py', 'other/train.py'), []);
    assert.deepEqual(roots.map((r) => r.dir), ['exp', 'other']);
    assert.deepEqual(roots[0].members?.map((m) => `${m.dir}:${m.primary?.path}`), ['exp/a:exp/a/train_a.py', 'exp/b:exp/b/train_b.py', 'exp/c:exp/c/ckpt/m.pt', 'exp/deep/er:exp/deep/er/train_x.py']);
    assert.equal(roots[1].members, undefined);
  });

  it('two siblings stay apart; the top folder never absorbs everything; a plan is a boundary', () => {
    assert.deepEqual(discoverRoots(markers, entries('team/tts/train.py', 'team/vc/m.pt'), []).map((r) => r.dir), ['team/tts', 'team/vc']);
    assert.deepEqual(discoverRoots(markers, entries('a/train.py', 'b/train.py', 'c/train.py'), []).map((r) => r.dir), ['a', 'b', 'c']);
    const planned = discoverRoots(markers, entries('exp/a/train.py', 'exp/b/train.py', 'exp/c/train.py', 'exp/d/train.py'), [{ dir: 'exp/d', file: 'exp/d/release.yaml', artifacts: [{ paths: ['train.py'] }] }]);
    assert.deepEqual(planned.map((r) => `${r.dir}:${r.status}`), ['exp:unplanned', 'exp/d:covered']);
    assert.deepEqual(planned[0].members?.map((m) => m.dir), ['exp/a', 'exp/b', 'exp/c']);
  });

  it('a grouped finding names the folders and carries one related location per folder', () => {
    const roots = discoverRoots(markers, entries('exp/a/train_a.py', 'exp/b/train_b.py', 'exp/c/ckpt/m.pt'), []);
    const [f] = discoveryFindings(roots, { configFor: () => defaultConfig(), pathOf: (p) => p });
    assert.equal(f.rule, 'release-plan-missing');
    assert.equal(f.path, 'exp/c/ckpt/m.pt');
    assert.match(f.message, /'exp\/' holds .* across 3 folders \('a\/', 'b\/', 'c\/'\)/);
    assert.deepEqual(f.related?.map((r) => [r.path, r.message]), [
      ['exp/a/train_a.py', "'exp/a/': training code ('train_a.py')"],
      ['exp/b/train_b.py', "'exp/b/': training code ('train_b.py')"],
      ['exp/c/ckpt/m.pt', "'exp/c/': model weights ('ckpt/m.pt')"],
    ]);
  });

  it('a recipe-heavy TTS toolkit gets a handful of findings, each a folder a person would write a plan for', async () => {
    const { dir, recipes } = ttsToolkit();
    assert.ok(recipes >= 45, `${recipes} recipes`);
    const results = await lintSarif(dir);
    const where = results.map((r) => `${r.ruleId}:${r.locations[0].physicalLocation.artifactLocation.uri}`);
    assert.ok(results.length <= 5, where.join('\n'));
    assert.deepEqual(where.sort(), ['release-plan-missing:TTS/bin/train_encoder.py', 'release-plan-missing:recipes/bel-alex73/glow_tts/train_glow_tts.py']);
    const recipesFinding = results.find((r) => r.message.text.startsWith("'recipes/'"))!;
    assert.equal(recipesFinding.relatedLocations?.length, recipes);
    assert.ok(recipesFinding.relatedLocations!.some((l) => l.physicalLocation.artifactLocation.uri === 'recipes/ljspeech/vits_tts/train_vits_tts.py'));
    // The library modules are not training entry points.
    assert.ok(!JSON.stringify(results).includes('utils/training.py'));
  });
});
