// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time per function and
// per file or package, so a slow build names its hot spots without opening DevTools.
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotSpot {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: HotSpot[];
  places: HotSpot[];
}

export async function summarizeProfile(file: string, limit = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  const samples = profile.samples ?? [];
  samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas?.[index] ?? 0) / 1000));
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const place = placeOf(frame.url, frame.functionName);
    // tsx compiles each file onto few lines, so a line number of 1 says nothing; show it only when it does.
    const line = frame.lineNumber > 0 ? `:${frame.lineNumber + 1}` : '';
    const name = frame.url ? `${frame.functionName || '(anonymous)'}  ${shortUrl(frame.url)}${line}` : frame.functionName;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    places.set(place, (places.get(place) ?? 0) + ms);
  }
  const top = (map: Map<string, number>): HotSpot[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ name, ms, share: ms / Math.max(1, totalMs) }));
  return { totalMs, functions: top(functions), places: top(places) };
}

/** node_modules/<package>, src/<file>, node:<internal>, or V8's own entries such as (garbage collector). */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return `node_modules/${inPackage[1]}`;
  const inProject = /\/((?:src|layouts|scripts)\/.*)$/.exec(url);
  if (inProject) return inProject[1] as string;
  return url.startsWith('node:') ? 'node: internals' : shortUrl(url);
}

function shortUrl(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const inPackage = /^.*\/node_modules\/(.*)$/.exec(file);
  if (inPackage) return inPackage[1] as string;
  return file.replace(/^.*?\/(src|layouts|scripts)\//, '$1/');
}

export function formatProfile(summary: ProfileSummary): string {
  const row = (spot: HotSpot): string => `    ${(spot.ms / 1000).toFixed(2).padStart(7)} s ${(spot.share * 100).toFixed(1).padStart(5)}%  ${spot.name}`;
  return [
    `  profile     ${(summary.totalMs / 1000).toFixed(1)} s sampled; self time by file or package:`,
    ...summary.places.map(row),
    '              self time by function:',
    ...summary.functions.map(row),
  ].join('\n');
}
