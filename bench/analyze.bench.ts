/**
 * Benchmark of `analyze` (every single-component blast radius, every place failure, every outage
 * replay) on generated maps of 1k, 10k and 100k components. Each run is a fresh process, so memory
 * figures are its own. Targets (issue 3): 10k under 2 s; 100k/10k time ratio under 15.
 * Usage: npm run bench [-- --runs N]
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const SIZES = [1_000, 10_000, 100_000];
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const once = fileURLToPath(new URL('./analyze-once.ts', import.meta.url));

interface Run {
  size: number;
  components: number;
  dependencies: number;
  loadMs: number;
  analyzeMs: number;
  totalMs: number;
  maxRssMB: number;
  findings: number;
  singlePointsOfFailure: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const results = new Map<number, Run[]>();
for (const size of SIZES) {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', once, String(size)], {
      encoding: 'utf8',
      timeout: 300_000,
      maxBuffer: 1 << 20,
    });
    runs.push(JSON.parse(out) as Run);
  }
  results.set(size, runs);
}

const fmt = (n: number) => n.toFixed(0).padStart(7);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${RUNS} runs each (median)`,
);
console.log('components  deps     load ms  analyze ms  total ms  peak RSS MB  findings  SPOFs');
const row = new Map<number, { analyze: number; total: number }>();
for (const [size, runs] of results) {
  const r = runs[0]!;
  const analyze = median(runs.map((x) => x.analyzeMs));
  const total = median(runs.map((x) => x.totalMs));
  row.set(size, { analyze, total });
  console.log(
    `${String(r.components).padStart(10)} ${String(r.dependencies).padStart(7)} ${fmt(median(runs.map((x) => x.loadMs)))}    ${fmt(analyze)}   ${fmt(total)}      ${fmt(median(runs.map((x) => x.maxRssMB)))}  ${String(r.findings).padStart(8)}  ${String(r.singlePointsOfFailure).padStart(5)}`,
  );
}
const ten = row.get(10_000)!;
const hundred = row.get(100_000)!;
console.log(
  `ratio 100k/10k: analyze ${(hundred.analyze / ten.analyze).toFixed(1)}, total ${(hundred.total / ten.total).toFixed(1)} (target < 15)`,
);
console.log(
  `10k total ${ten.total.toFixed(0)} ms (target < 2000 ms): ${ten.total < 2000 ? 'met' : 'MISSED'}`,
);
