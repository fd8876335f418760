// How busy the whole machine was during a measurement, so a slow run on a shared 2-core box is not
// mistaken for a slow build: CPU seconds spent by everything (Linux /proc/stat) minus the build's own.
import { readFile } from 'node:fs/promises';
import os from 'node:os';

/** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/** Busy CPU seconds of all cores since boot, or undefined where /proc/stat does not exist. */
export async function machineBusySeconds(): Promise<number | undefined> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => undefined);
  const fields = stat?.match(/^cpu\s+(.*)$/m)?.[1]?.trim().split(/\s+/).map(Number);
  if (!fields) return undefined;
  // user nice system idle iowait irq softirq steal …: everything except idle and iowait is busy.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

export function coreCount(): number {
  return os.availableParallelism();
}
