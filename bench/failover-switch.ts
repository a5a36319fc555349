/**
 * Benchmark of issue 12's "time from decision to each actuator's confirmation (built-in DNS,
 * RFC 2136, secondary via NOTIFY, HAProxy): median and worst over 20 switches", on the set-up of
 * test/failover-e2e.test.ts, all real and on loopback: two backends (127.0.0.2, 127.0.0.3), the
 * compiled daemon (`bin/bascule.js run`, its own process) with one group driving the built-in
 * proxy, the built-in DNS (127.0.0.53), a BIND by RFC 2136 with TSIG and an HAProxy by its Runtime
 * API, and a BIND secondary of the built-in DNS fed by NOTIFY and IXFR/AXFR with TSIG.
 * The switches are made by pinning the group through the operator API, to gcp then to aws in
 * turn (the decision's trigger does not change what follows it; the e2e test covers a kill). For
 * each switch the daemon's switch record gives the decision time and each actuator's
 * confirmation (its apply answered and, for HAProxy, `show servers state` read back); the
 * secondary has no actuator of its own, so this process asks it over UDP every 5 ms until it
 * answers the new address (the time seen, within about 5 ms), and asks the built-in DNS and the
 * RFC 2136 BIND the same way (when a client first sees the answer, next to the confirmation). A
 * light load through the proxy (2 clients, a request every 20 ms each) gives the record its first
 * response from the new endpoint. Prints each switch, then median and worst per actuator.
 * The switches are 1 s apart: BIND holds a refresh that comes within 500 ms of the one before
 * (its serial-query-rate limiter), which would measure BIND's limiter rather than NOTIFY.
 * Bounded: at most 50 switches, each given 10 s, every poll loop counted.
 * With `--secondary-log`, prints the secondary's own log of NOTIFYs and transfers at the end.
 * Usage: npm run bench:switch [-- --switches 20 --secondary-log]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import dnsPacket from 'dns-packet';
import { stringify } from 'yaml';
import { type Backend, startBackend } from '../test/helpers/backends.ts';
import { KEY_FILE_TEXT, startBind, type TestBind } from '../test/helpers/bind.ts';
import { tempDir } from '../test/helpers/cli.ts';
import { runDaemon } from '../test/helpers/daemon-process.ts';
import { freePort as freeTcpPort } from '../test/helpers/failover-process.ts';
import { fourActuatorsMap } from '../test/helpers/four-actuators.ts';
import { startHaproxy, type TestHaproxy } from '../test/helpers/haproxy.ts';
import { send } from '../test/helpers/http-client.ts';
import { type Bind, freePort, startBindSecondary } from '../test/helpers/named.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SWITCHES = Math.min(50, Math.max(1, arg('switches', 20)));
const PER_SWITCH_MS = 10_000;
const POLL_MS = 5;
const OUR_HOST = '127.0.0.53';
const BIND_HOST = '127.0.0.1';
const TOKEN = 'operator-token-of-the-switch-bench';
/** The actuators the record confirms, and the servers this process watches. */
const CONFIRMED = ['proxy', 'dns', 'rfc2136', 'haproxy'] as const;
const SEEN = ['dns', 'rfc2136', 'secondary'] as const;

interface SwitchRecord {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly decidedAt: number;
  readonly confirmed: Readonly<Record<string, number>>;
  readonly firstServedAt?: number;
}

/** The A record `name` has at host:port over UDP (undefined: no answer within 500 ms, or none). */
async function addressAt(host: string, port: number, name: string): Promise<string | undefined> {
  const s = createSocket('udp4');
  try {
    return await new Promise<string | undefined>((resolve) => {
      const t = setTimeout(() => resolve(undefined), 500);
      s.on('message', (m) => {
        clearTimeout(t);
        try {
          const a = dnsPacket.decode(m).answers?.find((r) => r.type === 'A');
          resolve(a?.type === 'A' ? a.data : undefined);
        } catch {
          resolve(undefined);
        }
      });
      s.on('error', () => resolve(undefined));
      const id = Math.floor(Math.random() * 65_535);
      s.send(dnsPacket.encode({ type: 'query', id, questions: [{ type: 'A', name }] }), port, host);
    });
  } finally {
    s.close();
  }
}

/** Asks every POLL_MS until `host:port` answers `want`: when it first did, or undefined after `ms`. */
async function seen(host: string, port: number, want: string, ms: number): Promise<number | undefined> {
  const deadline = Date.now() + ms;
  for (let i = 0; i < ms / POLL_MS + 1 && Date.now() < deadline; i++) {
    if ((await addressAt(host, port, 'api.example.com')) === want) return Date.now();
    await sleep(POLL_MS);
  }
  return undefined;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? Number.NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

for (const tool of ['named', 'haproxy'])
  execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }); // throws when missing
execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });

const closers: (() => Promise<unknown>)[] = [];
let failed = false;
try {
  const aws: Backend = await startBackend('aws', '127.0.0.2');
  closers.push(() => aws.kill());
  const gcp: Backend = await startBackend('gcp', '127.0.0.3');
  closers.push(() => gcp.kill());
  const rfc: TestBind = await startBind();
  closers.push(() => rfc.close());
  const h: TestHaproxy = await startHaproxy();
  closers.push(() => h.close());

  const dir = tempDir();
  const xfr = randomBytes(32).toString('base64');
  writeFileSync(join(dir, 'xfr.key'), `${xfr}\n`);
  writeFileSync(join(dir, 'tsig.key'), KEY_FILE_TEXT);
  const dnsPort = await freePort(OUR_HOST);
  const secondaryPort = await freePort(BIND_HOST);
  const proxyPort = await freeTcpPort();
  writeFileSync(
    join(dir, 'bascule.yaml'),
    stringify({
      version: 1,
      name: 'switch-bench',
      ...fourActuatorsMap({
        aws,
        gcp,
        rfc2136: rfc.server,
        haproxySocket: h.socket,
        secondary: `${BIND_HOST}:${secondaryPort}`,
        interval: '1s',
        failAfter: 2,
        proxyListen: `127.0.0.1:${proxyPort}`,
      }),
      runtime: {
        listen: '127.0.0.1:0',
        dataDir: 'data',
        token: { env: 'OPERATOR' },
        dns: { listen: `${OUR_HOST}:${dnsPort}` },
      },
    }),
  );
  const daemon = runDaemon(dir, TOKEN);
  closers.push(async () => {
    if (daemon.child.exitCode !== null) return;
    const gone = new Promise((r) => daemon.child.once('exit', r));
    daemon.child.kill('SIGTERM');
    await gone;
  });
  const { url } = await daemon.started();
  const secondary: Bind = await startBindSecondary({
    host: BIND_HOST,
    port: secondaryPort,
    primary: { host: OUR_HOST, port: dnsPort },
    key: { name: 'xfr', algorithm: 'hmac-sha256', secret: xfr },
  });
  closers.push(() => secondary.stop());

  const api = async (path: string, body?: unknown) => {
    const r = await fetch(`${url}/api/v1/failover/api${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(5_000),
    });
    const json = (await r.json()) as Record<string, unknown>;
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  const latest = async () => ((await api('?limit=1')).switches as SwitchRecord[])[0];
  const address = { aws: aws.host, gcp: gcp.host } as const;

  // Before: both endpoints healthy, every server answering aws (at most 15 s).
  for (let i = 0; ; i++) {
    const g = await api('');
    const healthy = (g.endpoints as { health: string }[]).every((e) => e.health === 'up');
    const answers = await Promise.all([
      addressAt(OUR_HOST, dnsPort, 'api.example.com'),
      addressAt(BIND_HOST, rfc.port, 'api.example.com'),
      addressAt(BIND_HOST, secondaryPort, 'api.example.com'),
    ]);
    if (healthy && answers.every((a) => a === address.aws) && (await h.get()) === 'aws') break;
    if (i >= 150) throw new Error(`not ready after 15 s: ${JSON.stringify({ healthy, answers })}`);
    await sleep(100);
  }

  // A light load through the proxy, for the first response of the new endpoint (bounded in count).
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  let stop = false;
  let errors = 0;
  const client = async () => {
    for (let i = 0; i < 50_000 && !stop; i++) {
      const a = await send(`http://127.0.0.1:${proxyPort}/`, { agent, timeoutMs: 5_000 }).catch(
        () => undefined,
      );
      if (a?.status !== 200) errors++;
      await sleep(20);
    }
  };
  const clients = [client(), client()];

  console.log(
    `load average before: ${load()}; ${SWITCHES} switches by pin, alternating gcp and aws; times from the decision, ms`,
  );
  console.log(
    ['#', 'to', ...CONFIRMED.map((k) => `${k} conf.`), ...SEEN.map((k) => `${k} seen`), 'first served'].join(
      '\t',
    ),
  );
  const rows: Record<string, number | undefined>[] = [];
  for (let i = 0; i < SWITCHES; i++) {
    const to = i % 2 === 0 ? 'gcp' : 'aws';
    const want = address[to];
    const asked = Date.now();
    const watching = Promise.all([
      seen(OUR_HOST, dnsPort, want, PER_SWITCH_MS),
      seen(BIND_HOST, rfc.port, want, PER_SWITCH_MS),
      seen(BIND_HOST, secondaryPort, want, PER_SWITCH_MS),
    ]);
    await api('/pin', { endpoint: to, reason: `bench:switch ${i + 1}` });
    let rec: SwitchRecord | undefined;
    for (let n = 0; n < PER_SWITCH_MS / 50; n++) {
      const r = await latest();
      if (r && r.decidedAt >= asked && r.to === to && CONFIRMED.every((k) => r.confirmed[k] !== undefined)) {
        if (r.firstServedAt !== undefined || n * 50 > 3_000) {
          rec = r;
          break;
        }
      }
      await sleep(50);
    }
    const [dnsSeen, rfcSeen, secondarySeen] = await watching;
    if (!rec) {
      console.log(`switch ${i + 1} to ${to}: no complete record within ${PER_SWITCH_MS} ms`);
      failed = true;
      break;
    }
    const since = (t: number | undefined) => (t === undefined ? undefined : t - rec.decidedAt);
    const row: Record<string, number | undefined> = {
      ...Object.fromEntries(CONFIRMED.map((k) => [`${k} conf.`, since(rec.confirmed[k])])),
      'dns seen': since(dnsSeen),
      'rfc2136 seen': since(rfcSeen),
      'secondary seen': since(secondarySeen),
      'first served': since(rec.firstServedAt),
    };
    rows.push(row);
    console.log(
      [i + 1, to, ...Object.values(row).map((v) => (v === undefined ? '-' : String(v)))].join('\t'),
    );
    if (Object.values(row).some((v) => v === undefined)) failed = true;
    // BIND's serial-query-rate limiter (default 20/s: a 500 ms tick, lib/dns/zone.c setrl) holds a
    // SOA query that comes within 500 ms of the one before until its next tick: switches are spaced
    // by more, as real ones are, so the secondary's time is NOTIFY's and not the limiter's.
    await sleep(1_000);
  }
  stop = true;
  await Promise.all(clients);
  agent.destroy();
  await api('/release', { reason: 'bench:switch done' }).catch(() => undefined);

  console.log(`\nover ${rows.length} switches (ms from the decision)   median   worst`);
  for (const k of Object.keys(rows[0] ?? {})) {
    const xs = rows.map((r) => r[k]).filter((v): v is number => v !== undefined);
    console.log(
      `${k.padEnd(38)}${median(xs).toFixed(0).padStart(7)}${String(Math.max(...xs)).padStart(8)}${xs.length < rows.length ? `  (${rows.length - xs.length} missing)` : ''}`,
    );
  }
  console.log(`requests through the proxy that failed: ${errors}; load average after: ${load()}`);
  const secondaryLog = secondary
    .log()
    .split('\n')
    .filter((l) => /notify from|Transfer (started|completed)|queued|up to date|retry/.test(l));
  const queued = secondaryLog.filter((l) => l.includes('refresh check queued')).length;
  console.log(
    `secondary: ${secondaryLog.filter((l) => l.includes('notify from')).length} NOTIFYs received, ${queued} while a transfer was in progress (its check queued)`,
  );
  if (process.argv.includes('--secondary-log')) {
    for (const l of secondaryLog) console.log(`  ${l}`);
    // The daemon's side: each change of the zone (its serial) and each switch, with the time in ms.
    for (const l of daemon.output().split('\n'))
      if (/"msg":"(DNS zone changed|failover switched)"/.test(l)) {
        const j = JSON.parse(l) as { time: number; msg: string; serial?: number; to?: string };
        console.log(`  ${new Date(j.time).toISOString()} ${j.msg} ${j.serial ?? j.to ?? ''}`);
      }
  }
} finally {
  for (const c of closers.reverse()) await c().catch(() => undefined);
}
process.exitCode = failed ? 1 : 0;
