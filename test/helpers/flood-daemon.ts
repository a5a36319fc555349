/**
 * The built-in DNS under a query flood, for bench/dns-flood.ts and its short test: the compiled
 * daemon (`bin/bascule.js run`, with the Node flags of its first line) watching N HTTP checks at a
 * short interval and serving a zone on 127.0.0.53 (a failover group `api` over the first two
 * targets, and the records of `RECORDS`); `dnsperf` against that zone; the daemon's probe
 * scheduling drift and probe durations read from its /metrics histograms, as deltas between two
 * scrapes.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { waitFor } from './daemon.ts';
import { freePort } from './named.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/bascule.js', import.meta.url));
const TOKEN = 'operator-token-of-the-flood';
export const FLOOD_HOST = '127.0.0.53';

/** The queries dnsperf sends, one of them for a name that does not exist. */
export const FLOOD_QUERIES = [
  'api.example.com A',
  'www.example.com A',
  'example.com SOA',
  'example.com NS',
  'example.com MX',
  'mail.example.com A',
  'nope.example.com A',
  'example.com TXT',
];

/** `bascule.yaml` for the flood: N components each watched by one HTTP check, and the DNS zone. */
export function floodMap(
  checks: number,
  intervalMs: number,
  urls: readonly string[],
  dnsPort: number,
): string {
  const components: Record<string, unknown> = {};
  const watched: Record<string, unknown> = {};
  for (let i = 0; i < checks; i++) {
    components[`c${i}`] = { provider: i % 2 === 0 ? 'aws' : 'gcp' };
    watched[`k${i}`] = {
      component: `c${i}`,
      http: `${urls[i % urls.length]}/c/${i}`,
      interval: `${intervalMs}ms`,
      timeout: `${Math.min(intervalMs, 2_000)}ms`,
      expect: { status: 200 },
    };
  }
  const address = (url: string) => new URL(url).host;
  return stringify({
    version: 1,
    name: 'dns-flood',
    services: { api: { criticality: 'critical', dependsOn: ['c0', 'c1'] } },
    components,
    checks: watched,
    failover: {
      api: {
        service: 'api',
        endpoints: [
          { name: 'aws', address: address(urls[0]!), check: 'k0' },
          { name: 'gcp', address: address(urls[1 % urls.length]!), check: 'k1' },
        ],
        dns: { zone: 'example.com', name: 'api', ttl: 5 },
      },
    },
    dnsZones: {
      'example.com': {
        records: [
          { name: 'www', type: 'CNAME', value: 'api.example.com' },
          { name: 'mail', type: 'A', value: '192.0.2.25' },
          { name: '@', type: 'MX', value: '10 mail.example.com' },
          { name: '@', type: 'TXT', value: 'v=spf1 -all' },
        ],
      },
    },
    runtime: {
      listen: '127.0.0.1:0',
      dataDir: 'data',
      token: { env: 'OPERATOR' },
      dns: { listen: `${FLOOD_HOST}:${dnsPort}` },
    },
  });
}

/** A Prometheus histogram: cumulative counts by upper bound (`+Inf` last), its count. */
export interface Histogram {
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
  readonly count: number;
}

/** The histogram `name` (summed over its labels) in a /metrics text. */
export function histogramOf(text: string, name: string): Histogram {
  const byLe = new Map<number, number>();
  const re = new RegExp(`^${name}_bucket\\{(?:[^}]*,)?le="([^"]+)"[^}]*\\} (\\S+)$`, 'gm');
  for (const m of text.matchAll(re)) {
    const le = m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]);
    byLe.set(le, (byLe.get(le) ?? 0) + Number(m[2]));
  }
  const buckets = [...byLe].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
  return { buckets, count: buckets.at(-1)?.count ?? 0 };
}

/** What was observed between two scrapes of the same histogram. */
export function between(before: Histogram, after: Histogram): Histogram {
  const was = new Map(before.buckets.map((b) => [b.le, b.count]));
  const buckets = after.buckets.map((b) => ({ le: b.le, count: b.count - (was.get(b.le) ?? 0) }));
  return { buckets, count: after.count - before.count };
}

/**
 * The q-quantile, as Prometheus' histogram_quantile estimates it: linear within the bucket that
 * holds it (the last finite bound when it falls in +Inf).
 */
export function quantile(h: Histogram, q: number): number {
  if (h.count === 0) return Number.NaN;
  const rank = q * h.count;
  let lower = 0;
  let below = 0;
  for (const b of h.buckets) {
    if (b.count >= rank) {
      if (b.le === Number.POSITIVE_INFINITY) return lower;
      return lower + ((b.le - lower) * (rank - below)) / Math.max(1, b.count - below);
    }
    lower = b.le;
    below = b.count;
  }
  return lower;
}

/** The share of observations at or under `le` (one of the bucket bounds). */
export function shareUnder(h: Histogram, le: number): number {
  const b = h.buckets.find((x) => x.le === le);
  if (!b) throw new Error(`no bucket le=${le}`);
  return h.count === 0 ? Number.NaN : b.count / h.count;
}

/** The upper bound of the highest bucket that holds an observation: the maximum is at most that. */
export function maxBound(h: Histogram): number {
  let lower = 0;
  let below = 0;
  for (const b of h.buckets) {
    if (b.count > below) lower = b.le;
    below = b.count;
  }
  return h.count === 0 ? Number.NaN : lower;
}

export interface FloodDaemon {
  readonly url: string;
  readonly dnsPort: number;
  readonly child: ChildProcess;
  /** GET /metrics (the operator token). */
  metrics(): Promise<string>;
  /** The daemon's user + system CPU so far, in seconds (/proc/<pid>/stat). */
  cpuSeconds(): number;
  output(): string;
  stop(): Promise<void>;
}

/** The Node flags of bin/bascule.js's first line, so the daemon runs as shipped. */
function shippedFlags(): string[] {
  return (readFileSync(BIN, 'utf8').split('\n')[0] ?? '').split(' ').filter((w) => w.startsWith('--'));
}

/** Writes the flood map in `dir` and starts `bascule run` there (dist/ must be built). */
export async function startFloodDaemon(o: {
  dir: string;
  checks: number;
  intervalMs: number;
  urls: readonly string[];
}): Promise<FloodDaemon> {
  const dnsPort = await freePort(FLOOD_HOST);
  writeFileSync(join(o.dir, 'bascule.yaml'), floodMap(o.checks, o.intervalMs, o.urls, dnsPort));
  const child = spawn(process.execPath, [...shippedFlags(), BIN, 'run', '-c', 'bascule.yaml'], {
    cwd: o.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LANG: 'C', OPERATOR: TOKEN },
  });
  let out = '';
  const keep = (c: Buffer) => {
    // The start line and any error are what is read: at most 1 MB is kept.
    if (out.length < 1_000_000) out += c;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const line = () => out.split('\n').find((l) => l.includes('"msg":"bascule daemon started"'));
  await waitFor('the daemon started', () => line() !== undefined || child.exitCode !== null, 30_000);
  if (child.exitCode !== null) throw new Error(`bascule run exited ${child.exitCode}:\n${out}`);
  const { url } = JSON.parse(line()!) as { url: string };
  const pid = child.pid!;
  return {
    url,
    dnsPort,
    child,
    async metrics() {
      const r = await fetch(`${url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (r.status !== 200) throw new Error(`/metrics answered ${r.status}`);
      return r.text();
    },
    cpuSeconds() {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(stat[11]) + Number(stat[12])) / 100;
    },
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

export interface Dnsperf {
  readonly qps: number;
  readonly sent: number;
  readonly completed: number;
  readonly lost: number;
  /** dnsperf's "Response codes:" line (NOERROR 123 (87.50%), NXDOMAIN …). */
  readonly codes: string;
  /** Answers with a code other than NOERROR and NXDOMAIN (SERVFAIL, FORMERR, REFUSED…). */
  readonly otherCodes: number;
  /** The share of NXDOMAIN answers: one query of the 8 asks for a name that does not exist. */
  readonly nxShare: number;
}

/**
 * Starts dnsperf at full speed (no rate limit) for `seconds` against the flood zone, the mix of
 * FLOOD_QUERIES; a query unanswered for 2 s is lost (dnsperf waits that long for the last ones).
 */
export function dnsperf(port: number, queryFile: string, seconds: number, clients = 4): Promise<Dnsperf> {
  writeFileSync(queryFile, `${FLOOD_QUERIES.join('\n')}\n`);
  return run(
    'dnsperf',
    [
      ...['-s', FLOOD_HOST, '-p', String(port), '-d', queryFile, '-t', '2'],
      ...['-l', String(seconds), '-c', String(clients), '-T', '1', '-q', '200'],
    ],
    { timeout: (seconds + 30) * 1000 },
  ).then(({ stdout }) => {
    const num = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? Number.NaN);
    const codes = /Response codes:\s+([^\n]*)/.exec(stdout)?.[1] ?? '';
    const counts = new Map([...codes.matchAll(/([A-Z]+) (\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
    const completed = num(/Queries completed:\s+(\d+)/);
    let otherCodes = 0;
    for (const [code, n] of counts) if (code !== 'NOERROR' && code !== 'NXDOMAIN') otherCodes += n;
    return {
      qps: num(/Queries per second:\s+([\d.]+)/),
      sent: num(/Queries sent:\s+(\d+)/),
      completed,
      lost: num(/Queries lost:\s+(\d+)/),
      codes,
      otherCodes,
      nxShare: (counts.get('NXDOMAIN') ?? 0) / completed,
    };
  });
}
