/**
 * Issue 12, "a query flood does not stall the daemon's probes": the short version of
 * bench/dns-flood.ts. The compiled daemon (`bin/bascule.js run`) probes 200 HTTP checks every
 * second (targets in this process) and serves a zone with its built-in DNS in the same event loop.
 * The daemon's own drift histogram (/metrics) is read over 3 s without load, then over 3 s inside
 * a 4 s dnsperf flood at full speed: during the flood at least 99 % of the probes start less than
 * 250 ms late (or, when other jobs on the machine make more late than that without the flood, the
 * flood adds at most 1 % of late probes), the probes run at their rate, and the answers stay right
 * (NOERROR, and NXDOMAIN for the one name of the mix that does not exist).
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
    // Each scrape with the time its answer came: the histogram is read just before it is sent.
    const scrape = async () => {
      const h = histogramOf(await d.metrics(), 'bascule_scheduler_drift_seconds');
      return { h, at: Date.now() };
    };
    const windowOf = (a: Awaited<ReturnType<typeof scrape>>, b: Awaited<ReturnType<typeof scrape>>) => {
      const h = between(a.h, b.h);
      return { h, perSecond: h.count / ((b.at - a.at) / 1000), share: shareUnder(h, 0.25) };
    };
    const say = (name: string, w: ReturnType<typeof windowOf>) =>
      `${name}: ${w.h.count} probes (${w.perSecond.toFixed(0)}/s), drift p50 ${(quantile(w.h, 0.5) * 1000).toFixed(1)} ms, p99 ${(quantile(w.h, 0.99) * 1000).toFixed(1)} ms`;
    // A window without load, then one of the same length inside the flood (0.5 s after dnsperf
    // starts to 0.5 s before it stops).
    const s0 = await scrape();
    await sleep((FLOOD_S - 1) * 1000);
    const s1 = await scrape();
    const running = dnsperf(d.dnsPort, join(dir, 'queries.txt'), FLOOD_S);
    await sleep(500);
    const s2 = await scrape();
    await sleep((FLOOD_S - 1) * 1000);
    const s3 = await scrape();
    const perf = await running;
    const quiet = windowOf(s0, s1);
    const flood = windowOf(s2, s3);
    t.diagnostic(
      `${say('quiet', quiet)}; ${say('flood', flood)}; ${perf.qps.toFixed(0)} q/s, ${perf.lost} lost`,
    );

    // 99 % of the probes start less than 250 ms late during the flood. Other jobs share this
    // machine: when they alone make more probes late than that (the quiet window shows it), the
    // flood may not add more than 1 % of late probes to theirs.
    const limit = Math.min(0.99, quiet.share - 0.01);
    assert.ok(
      flood.share >= limit,
      `${((1 - flood.share) * 100).toFixed(2)} % of the probes started 250 ms late or more during the flood (${((1 - quiet.share) * 100).toFixed(2)} % without)`,
    );
    // The probes went on at their rate (a stalled scheduler skips runs, which show no drift).
    assert.ok(
      flood.perSecond >= 0.9 * quiet.perSecond,
      `${flood.perSecond.toFixed(0)} probes/s during the flood, ${quiet.perSecond.toFixed(0)} without`,
    );
    // A flood indeed: 35,000-55,000 answers a second on this 2-core machine, 4,000-13,000 when other
    // jobs load it; 2,000 a second is already hundreds of times what a zone's real clients ask.
    assert.ok(perf.completed > 2_000 * FLOOD_S, `dnsperf completed ${perf.completed} queries`);
    assert.equal(perf.otherCodes, 0, perf.codes);
    assert.ok(Math.abs(perf.nxShare - 1 / FLOOD_QUERIES.length) < 0.01, perf.codes);
  });
});
