// Imports point down the data flow only (ARCHITECTURE: content → portal → render → publish, with
// search, cms, deploy and build orchestrating above them and nothing importing build), and no module
// imports itself through a cycle. Reads every import of src/ as written.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** A folder's place in the flow; a module may import its own folder and any folder ranked below. */
const RANK: Record<string, number> = { types: 0, content: 0, images: 0, portal: 1, render: 2, search: 3, cms: 3, publish: 4, deploy: 5, build: 6, 'cli.ts': 7 };

async function importsOf(): Promise<Map<string, string[]>> {
  const files = (await readdir(src, { recursive: true })).filter((file) => file.endsWith('.ts')).map((file) => path.join(src, file));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const targets = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map((match) => path.resolve(path.dirname(file), match[1] as string));
    graph.set(file, targets);
  }
  return graph;
}

function layerOf(file: string): string {
  return path.relative(src, file).split(path.sep)[0] as string;
}

it('no module imports from a layer above its own', async () => {
  const wrong: string[] = [];
  for (const [file, targets] of await importsOf()) {
    const from = layerOf(file);
    assert.ok(from in RANK, `${from} has no place in the layer table of this test; add it`);
    for (const target of targets) {
      const to = layerOf(target);
      if ((RANK[to] ?? Infinity) > (RANK[from] as number)) wrong.push(`${path.relative(src, file)} imports ${path.relative(src, target)} (${from} → ${to})`);
    }
  }
  assert.deepEqual(wrong, []);
});

it('has no import cycle', async () => {
  const graph = await importsOf();
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map((entry) => path.relative(src, entry)).join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) visit(file, []);
  assert.deepEqual(cycles, []);
});
