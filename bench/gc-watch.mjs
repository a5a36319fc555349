// Loaded into the benchmark's Node proxies (`--import`): counts their garbage collections and
// answers an IPC `gc` message with what it saw since the last one ({minor, minorMs, minorMaxMs,
// major, majorMs}). A young-generation collection stops the event loop: at a moderate load its
// pauses are the proxy's p99, and how much each promotes shows in how long it takes.
import { constants, PerformanceObserver } from 'node:perf_hooks';

let seen = { minor: 0, minorMs: 0, minorMaxMs: 0, major: 0, majorMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = e.detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      seen.minor++;
      seen.minorMs += e.duration;
      seen.minorMaxMs = Math.max(seen.minorMaxMs, e.duration);
    } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      seen.major++;
      seen.majorMs += e.duration;
    }
  }
}).observe({ entryTypes: ['gc'] });

process.on('message', (m) => {
  if (m !== 'gc') return;
  process.send?.({ gc: seen });
  seen = { minor: 0, minorMs: 0, minorMaxMs: 0, major: 0, majorMs: 0 };
});
