/**
 * Benchmark of the restic runner (issue 14): Bascule's backup() against `restic backup` run by hand,
 * on the same data (random bytes, so nothing deduplicates: 1 GB in 10,000 files by default, made in
 * a temporary directory), each run into a fresh local repository, alternated (hand, Bascule, hand…)
 * so the page cache and the machine's load favour neither. backup() does more than restic by hand:
 * it makes the manifest (sha256 of every file, beside restic's run) and resolves the snapshot's full
 * id. Target: Bascule's overhead under 5 % of the median wall time. `--no-manifest` measures
 * backup() without the manifest. Every round is bounded (`--rounds`, at most 10; 30 min per run).
 *
 * The second measurement is the steady state: a second backup into the same repository after 1 %
 * of the files changed (rewritten with new bytes of the same size), restic by hand (it finds its
 * parent snapshot itself) against backup() given the previous manifest (it hashes only the files
 * whose stat key changed). Each round backs up once into two fresh repositories (not timed),
 * changes another 1 % of the files, then times the second backups, alternated. `--incremental N`
 * rounds (default 9, at most 20; 0 leaves it out). Each result is given as the median of each
 * side and as the median of the rounds' paired ratios (the VM drifts within a run).
 * Usage: npm run bench:backup [-- --mb 1024 --files 10000 --rounds 5 --incremental 9 --no-manifest --src]
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Manifest, ResticRepo } from '../src/backup/restic/index.ts';

/**
 * The code users run: the compiled runner in dist/ (built first), whose manifest worker starts
 * without tsx's loader; `--src` measures the sources under tsx instead.
 */
const FROM_SRC = process.argv.includes('--src');
if (!FROM_SRC)
  execFileSync('npm', ['run', '--silent', 'build'], {
    stdio: 'inherit',
    cwd: new URL('..', import.meta.url),
  });
const { backup, init } = (await import(
  FROM_SRC ? '../src/backup/restic/index.ts' : '../dist/backup/restic/index.js'
)) as typeof import('../src/backup/restic/index.ts');

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const MB = Number(arg('mb', '1024'));
const FILES = Number(arg('files', '10000'));
const ROUNDS = Math.min(10, Math.max(1, Number(arg('rounds', '5'))));
const MANIFEST = !process.argv.includes('--no-manifest');
const INCREMENTAL = Math.min(20, Math.max(0, Number(arg('incremental', '9'))));
const RUN_LIMIT_MS = 30 * 60_000;

const work = mkdtempSync(join(tmpdir(), 'bascule-bench-backup-'));
const data = join(work, 'data');
const PASSWORD = randomBytes(12).toString('hex');

const SIZE = Math.floor((MB * 1024 * 1024) / FILES);
const fileOf = (i: number) => join(data, String(Math.floor(i / 100)).padStart(3, '0'), `f${i}.bin`);

function generate() {
  for (let i = 0; i < FILES; i++) {
    if (i % 100 === 0)
      mkdirSync(join(data, String(Math.floor(i / 100)).padStart(3, '0')), { recursive: true });
    writeFileSync(fileOf(i), randomBytes(SIZE));
  }
}

/** Rewrites 1 % of the files (at least one) with new bytes of the same size: another 1 % each round. */
function change(round: number) {
  const count = Math.max(1, Math.floor(FILES / 100));
  for (let k = 0; k < count; k++) writeFileSync(fileOf((round * count + k) % FILES), randomBytes(SIZE));
}

let n = 0;
async function freshRepo(): Promise<ResticRepo> {
  const repo = {
    repository: join(work, `repo-${n++}`),
    password: PASSWORD,
    env: {},
    cacheDir: join(work, 'cache'),
  };
  const made = await init(repo);
  if (!made.ok) throw new Error(`init: ${made.error?.code}`);
  return repo;
}

function byHand(repo: ResticRepo): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('restic', ['--cache-dir', repo.cacheDir!, 'backup', '--json', data], {
      env: { ...process.env, RESTIC_REPOSITORY: repo.repository, RESTIC_PASSWORD: PASSWORD },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const t = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(t);
      if (code === 0) resolve(performance.now() - t0);
      else reject(new Error(`restic by hand: exit ${code}`));
    });
  });
}

async function viaBascule(
  repo: ResticRepo,
  previous?: Manifest,
): Promise<{ ms: number; manifest?: Manifest }> {
  const t0 = performance.now();
  const r = await backup(
    repo,
    { paths: [data] },
    { manifest: MANIFEST, timeoutMs: RUN_LIMIT_MS, ...(previous ? { previous } : {}) },
  );
  if (!r.ok) throw new Error(`backup(): ${r.error?.code} ${r.error?.detail}`);
  if (MANIFEST && r.manifest?.files?.count !== FILES)
    throw new Error(`backup(): manifest of ${r.manifest?.files?.count ?? 'no'} files, expected ${FILES}`);
  return { ms: performance.now() - t0, ...(r.manifest ? { manifest: r.manifest } : {}) };
}

/** The steady state: second backups after 1 % of the files changed, by hand (parent snapshot) and backup() (previous manifest). */
async function incremental(): Promise<void> {
  const hand: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < INCREMENTAL; round++) {
    const byHandRepo = await freshRepo();
    const oursRepo = await freshRepo();
    await byHand(byHandRepo);
    const { manifest } = await viaBascule(oursRepo);
    change(round);
    const order = round % 2 === 0 ? (['hand', 'ours'] as const) : (['ours', 'hand'] as const);
    for (const who of order) {
      const ms = who === 'hand' ? await byHand(byHandRepo) : (await viaBascule(oursRepo, manifest)).ms;
      (who === 'hand' ? hand : ours).push(ms);
      console.log(
        `incremental round ${round + 1} ${who === 'hand' ? 'restic by hand' : 'Bascule backup()'} after 1 % changed: ${(ms / 1000).toFixed(2)} s`,
      );
    }
    rmSync(byHandRepo.repository, { recursive: true, force: true });
    rmSync(oursRepo.repository, { recursive: true, force: true });
  }
  const h = median(hand);
  const o = median(ours);
  console.log(
    `incremental median (1 % changed): by hand ${(h / 1000).toFixed(2)} s, backup() with the previous manifest ${(o / 1000).toFixed(2)} s: overhead ${(((o - h) / h) * 100).toFixed(1)} %; ${paired(hand, ours)}`,
  );
}

/**
 * The median of each round's ratio (backup() over restic by hand, run one after the other): this
 * VM's speed drifts by 20 % within a run, which the medians of each side taken apart mix into the
 * difference; a round's two runs see the same moment.
 */
function paired(hand: readonly number[], ours: readonly number[]): string {
  const ratios = hand.map((h, i) => ours[i]! / h);
  return `paired: median of the rounds' ratios ${((median(ratios) - 1) * 100).toFixed(1)} % (${ratios.map((r) => r.toFixed(2)).join(' ')})`;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

try {
  const g0 = performance.now();
  generate();
  console.log(`data: ${MB} MB in ${FILES} files, made in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
  const hand: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternated, and the order swapped every round.
    const order = round % 2 === 0 ? (['hand', 'ours'] as const) : (['ours', 'hand'] as const);
    for (const who of order) {
      const repo = await freshRepo();
      const ms = who === 'hand' ? await byHand(repo) : (await viaBascule(repo)).ms;
      (who === 'hand' ? hand : ours).push(ms);
      console.log(
        `round ${round + 1} ${who === 'hand' ? 'restic by hand' : 'Bascule backup()'}: ${(ms / 1000).toFixed(2)} s`,
      );
      rmSync(repo.repository, { recursive: true, force: true });
    }
  }
  const h = median(hand);
  const o = median(ours);
  const overhead = ((o - h) / h) * 100;
  console.log(
    `median: by hand ${(h / 1000).toFixed(2)} s, backup() ${(o / 1000).toFixed(2)} s${MANIFEST ? '' : ' (no manifest)'}: overhead ${overhead.toFixed(1)} % (target < 5 %); ${paired(hand, ours)}`,
  );
  if (INCREMENTAL > 0) await incremental();
} finally {
  rmSync(work, { recursive: true, force: true });
}
