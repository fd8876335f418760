// The imports of a source tree as TypeScript itself reads them (ts.preProcessFile): static imports and
// re-exports in either quote style, side-effect imports (`import './x.ts'`), dynamic `import('…')` and
// `require('…')`. Only relative imports are kept: they are the ones between our own layers.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

export type ImportGraph = Map<string, string[]>;

export async function importGraph(root: string): Promise<ImportGraph> {
  const files = (await readdir(root, { recursive: true })).filter((file) => /\.(?:ts|mts|js|mjs)$/.test(file)).map((file) => path.join(root, file));
  const graph: ImportGraph = new Map();
  for (const file of files.sort()) {
    const { importedFiles } = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
    graph.set(
      file,
      importedFiles.map((entry) => entry.fileName).filter((name) => name.startsWith('./') || name.startsWith('../')).map((name) => path.resolve(path.dirname(file), name)),
    );
  }
  return graph;
}

/** The folder directly below `root` that holds `file` (or the file's own name at the top level). */
export function layerOf(root: string, file: string): string {
  return path.relative(root, file).split(path.sep)[0] as string;
}

/** Every import from a layer to one ranked above it, as "from imports to (layer → layer)". */
export function upwardImports(root: string, graph: ImportGraph, rank: Readonly<Record<string, number>>): string[] {
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(root, file);
    if (!(from in rank)) {
      wrong.push(`${path.relative(root, file)}: its folder ${from} has no place in the layer table`);
      continue;
    }
    for (const target of targets) {
      const to = layerOf(root, target);
      if ((rank[to] ?? Infinity) > (rank[from] as number)) wrong.push(`${path.relative(root, file)} imports ${path.relative(root, target)} (${from} → ${to})`);
    }
  }
  return wrong;
}

/** Every import cycle, each as "a → b → a". */
export function importCycles(root: string, graph: ImportGraph): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map((entry) => path.relative(root, entry)).join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) visit(file, []);
  return cycles;
}
