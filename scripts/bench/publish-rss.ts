// Preloaded into each process the publish benchmark starts: prints its peak resident memory on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `BENCH_MAXRSS_KB ${process.resourceUsage().maxRSS}\n`));
