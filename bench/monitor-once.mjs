/**
 * One monitoring benchmark run, in a fresh process running the compiled code (dist/, as
 * bin/bascule.js does; the parent builds it first): the real daemon (real HTTP probes, SQLite in a
 * temporary directory, the API listening) with N HTTP checks at a given interval against the
 * targets named in the map file, for a given duration. Prints one JSON line: drift percentiles (after the
 * first interval, which only spreads the phases), runs, missed runs, overlaps, failures, peak RSS
 * and CPU.
 * Usage: node bench/monitor-once.mjs CHECKS INTERVAL_S DURATION_S MAP_FILE (after npm run build)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Daemon } from '../dist/daemon/daemon.js';
import { loadConfig } from '../dist/model/load.js';
import { createLogger } from '../dist/platform/log.js';

const [checksArg, intervalArg, durationArg, mapFile] = process.argv.slice(2);
const N = Number(checksArg);
const intervalS = Number(intervalArg);
const durationS = Number(durationArg);

// The map is written by the parent (bench/monitor-map.ts): this process only reads and loads it,
// as `bascule run` does.
const loaded = loadConfig(readFileSync(mapFile, 'utf8'), mapFile);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics.slice(0, 3)));

const dir = mkdtempSync(join(tmpdir(), 'bascule-bench-'));
/** @type {number[]} */
const drift = [];
let recording = false;
const daemon = await Daemon.start({
  config: loaded.config,
  baseDir: dir,
  dataDir: dir,
  listen: '127.0.0.1:0',
  lang: 'en',
  log: createLogger('warn'),
  env: {},
  onDrift: (/** @type {number} */ ms) => {
    if (recording) drift.push(ms);
  },
});

const startRss = process.memoryUsage().rss;
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 250);
// The first interval spreads the checks over their phases: not measured.
await new Promise((r) => setTimeout(r, intervalS * 1000));
const before = daemon.schedulerStats();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
recording = true;
await new Promise((r) => setTimeout(r, durationS * 1000));
recording = false;
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const after = daemon.schedulerStats();
clearInterval(sampler);
const failures = (await daemon.metrics.probeFailures.get()).values.reduce((s, v) => s + v.value, 0);
await daemon.stop();
rmSync(dir, { recursive: true, force: true });

drift.sort((a, b) => a - b);
const pct = (/** @type {number} */ p) =>
  drift[Math.min(drift.length - 1, Math.floor((p / 100) * drift.length))] ?? 0;
const runs = after.runs - before.runs;
console.log(
  JSON.stringify({
    checks: N,
    intervalS,
    durationS,
    runs,
    expectedRuns: Math.round((N * durationS) / intervalS),
    probesPerS: runs / (wallMs / 1000),
    missed: after.missed - before.missed,
    overlaps: after.overlaps - before.overlaps,
    failures,
    driftP50: pct(50),
    driftP99: pct(99),
    driftMax: drift.at(-1) ?? 0,
    startRssMB: startRss / 2 ** 20,
    peakRssMB: peakRss / 2 ** 20,
    cpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
  }),
);
process.exit(0);
