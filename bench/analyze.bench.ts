/**
 * Benchmark of `analyze` (every single-component blast radius, every place failure, every outage
 * replay) on generated maps of 1k, 10k and 100k components. Each run is a fresh process, so memory
 * figures are its own. Targets (issue 3): 10k under 2 s; 100k/10k time ratio under 15.
 * Usage: npm run bench [-- --runs N]
 * Deep maps (issue 10): npm run bench -- --shape deep [--sizes 5000,50000]: components depending on
 * about five others at random below them (bench/generate.ts). Targets: 5k under 2 s including
 * start-up (the CLI, compiled, timed from spawn to exit: `bascule analyze --format json`), 50k/5k
 * time ratio under 15, peak RSS under 1.5 GB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDeepMap } from './generate.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SHAPE = arg('shape', 'layered');
if (SHAPE !== 'layered' && SHAPE !== 'deep') throw new Error('--shape: layered or deep');
const SIZES = arg('sizes', SHAPE === 'deep' ? '5000,50000' : '1000,10000,100000')
  .split(',')
  .map(Number);
const RUNS = Number(arg('runs', '3'));
const once = fileURLToPath(new URL('./analyze-once.ts', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  size: number;
  components: number;
  dependencies: number;
  loadMs: number;
  analyzeMs: number;
  totalMs: number;
  actionsMs: number;
  actionsEvaluated: number;
  actionsCandidates: number;
  maxRssMB: number;
  findings: number;
  singlePointsOfFailure: number;
  findingsByKind: Record<string, number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const results = new Map<number, Run[]>();
for (const size of SIZES) {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', once, String(size), SHAPE], {
      encoding: 'utf8',
      timeout: 300_000,
      maxBuffer: 1 << 22,
    });
    runs.push(JSON.parse(out) as Run);
  }
  results.set(size, runs);
}

const fmt = (n: number) => n.toFixed(0).padStart(7);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${RUNS} runs each (median), shape ${SHAPE}`,
);
if (SHAPE === 'deep') deep();
else layered();

/** The whole command as a user runs it, compiled (bin/bascule.js), from spawn to exit, with its peak RSS. */
function cli(size: number): { wallMs: number; maxRssMB: number; jsonMB: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bascule-bench-deep-'));
  try {
    const file = join(dir, 'map.yaml');
    writeFileSync(file, generateDeepMap(size).yaml);
    const out = join(dir, 'out.json');
    const t0 = performance.now();
    // GNU time reports the child's peak RSS (kB) on stderr.
    const child = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        '%M',
        process.execPath,
        join(root, 'bin/bascule.js'),
        'analyze',
        '-c',
        file,
        '--format',
        'json',
        '--out',
        out,
      ],
      { encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    if (child.status !== 0) throw new Error(`bascule analyze failed: ${child.stderr}`);
    const stderr = child.stderr;
    const wallMs = performance.now() - t0;
    return {
      wallMs,
      maxRssMB: Number(stderr.trim().split('\n').at(-1)) / 1024,
      jsonMB: statSync(out).size / 2 ** 20,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function deep(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: root });
  console.log(
    'components  deps   load ms  analyze ms  total ms  peak RSS MB  findings (by kind)  | CLI wall ms  CLI RSS MB  JSON MB',
  );
  const wall = new Map<number, number>();
  for (const [size, runs] of results) {
    const r = runs[0]!;
    const clis = Array.from({ length: RUNS }, () => cli(size));
    const w = median(clis.map((c) => c.wallMs));
    wall.set(size, w);
    console.log(
      `${String(r.components).padStart(10)} ${String(r.dependencies).padStart(6)} ${fmt(median(runs.map((x) => x.loadMs)))}    ${fmt(median(runs.map((x) => x.analyzeMs)))}   ${fmt(median(runs.map((x) => x.totalMs)))}      ${fmt(median(runs.map((x) => x.maxRssMB)))}  ${r.findings} ${JSON.stringify(r.findingsByKind)}  | ${fmt(w)}  ${fmt(median(clis.map((c) => c.maxRssMB)))}  ${median(clis.map((c) => c.jsonMB)).toFixed(1)}`,
    );
  }
  const [small, large] = [SIZES[0]!, SIZES[SIZES.length - 1]!];
  console.log(`${small} CLI wall ${wall.get(small)!.toFixed(0)} ms (target < 2000 ms)`);
  console.log(
    `ratio ${large}/${small} CLI wall: ${(wall.get(large)! / wall.get(small)!).toFixed(1)} (target < 15)`,
  );
}

function layered(): void {
  console.log(
    'components  deps     load ms  analyze ms  total ms  peak RSS MB  findings  SPOFs  actions ms (tried/candidates)',
  );
  const row = new Map<number, { analyze: number; total: number }>();
  for (const [size, runs] of results) {
    const r = runs[0]!;
    const analyze = median(runs.map((x) => x.analyzeMs));
    const total = median(runs.map((x) => x.totalMs));
    row.set(size, { analyze, total });
    console.log(
      `${String(r.components).padStart(10)} ${String(r.dependencies).padStart(7)} ${fmt(median(runs.map((x) => x.loadMs)))}    ${fmt(analyze)}   ${fmt(total)}      ${fmt(median(runs.map((x) => x.maxRssMB)))}  ${String(r.findings).padStart(8)}  ${String(r.singlePointsOfFailure).padStart(5)}  ${fmt(median(runs.map((x) => x.actionsMs)))} (${r.actionsEvaluated}/${r.actionsCandidates})`,
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
}
