#!/usr/bin/env -S node --max-semi-space-size=32 --heap-growing-percent=100
// Entry point: runs the compiled CLI (`npm install` builds it through the `prepare` script).
// A larger young generation than Node's default (16 MB): the daemon's per-probe objects (sockets,
// requests) then die young instead of being promoted; at 20,000 checks it measured about 15% less
// CPU and 50 MB less peak memory. And the old generation may grow to twice what the last full
// collection kept, no more: V8's own choice (up to 4×) let a daemon whose live heap is 75 MB reach
// 480 MB of RSS at 20,000 checks, for about 6 % more CPU (BENCHMARKS.md). The benchmark reads these
// flags from this line.
import { main } from '../dist/cli/main.js';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Bad input never lands here (it is reported with a code and exit 2); this is a bug in Bascule.
  process.stderr.write(`bascule: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.BASCULE_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
  else process.stderr.write('Please report it; run again with BASCULE_DEBUG=1 for details.\n');
  process.exitCode = 70;
}
