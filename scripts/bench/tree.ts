// Samples a process and all its descendants through Linux /proc: the highest sum of their resident
// memory, and the CPU time each used. Helpers a build spawns without waiting for them (Pagefind's own
// binary) are invisible to GNU time, which only reports what was waited for.
import { readdir, readFile } from 'node:fs/promises';

/** Linux reports /proc/<pid>/stat times in USER_HZ ticks, 100 per second on mainstream architectures. */
const TICKS_PER_SECOND = 100;

export interface TreeUsage {
  /** Highest summed RSS seen, in KiB. */
  peakKiB: number;
  /** CPU seconds (user + system) of every process seen in the tree, as last sampled. */
  cpuSeconds: number;
  /** The highest peak (VmHWM) of any single process in the tree, its name and how many processes were seen. */
  largestKiB: number;
  largestName: string;
  processes: number;
}

export interface TreeSampler {
  /** Stops sampling; undefined when /proc is unavailable. */
  stop(): Promise<TreeUsage | undefined>;
}

interface ProcessStat {
  ppid: number;
  cpuTicks: number;
}

export function sampleTree(rootPid: number, intervalMs: number): TreeSampler {
  let peakKiB: number | undefined;
  let largest = { kib: 0, name: '' };
  const cpuTicks = new Map<number, number>();
  let running: Promise<void> = Promise.resolve();
  const sample = async (): Promise<void> => {
    const processes = await readProcesses();
    if (!processes) return;
    let total = 0;
    for (const pid of descendants(rootPid, processes)) {
      cpuTicks.set(pid, Math.max(cpuTicks.get(pid) ?? 0, processes.get(pid)?.cpuTicks ?? 0));
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      total += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      if (hwm > largest.kib) largest = { kib: hwm, name: /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?' };
    }
    peakKiB = Math.max(peakKiB ?? 0, total);
  };
  const timer = setInterval(() => {
    running = running.then(sample);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      if (peakKiB === undefined) return undefined;
      const cpuSeconds = [...cpuTicks.values()].reduce((sum, ticks) => sum + ticks, 0) / TICKS_PER_SECOND;
      return { peakKiB, cpuSeconds, largestKiB: largest.kib, largestName: largest.name, processes: cpuTicks.size };
    },
  };
}

async function readProcesses(): Promise<Map<number, ProcessStat> | undefined> {
  const names = await readdir('/proc').catch(() => undefined);
  if (!names) return undefined;
  const processes = new Map<number, ProcessStat>();
  await Promise.all(
    names.filter((name) => /^\d+$/.test(name)).map(async (name) => {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
      // pid (comm) state ppid … utime stime: comm may hold spaces and ")", so count fields after the last ")".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const [ppid, utime, stime] = [Number(fields[1]), Number(fields[11]), Number(fields[12])];
      if (Number.isFinite(ppid)) processes.set(Number(name), { ppid, cpuTicks: (utime || 0) + (stime || 0) });
    }),
  );
  return processes;
}

function descendants(rootPid: number, processes: ReadonlyMap<number, ProcessStat>): Set<number> {
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { ppid }] of processes) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return new Set([...tree].filter((pid) => processes.has(pid)));
}
