/**
 * Issue 12, "a query flood does not stall the daemon's probes": the short version of
 * bench/dns-flood.ts. The compiled daemon (`bin/bascule.js run`) probes 200 HTTP checks every
 * second (targets in this process) and serves a zone with its built-in DNS in the same event loop;
 * dnsperf floods that zone at full speed for 4 s. During the flood (3 s of it), at least 99 % of the probes
 * start less than 250 ms late (the daemon's own /metrics histogram), nearly all the probes due are
 * run, and the answers stay right (NOERROR, and NXDOMAIN for the one name of the mix that does
 * not exist).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBuilt } from './helpers/bin.ts';
import { tempDir } from './helpers/cli.ts';
import {
  between,
  dnsperf,
  FLOOD_QUERIES,
  type FloodDaemon,
  histogramOf,
  quantile,
  shareUnder,
  startFloodDaemon,
} from './helpers/flood-daemon.ts';

const CHECKS = 200;
const INTERVAL_MS = 1_000;
const FLOOD_S = 4;

function missing(): string | undefined {
  try {
    execFileSync('sh', ['-c', 'command -v dnsperf'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'dnsperf is not installed (Debian: dnsperf; scripts/test.sh installs it)';
  }
}

const closers: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
});

async function target(host: string): Promise<string> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok');
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  closers.push(
    () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  );
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

describe('the built-in DNS under a query flood', { skip: missing() }, () => {
  it('does not stall the probes of the same daemon: drift p99 under 250 ms while dnsperf floods it', async (t) => {
    ensureBuilt();
    const urls = [await target('127.0.0.1'), await target('127.0.0.2')];
    const dir = tempDir();
    const d: FloodDaemon = await startFloodDaemon({ dir, checks: CHECKS, intervalMs: INTERVAL_MS, urls });
    closers.push(() => d.stop());
    // The first interval spreads the checks over their phases.
    await sleep(2 * INTERVAL_MS);
    const drift = async () => histogramOf(await d.metrics(), 'bascule_scheduler_drift_seconds');
    // The window measured lies inside the flood: from 0.5 s after dnsperf starts to 0.5 s before it stops.
    const running = dnsperf(d.dnsPort, join(dir, 'queries.txt'), FLOOD_S);
    await sleep(500);
    const t0 = Date.now();
    const s0 = await drift();
    await sleep((FLOOD_S - 1) * 1000);
    const s1 = await drift();
    const seconds = (Date.now() - t0) / 1000;
    const perf = await running;
    const flood = between(s0, s1);
    t.diagnostic(
      `${perf.qps.toFixed(0)} q/s, ${perf.lost} lost; ${flood.count} probes, drift p50 ${(quantile(flood, 0.5) * 1000).toFixed(1)} ms, p99 ${(quantile(flood, 0.99) * 1000).toFixed(1)} ms`,
    );

    const share = shareUnder(flood, 0.25);
    assert.ok(share >= 0.99, `${((1 - share) * 100).toFixed(2)} % of the probes started 250 ms late or more`);
    // The probes went on: nearly every run due was made (a stalled scheduler makes none, and no drift).
    const due = (CHECKS * seconds * 1000) / INTERVAL_MS;
    assert.ok(flood.count >= 0.9 * due, `${flood.count} probes run of about ${due.toFixed(0)} due`);
    // A flood indeed: 35,000-55,000 answers a second on this 2-core machine, 13,000 when other jobs
    // load it; 2,000 a second is already hundreds of times what a zone's real clients ask.
    assert.ok(perf.completed > 2_000 * FLOOD_S, `dnsperf completed ${perf.completed} queries`);
    assert.equal(perf.otherCodes, 0, perf.codes);
    assert.ok(Math.abs(perf.nxShare - 1 / FLOOD_QUERIES.length) < 0.01, perf.codes);
  });
});
