/**
 * Benchmark of the built-in proxy (issue 11), in one invocation:
 * 1. requests/s and p99 with `wrk`, same settings, same backend: direct, through HAProxy (Debian's
 *    `haproxy`, started here with an equivalent config: one thread, keep-alive to the backend, the
 *    same timeouts, X-Forwarded-For), through the two smallest pooled proxies Node can make
 *    (bare-proxy.mjs: node:http's Agent, undici's Pool; `--no-bare` leaves them out), through
 *    Bascule's proxy (compiled, its own process);
 * 2. failover time over N kills: from the SIGKILL of the primary to the first response served by the
 *    standby, with client errors counted (the routing is then switched by apply(), as the decision would);
 * 3. memory over a 60 s abuse run (the faults of test/helpers/proxy-abuse.ts).
 * Targets: no client error on failover. Issue 11 asked for 75 % of HAProxy's requests/s and under
 * 1 ms added p99 at moderate load; no proxy on Node's HTTP stack reaches either on this 2-vCPU
 * machine (the bare ones of bare-proxy.mjs make 29-43 % and 1.8-3.6 ms), so they are printed with
 * the targets Bascule is held to instead (BENCHMARKS.md, 2026-12-02): at least 75 % of the faster
 * bare pooled Node proxy's requests/s, and an added p99 at the paced load no more than 1 ms above
 * the faster bare one's. Installs wrk and haproxy with apt-get when missing.
 * The throughput runs are repeated `--rounds` times, the targets alternating within each round, and
 * each figure is the median over the rounds: this VM's speed drifts by up to 40 % within minutes
 * (the host's other tenants), so a single run of each, one after the other, compares moments.
 * The Node proxies (Bascule's, the bare undici one) load bench/gc-watch.mjs: the paced load also
 * prints how often their young generation is collected and how long each collection pauses them,
 * since at a moderate load those pauses are their p99 (BENCHMARKS.md, "The spread that promoted
 * every request").
 * Usage: npm run bench:proxy [-- --duration 5 --rounds 3 --kills 20 --abuse 60 --cpu-prof --no-bare]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ProxyActuator } from '../src/actuators/proxy/actuator.ts';
import { ProxyServer } from '../src/actuators/proxy/server.ts';
import { createLogger } from '../src/platform/log.ts';
import { type Backend, startBackend } from '../test/helpers/backends.ts';
import { send } from '../test/helpers/http-client.ts';
import { routing } from '../test/helpers/proxy.ts';
import { ABUSE_LIMITS, abuse } from '../test/helpers/proxy-abuse.ts';
import { type WrkResult, wrk } from './wrk.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const DURATION_S = Number(arg('duration', '5'));
const ROUNDS = Math.max(1, Math.floor(Number(arg('rounds', '3'))) || 1);
const KILLS = Number(arg('kills', '20'));
const ABUSE_S = Number(arg('abuse', '60'));
const CPU_PROF = process.argv.includes('--cpu-prof');
/** Also measure the bare pooled Node proxies of bare-proxy.mjs (the floor of any proxy on Node's HTTP stack). */
const BARE = !process.argv.includes('--no-bare');
/** Connections: moderate load (the p99 target), then saturation (the requests/s target). */
const LEVELS = [8, 64];
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'bascule-bench-proxy-'));

function ensureTools(): void {
  const missing = ['wrk', 'haproxy'].filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  console.error(`installing ${missing.join(', ')} with apt-get`);
  execFileSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'inherit' });
}

/** A child process printing `{"port":N}` on its first line. */
async function spawnPorted(cmd: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  child.channel?.unref();
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve((JSON.parse(d.toString()) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code})`)));
  });
  return { child, port };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * A paced load: each connection waits PACE_MS between a response and its next request (wrk's
 * `delay()` hook, not counted in the latencies), so 8 connections send about 1,500 requests a
 * second whatever the target's speed: the "moderate load" of the p99 target, where a closed loop
 * at full speed would measure the queue of a saturated proxy instead.
 */
const PACE_MS = 5;
const PACED_SCRIPT = join(work, 'paced.lua');
writeFileSync(PACED_SCRIPT, `function delay()\n  return ${PACE_MS}\nend\n`);

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Each target at each level, ROUNDS times, the targets alternating within a round; per target and
 * level the median of each figure (errors summed).
 */
function rounds(
  targets: Record<string, string>,
  run: (url: string, connections: number) => WrkResult,
  levels: readonly number[],
): Record<string, Record<number, WrkResult>> {
  const runs: Record<string, Record<number, WrkResult[]>> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of levels) {
      for (const [name, url] of Object.entries(targets)) {
        process.stderr.write(`\r  round ${r + 1}/${ROUNDS}: ${name} at ${c} connections   `);
        const byLevel = runs[name] ?? {};
        byLevel[c] = [...(byLevel[c] ?? []), run(url, c)];
        runs[name] = byLevel;
      }
    }
  }
  process.stderr.write('\r\x1b[K');
  const out: Record<string, Record<number, WrkResult>> = {};
  for (const [name, byLevel] of Object.entries(runs)) {
    out[name] = {};
    for (const [c, list] of Object.entries(byLevel)) {
      out[name][Number(c)] = {
        rps: median(list.map((x) => x.rps)),
        p50: median(list.map((x) => x.p50)),
        p99: median(list.map((x) => x.p99)),
        errors: list.reduce((a, x) => a + x.errors, 0),
        bytesPerS: median(list.map((x) => x.bytesPerS)),
      };
    }
  }
  return out;
}

interface Collections {
  readonly minor: number;
  readonly minorMs: number;
  readonly minorMaxMs: number;
  readonly major: number;
  readonly majorMs: number;
}

/** The garbage collections a Node proxy made since the last call (bench/gc-watch.mjs, over IPC). */
function collections(child: ChildProcess): Promise<Collections> {
  return new Promise((resolve) => {
    const on = (m: { gc?: Collections }) => {
      if (m.gc === undefined) return;
      child.off('message', on);
      resolve(m.gc);
    };
    child.on('message', on);
    child.send('gc');
  });
}

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** The targets, as issue 11 stated them and as Bascule is held to them (see the header). */
function verdict(results: Record<string, Record<number, WrkResult>>, paced: Record<string, WrkResult>): void {
  const added = (name: string) => paced[name]!.p99 - paced.direct!.p99;
  const share = Math.min(...LEVELS.map((c) => results.bascule![c]!.rps / results.haproxy![c]!.rps));
  console.log(
    `issue 11's targets: ${(100 * share).toFixed(0)} % of haproxy's req/s (75 %): ${met(share >= 0.75)}; ` +
      `added p99 ${added('bascule').toFixed(2)} ms at the paced load (1 ms): ${met(added('bascule') < 1)}`,
  );
  const bare = ['node-agent', 'node-undici'].filter((n) => results[n]);
  if (bare.length === 0) return;
  const ofBare = Math.min(
    ...LEVELS.map((c) => results.bascule![c]!.rps / Math.max(...bare.map((n) => results[n]![c]!.rps))),
  );
  const bareAdded = Math.min(...bare.map(added));
  console.log(
    `held to: ${(100 * ofBare).toFixed(0)} % of the faster bare Node proxy's req/s (75 %): ${met(ofBare >= 0.75)}; ` +
      `added p99 ${added('bascule').toFixed(2)} ms against the faster bare one's ${bareAdded.toFixed(2)} ms ` +
      `(+1 ms at most): ${met(added('bascule') <= bareAdded + 1)}`,
  );
}

async function throughput(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: here('..') });
  const backend = await spawnPorted(process.execPath, [here('./proxy-backend.mjs'), '127.0.0.2', '0']);
  const upstream = `127.0.0.2:${backend.port}`;
  const cfg = join(work, 'haproxy.cfg');
  writeFileSync(
    cfg,
    [
      'global',
      '  nbthread 1', // one core, as the Node proxy has
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  option http-keep-alive',
      '  option forwardfor',
      '  http-reuse always',
      '  timeout connect 1s',
      '  timeout server 30s',
      '  timeout client 60s',
      '  timeout http-request 10s',
      '  timeout http-keep-alive 60s',
      'frontend fe',
      '  bind 127.0.0.1:18480',
      '  default_backend be',
      'backend be',
      `  server s1 ${upstream} maxconn 256`,
      '',
    ].join('\n'),
  );
  const haproxy = spawn('haproxy', ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'inherit'] });
  await sleep(500);
  const profDir = join(here('..'), 'bench/results');
  if (CPU_PROF) mkdirSync(profDir, { recursive: true });
  const options = {
    group: 'api',
    listen: '127.0.0.1:0',
    stateFile: join(work, 'proxy-state.json'),
    initial: { group: 'api', endpoint: 'app', address: upstream },
  };
  const flags = CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
  const watch = ['--import', here('./gc-watch.mjs')];
  const bascule = await spawnPorted(process.execPath, [
    ...flags,
    ...watch,
    here('./proxy-process.mjs'),
    JSON.stringify(options),
  ]);
  const bare = BARE
    ? await Promise.all(
        ['agent', 'undici'].map((mode) =>
          spawnPorted(process.execPath, [...watch, here('./bare-proxy.mjs'), mode, upstream]),
        ),
      )
    : [];
  const targets: Record<string, string> = {
    direct: `http://${upstream}/`,
    haproxy: 'http://127.0.0.1:18480/',
    ...(bare.length > 0
      ? {
          'node-agent': `http://127.0.0.1:${bare[0]!.port}/`,
          'node-undici': `http://127.0.0.1:${bare[1]!.port}/`,
        }
      : {}),
    bascule: `http://127.0.0.1:${bascule.port}/`,
  };
  try {
    for (const url of Object.values(targets)) wrk(url, 8, 2); // warm up: compiled code, filled pools
    console.log(
      `\nthroughput (wrk -t1, ${DURATION_S} s per run, median of ${ROUNDS} rounds with the targets alternating; ` +
        'backend: a minimal Node server)',
    );
    const results = rounds(targets, (url, c) => wrk(url, c, DURATION_S), LEVELS);
    console.log('| connections | target | req/s | p50 ms | p99 ms | errors |');
    console.log('| ---: | --- | ---: | ---: | ---: | ---: |');
    for (const c of LEVELS) {
      for (const name of Object.keys(targets)) {
        const r = results[name]![c]!;
        console.log(
          `| ${c} | ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} |`,
        );
      }
    }
    console.log(
      `\nmoderate load: 8 connections, each pausing ${PACE_MS} ms between a response and its next request`,
    );
    const watched = { bascule: bascule.child, ...(bare.length > 0 ? { 'node-undici': bare[1]!.child } : {}) };
    for (const child of Object.values(watched)) await collections(child); // from here on
    const pacedRuns = rounds(targets, (url) => wrk(url, 8, DURATION_S, PACED_SCRIPT), [8]);
    const paced: Record<string, WrkResult> = {};
    console.log('| target | req/s | p50 ms | p99 ms | errors |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const name of Object.keys(targets)) {
      const r = pacedRuns[name]![8]!;
      paced[name] = r;
      console.log(
        `| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} |`,
      );
    }
    console.log(
      `moderate load: added p99 bascule ${(paced.bascule!.p99 - paced.direct!.p99).toFixed(2)} ms, ` +
        `haproxy ${(paced.haproxy!.p99 - paced.direct!.p99).toFixed(2)} ms`,
    );
    for (const [name, child] of Object.entries(watched)) {
      const g = await collections(child);
      const s = ROUNDS * DURATION_S;
      console.log(
        `  ${name} at the paced load: a young-generation collection every ${(s / g.minor).toFixed(2)} s, ` +
          `pausing ${(g.minorMs / g.minor).toFixed(2)} ms (at most ${g.minorMaxMs.toFixed(2)}); ` +
          `${g.major} full collections (${g.majorMs.toFixed(0)} ms)`,
      );
    }
    for (const c of LEVELS) {
      const b = results.bascule![c]!;
      const h = results.haproxy![c]!;
      const d = results.direct![c]!;
      const refs = ['node-agent', 'node-undici']
        .filter((n) => results[n])
        .map((n) => `${n} ${((100 * results[n]![c]!.rps) / h.rps).toFixed(0)} %`);
      console.log(
        `${c} connections: bascule ${((100 * b.rps) / h.rps).toFixed(0)} % of haproxy's req/s` +
          `${refs.length > 0 ? ` (bare pooled Node proxies: ${refs.join(', ')})` : ''}; ` +
          `added p99 ${(b.p99 - d.p99).toFixed(2)} ms (haproxy ${(h.p99 - d.p99).toFixed(2)} ms)`,
      );
    }
    verdict(results, paced);
  } finally {
    for (const b of bare) await stop(b.child);
    await stop(bascule.child);
    haproxy.kill('SIGTERM');
    await stop(backend.child);
  }
}

/** Kills the primary under load KILLS times; from each kill to the first response served by the standby. */
async function failover(): Promise<void> {
  const gcp = await startBackend('gcp', '127.0.0.3');
  const proxy = await ProxyServer.start({
    group: 'api',
    listen: '127.0.0.1:0',
    stateFile: join(work, 'failover-state.json'),
    logger: createLogger('silent'),
  });
  const actuator = new ProxyActuator(proxy);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let fence = 1;
  let errors = 0;
  const errorSamples: string[] = [];
  let requests = 0;
  let firstStandby: ((at: number) => void) | undefined;
  let running = true;
  const worker = async () => {
    while (running && requests < 5_000_000) {
      try {
        const r = await send(`${proxy.url}/`, { agent });
        requests++;
        if (r.status !== 200) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`${r.status} ${r.body}`);
        } else if (firstStandby && (JSON.parse(r.body) as { name: string }).name === 'gcp')
          firstStandby(Date.now());
      } catch (e) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(String(e));
      }
    }
  };
  const times: number[] = [];
  let aws: Backend | undefined;
  let load: Promise<unknown> | undefined;
  try {
    for (let i = 0; i < KILLS; i++) {
      aws = await startBackend('aws', '127.0.0.2');
      const a = { name: 'aws', address: aws.address };
      const g = { name: 'gcp', address: gcp.address };
      await actuator.apply(routing(a, g), fence++); // failback to the primary, gcp behind it
      load ??= Promise.all(Array.from({ length: 8 }, worker));
      await sleep(300);
      const seen = new Promise<number>((resolve) => {
        firstStandby = resolve;
      });
      const killedAt = Date.now();
      await aws.kill();
      const at = await Promise.race([seen, sleep(10_000).then(() => Number.NaN)]);
      firstStandby = undefined;
      times.push(at - killedAt);
      await actuator.apply(routing(g), fence++); // what the decision does once the quorum says aws is down
      await sleep(200);
    }
  } finally {
    running = false;
    await load;
    agent.destroy();
    await proxy.close();
    await aws?.kill();
    await gcp.kill();
  }
  const sorted = [...times].sort((x, y) => x - y);
  console.log(`\nfailover over ${KILLS} kills (8 concurrent keep-alive clients, ${requests} requests)`);
  console.log(
    `kill -> first response from the standby: median ${sorted[Math.floor(sorted.length / 2)]} ms, ` +
      `worst ${sorted.at(-1)} ms; client errors: ${errors}`,
  );
  for (const e of errorSamples) console.log(`  error: ${e}`);
}

/** The abuse loop for ABUSE_S seconds against the proxy in its own process; its RSS every 5 s. */
async function memory(): Promise<void> {
  const aws = await startBackend('aws', '127.0.0.2');
  const options = {
    group: 'api',
    listen: '127.0.0.1:0',
    stateFile: join(work, 'abuse-state.json'),
    initial: routing({ name: 'aws', address: aws.address }),
    ...ABUSE_LIMITS,
  };
  const proxy = await spawnPorted(process.execPath, [here('./proxy-process.mjs'), JSON.stringify(options)]);
  const rss = () =>
    new Promise<number>((resolve) => {
      proxy.child.once('message', (m) => resolve((m as { rss: number }).rss / 1024 / 1024));
      proxy.child.send('stats');
    });
  try {
    await abuse(proxy.port, 3_000);
    const samples = [await rss()];
    let faults = 0;
    for (let s = 0; s < ABUSE_S; s += 5) {
      faults += await abuse(proxy.port, 5_000);
      samples.push(await rss());
    }
    const ok = (await send(`http://127.0.0.1:${proxy.port}/`)).status === 200;
    console.log(
      `\nabuse for ${ABUSE_S} s (${faults} faults, 8 workers): RSS MiB ${samples.map((x) => x.toFixed(0)).join(' → ')}`,
    );
    console.log(`still serving afterwards: ${ok}`);
  } finally {
    await stop(proxy.child);
    await aws.kill();
  }
}

const PARTS = arg('only', 'throughput,failover,memory').split(',');
ensureTools();
if (PARTS.includes('throughput')) await throughput();
if (PARTS.includes('failover')) await failover();
if (PARTS.includes('memory')) await memory();
