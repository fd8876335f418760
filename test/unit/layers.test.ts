// Imports point down the data flow only (content → portal → render → publish, with search, cms, deploy
// and build orchestrating above them and nothing importing build), and no module imports itself through
// a cycle. Imports are read by TypeScript's own reader, so every form counts: quotes of either kind,
// side-effect imports, dynamic import() and require(). The second group proves the check sees each form.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importCycles, importGraph, upwardImports } from '../helpers/import-graph.ts';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** A folder's place in the flow; a module may import its own folder and any folder ranked below. */
const RANK: Record<string, number> = { types: 0, content: 0, images: 0, pages: 0, portal: 1, render: 2, search: 3, cms: 3, publish: 4, deploy: 5, build: 6, 'cli.ts': 7 };

describe('the layers of src/', () => {
  it('no module imports from a layer above its own', async () => {
    assert.deepEqual(upwardImports(src, await importGraph(src), RANK), []);
  });

  it('has no import cycle', async () => {
    assert.deepEqual(importCycles(src, await importGraph(src)), []);
  });
});

describe('the layer check sees every form of import', () => {
  /** A two-layer tree: low/a.ts is the module under test, high/b.ts sits above it. */
  async function tree(importLine: string): Promise<{ root: string; done: () => Promise<void> }> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-layers-'));
    await mkdir(path.join(root, 'low'));
    await mkdir(path.join(root, 'high'));
    await writeFile(path.join(root, 'low', 'a.ts'), `${importLine}\nexport const a = 1;\n`);
    await writeFile(path.join(root, 'high', 'b.ts'), "import { a } from '../low/a.ts';\nexport const b = a;\n");
    return { root, done: () => rm(root, { recursive: true, force: true }) };
  }
  const rank = { low: 0, high: 1 };
  const forms: [string, string][] = [
    ['a single-quoted static import', "import { b } from '../high/b.ts';"],
    ['a double-quoted static import', 'import { b } from "../high/b.ts";'],
    ['a re-export', "export { b } from '../high/b.ts';"],
    ['a side-effect import', "import '../high/b.ts';"],
    ['a dynamic import', "const later = () => import('../high/b.ts');"],
    ['a multi-line import', "import {\n  b,\n} from\n  '../high/b.ts';"],
    ['a require', "const b = require('../high/b.ts');"],
  ];
  for (const [name, line] of forms) {
    it(`finds ${name} upwards, and the cycle it makes`, async () => {
      const { root, done } = await tree(line);
      try {
        const graph = await importGraph(root);
        assert.deepEqual(upwardImports(root, graph, rank), [`${path.join('low', 'a.ts')} imports ${path.join('high', 'b.ts')} (low → high)`]);
        assert.equal(importCycles(root, graph).length, 1);
      } finally {
        await done();
      }
    });
  }

  it('finds nothing in a tree whose imports all point down', async () => {
    const { root, done } = await tree('// no imports');
    try {
      const graph = await importGraph(root);
      assert.deepEqual(upwardImports(root, graph, rank), []);
      assert.deepEqual(importCycles(root, graph), []);
    } finally {
      await done();
    }
  });
});
