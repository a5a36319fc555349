/**
 * Benchmark of the status page and the live events (issue 13), in one invocation:
 * 1. a real daemon (compiled `bin/bascule.js run`, its own process, SQLite in a temporary
 *    directory) probing CHECKS HTTP checks at a 10 s interval against the loopback targets of
 *    bench/monitor-target.ts (its own process), with a statusPage showing five services;
 * 2. `wrk` on /status/status.json and /status (HTML) at 8 and 64 connections, then the same runs
 *    against a minimal node:http server answering the same bytes and headers (the reference,
 *    bench/status-reference.mjs, while the daemon keeps probing), so the ratio holds on a shared
 *    machine;
 * 3. the daemon's scheduling drift (its /metrics histogram, bascule_scheduler_drift_seconds) over a
 *    quiet window, then over each run under load;
 * 4. CLIENTS clients on GET /api/v1/events (operator token), then ROUNDS maintenance windows
 *    planned through the API: the time from each POST until every client has read the event.
 * Targets: status JSON > 5,000 req/s, drift p99 < 250 ms under the load, every SSE client within 1 s.
 * Usage: npm run bench:status [-- --checks 10000 --duration 10 --quiet 20 --settle 5 --clients 1000
 *        --rounds 5 --only http,sse --paths json,html --cpu-prof]
 * Everything is bounded: start-up and warm-up 120 s, each wrk run its duration + 30 s, SSE connect
 * 60 s, each round 10 s, the daemon's stop 30 s.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { raiseOpenFiles } from '../src/platform/open-files.ts';
import { type Buckets, between, parseDrift, quantile } from './drift.ts';
import { monitorMap } from './monitor-map.ts';
import { connectSse } from './sse-clients.ts';
import { ensureWrk, type WrkResult, wrk } from './wrk.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const CHECKS = Number(arg('checks', '10000'));
const INTERVAL_S = 10;
const DURATION_S = Number(arg('duration', '10'));
const QUIET_S = Number(arg('quiet', '20'));
const CLIENTS = Math.min(5_000, Number(arg('clients', '1000')));
const ROUNDS = Math.min(20, Number(arg('rounds', '5')));
const PARTS = arg('only', 'http,sse').split(',');
const CPU_PROF = process.argv.includes('--cpu-prof');
const LEVELS = [8, 64];
/** Seconds the daemon is left alone before each of its runs (and before the SSE part). */
const SETTLE_S = Number(arg('settle', '5'));
const PATHS = arg('paths', 'json,html').split(',');
const TARGETS = { jsonRps: 5_000, driftP99Ms: 250, sseMaxMs: 1_000 };

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const root = here('..');
const work = mkdtempSync(join(tmpdir(), 'bascule-bench-status-'));
const token = randomBytes(24).toString('base64url');
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

/** A free loopback port (the daemon is told it; `--listen :0` would hide it in the logs). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The flags of bin/bascule.js's first line: the daemon runs as shipped. */
const shippedFlags = readFileSync(join(root, 'bin/bascule.js'), 'utf8')
  .split('\n')[0]!
  .split(' ')
  .filter((w) => w.startsWith('--'));

/** The monitoring benchmark's map, with five services over its components and a status page. */
function statusMap(urls: string[], port: number): string {
  const map = parse(monitorMap(CHECKS, INTERVAL_S, urls)) as Record<string, Record<string, unknown>>;
  const names = ['checkout', 'search', 'accounts', 'api'];
  names.forEach((s, i) => {
    map.services![s] = {
      criticality: 'high',
      dependsOn: [...new Set(Array.from({ length: 50 }, (_, j) => `c${((i + 1) * 100 + j) % CHECKS}`))],
    };
  });
  map.statusPage = {
    title: { en: 'Bench — service status', fr: 'Banc — état des services' },
    show: Object.fromEntries(
      ['app', ...names].map((s) => [s, { name: { en: `Public ${s}`, fr: `${s} public` } }]),
    ),
  };
  map.runtime = { listen: `127.0.0.1:${port}`, eventStreams: Math.max(100, CLIENTS + 10) };
  return stringify(map);
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(stat[11]) + Number(stat[12]);
}

/** The daemon's CPU share of one core between two calls. */
function cpuMeter(pid: number) {
  const t0 = cpuTicks(pid);
  const w0 = performance.now();
  return () => ((cpuTicks(pid) - t0) / 100 / ((performance.now() - w0) / 1000)) * 100;
}

async function waitFor(what: string, ms: number, ok: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (daemon.exitCode !== null) throw new Error(`the daemon exited (${daemon.exitCode}) before ${what}`);
    if (await ok().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

function stop(child: ChildProcess, ms = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A child printing JSON on its first stdout line. */
async function spawnJson<T>(args: string[]): Promise<{ child: ChildProcess; first: T }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  child.channel?.unref();
  const first = await new Promise<T>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      const nl = text.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(text.slice(0, nl)) as T);
    });
    child.once('exit', (code) => reject(new Error(`${args.at(-1)} exited (${code})`)));
  });
  return { child, first };
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

ensureWrk();
const files = raiseOpenFiles(); // the SSE clients' sockets
console.log(`before: ${uptime()}`);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}; ${CHECKS} checks at ${INTERVAL_S} s; open files ${files?.soft ?? '?'}`,
);
execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: root });

const target = await spawnJson<string[]>(['--import', 'tsx', here('./monitor-target.ts')]);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const mapFile = join(work, 'bascule.yaml');
writeFileSync(mapFile, statusMap(target.first, port));
const profDir = join(root, 'bench/results');
if (CPU_PROF) mkdirSync(profDir, { recursive: true });
const logFile = join(work, 'daemon.log');
const log = openSync(logFile, 'a');
const daemon = spawn(
  process.execPath,
  [
    ...shippedFlags,
    ...(CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []),
    join(root, 'bin/bascule.js'),
    'run',
    '-c',
    mapFile,
    '--data-dir',
    join(work, 'data'),
  ],
  { stdio: ['ignore', log, log], env: { ...process.env, BASCULE_TOKEN: token }, cwd: work },
);
/**
 * One request on a fresh connection (the bench's own requests never race the daemon's keep-alive
 * timeout on a reused one), bounded by 30 s.
 */
function call(
  path: string,
  o: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method: o.method ?? 'GET',
      headers: o.headers,
      agent: false,
      timeout: 30_000,
    });
    req.on('timeout', () => req.destroy(new Error(`${path}: no answer in 30 s`)));
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.end(o.body);
  });
}
const auth = { authorization: `Bearer ${token}` };
/** /metrics, with the operator token. */
const scrape = async () => {
  const res = await call('/metrics', { headers: auth });
  if (res.status !== 200) throw new Error(`/metrics: ${res.status}`);
  return res.body;
};
const metrics = async () => parseDrift(await scrape());
const observations = async () => {
  const text = await scrape();
  return [...text.matchAll(/^bascule_observations_total\{[^}]*\} (\d+)/gm)].reduce(
    (s, m) => s + Number(m[1]),
    0,
  );
};
let reference: ChildProcess | undefined;

try {
  const t0 = performance.now();
  await waitFor(
    'the daemon to answer /healthz',
    120_000,
    async () => (await call('/healthz')).status === 200,
  );
  // Every check probed once (the first interval spreads their phases), then one interval more.
  await waitFor('every check to be probed once', 120_000, async () => (await observations()) >= CHECKS);
  await sleep(INTERVAL_S * 1000);
  console.log(`daemon up, every check probed, after ${fmt((performance.now() - t0) / 1000, 1)} s`);

  if (PARTS.includes('http')) {
    const paths = Object.fromEntries(
      Object.entries({ json: '/status/status.json', html: '/status' }).filter(([k]) => PATHS.includes(k)),
    );
    const answers: Record<string, { headers: Record<string, string>; body: string }> = {};
    for (const path of Object.values(paths)) {
      const res = await call(path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (typeof v === 'string' && !['content-length', 'date', 'connection', 'keep-alive'].includes(k))
          headers[k] = v;
      answers[path] = { headers, body: res.body };
      console.log(`${path}: ${Buffer.byteLength(answers[path]!.body)} bytes`);
    }
    const answersFile = join(work, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(answers));
    const ref = await spawnJson<{ port: number }>([here('./status-reference.mjs'), answersFile]);
    reference = ref.child;
    const refBase = `http://127.0.0.1:${ref.first.port}`;
    for (const path of Object.values(paths)) {
      wrk(`${refBase}${path}`, 8, 2); // warm up both: compiled code, filled pools
      wrk(`${base}${path}`, 8, 2);
    }

    const quietCpu = cpuMeter(daemon.pid!);
    const q0 = await metrics();
    await sleep(QUIET_S * 1000);
    const quiet = quantile(between(q0, await metrics()), 0.99);
    console.log(
      `\nquiet window (${QUIET_S} s, probing only): drift p99 ${fmt(quiet.ms)} ms (≤ ${fmt(quiet.atMostMs)} ms, ${quiet.probes} probes), daemon CPU ${fmt(quietCpu())} %`,
    );

    console.log(
      `\nthroughput (wrk -t1, ${DURATION_S} s per run; reference: node:http answering the same bytes)`,
    );
    console.log(
      '| path | connections | daemon req/s | reference req/s | ratio | daemon p99 ms | reference p99 ms | errors | drift p99 ms (≤ bucket) | daemon CPU % |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    let loadDrift: Buckets | undefined;
    const results: Record<string, WrkResult> = {};
    // The daemon's runs first, each after a pause that lets it settle; then the reference's, so that
    // a reference run (which loads both cores) never starves the daemon just before its own run.
    const runs = Object.entries(paths).flatMap(([name, path]) => LEVELS.map((c) => ({ name, path, c })));
    const rows: { d: WrkResult; drift: ReturnType<typeof quantile>; cpu: number }[] = [];
    for (const { name, path, c } of runs) {
      await sleep(SETTLE_S * 1000);
      const m0 = await metrics();
      const cpu = cpuMeter(daemon.pid!);
      const d = wrk(`${base}${path}`, c, DURATION_S);
      const daemonCpu = cpu();
      const m1 = await metrics();
      loadDrift = loadDrift
        ? { le: m1.le, counts: m1.counts.map((x, i) => loadDrift!.counts[i]! + x - m0.counts[i]!) }
        : between(m0, m1);
      results[`${name}.${c}`] = d;
      rows.push({ d, drift: quantile(between(m0, m1), 0.99), cpu: daemonCpu });
    }
    runs.forEach(({ path, c }, i) => {
      const r = wrk(`${refBase}${path}`, c, DURATION_S);
      const { d, drift, cpu } = rows[i]!;
      console.log(
        `| ${path} | ${c} | ${fmt(d.rps)} | ${fmt(r.rps)} | ${fmt(d.rps / r.rps, 2)} | ${fmt(d.p99, 2)} | ${fmt(r.p99, 2)} | ${d.errors} | ${fmt(drift.ms)} (≤ ${fmt(drift.atMostMs)}) | ${fmt(cpu)} |`,
      );
    });
    const load = quantile(loadDrift!, 0.99);
    const best = Math.max(...LEVELS.map((c) => results[`json.${c}`]?.rps ?? Number.NaN));
    console.log(
      `\nstatus JSON: best ${fmt(best)} req/s (target > ${TARGETS.jsonRps}): ${best > TARGETS.jsonRps ? 'met' : 'MISSED'}`,
    );
    console.log(
      `drift p99 over the daemon's runs under load: ${fmt(load.ms)} ms (≤ ${fmt(load.atMostMs)} ms, ${load.probes} probes; quiet ${fmt(quiet.ms)} ms) (target < ${TARGETS.driftP99Ms}): ${load.atMostMs <= TARGETS.driftP99Ms ? 'met' : load.ms < TARGETS.driftP99Ms ? 'met by the interpolated estimate' : 'MISSED'}`,
    );
    await stop(reference);
  }

  if (PARTS.includes('sse')) {
    await sleep(3 * SETTLE_S * 1000);
    const c0 = performance.now();
    const clients = await connectSse('127.0.0.1', port, token, CLIENTS, { connectMs: 60_000 });
    console.log(
      `\nSSE: ${clients.open} of ${CLIENTS} clients connected in ${fmt((performance.now() - c0) / 1000, 1)} s` +
        (clients.refused.size > 0
          ? `; refused: ${[...clients.refused].map(([s, n]) => `${n} × ${s}`).join(', ')}`
          : ''),
    );
    try {
      const all: number[] = [];
      const maxima: number[] = [];
      let missing = 0;
      const day = 24 * 3600_000;
      for (let round = 0; round < ROUNDS && clients.open > 0; round++) {
        await sleep(1000);
        const since = performance.now();
        const seen = clients.expect('maintenance-saved', since, 10_000);
        const res = await call('/api/v1/maintenance', {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            title: { en: `Bench window ${round}`, fr: `Fenêtre du banc ${round}` },
            services: ['app'],
            start: new Date(Date.now() + (round + 1) * day).toISOString(),
            end: new Date(Date.now() + (round + 1) * day + 3600_000).toISOString(),
          }),
        });
        const answeredMs = performance.now() - since;
        if (res.status !== 201) throw new Error(`POST /api/v1/maintenance: ${res.status} ${res.body}`);
        const delays = await seen;
        const got = delays.filter(Number.isFinite);
        missing += delays.length - got.length;
        all.push(...got);
        maxima.push(Math.max(...got));
        console.log(
          `round ${round + 1}: POST answered in ${fmt(answeredMs, 1)} ms; ${got.length} of ${delays.length} clients got the event: p50 ${fmt(pct(got, 50), 1)} ms, p99 ${fmt(pct(got, 99), 1)} ms, max ${fmt(Math.max(...got), 1)} ms`,
        );
      }
      console.log(
        `SSE over ${ROUNDS} rounds × ${clients.open} clients: p50 ${fmt(pct(all, 50), 1)} ms, p99 ${fmt(pct(all, 99), 1)} ms, max ${fmt(Math.max(...all), 1)} ms; missed ${missing} ` +
          `(target: all ${CLIENTS} within ${TARGETS.sseMaxMs} ms): ${clients.open === CLIENTS && missing === 0 && Math.max(...maxima) < TARGETS.sseMaxMs ? 'met' : 'MISSED'}`,
      );
    } finally {
      clients.close();
    }
  }
} catch (e) {
  const cause = e instanceof Error && e.cause ? ` (${String(e.cause)})` : '';
  console.error(`failed: ${e instanceof Error ? e.message : String(e)}${cause}; the daemon's log:`);
  console.error(`daemon exit: ${daemon.exitCode ?? daemon.signalCode ?? 'running'}`);
  console.error(
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((l) => !l.includes('"state change"'))
      .slice(-20)
      .join('\n'),
  );
  process.exitCode = 1;
} finally {
  if (reference) await stop(reference);
  await stop(daemon);
  await stop(target.child);
  rmSync(work, { recursive: true, force: true });
  console.log(`\nafter: ${uptime()}`);
  if (CPU_PROF) console.log(`CPU profile of the daemon in ${profDir}`);
}
