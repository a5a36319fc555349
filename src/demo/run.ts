/**
 * `bascule demo`: two providers (local backends on 127.0.0.2 and 127.0.0.3), the map that names
 * them written to a temporary directory, Bascule's daemon started in this process on it (the
 * probes, the failover group with its proxy and DNS, the operator API), a steady client through
 * the proxy; then rounds: the primary killed (on a timer or Enter), watched until traffic has left
 * it, started again, watched until traffic is back. The story is read from the daemon's operator
 * API, as any client would. SIGINT or SIGTERM ends it at any point: the client, the daemon and the
 * backends stopped, the temporary directory removed.
 *
 * The daemon runs in this process rather than as a child: there is one process to stop and none
 * to leave behind, its logs go to a file instead of the terminal, and it starts once. Only the
 * backends are processes of their own, so that killing the primary is a real SIGKILL; they exit
 * by themselves if this process dies.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Daemon } from '../daemon/daemon.ts';
import { BasculeError, fail } from '../errors.ts';
import { demoMap } from '../i18n/documents/demo-map.ts';
import { renderDocument } from '../i18n/documents/document.ts';
import { type Lang, t } from '../i18n/index.ts';
import { formatDuration } from '../model/duration.ts';
import { loadConfig } from '../model/load.ts';
import type { Config } from '../model/schema.ts';
import { createLogger } from '../platform/log.ts';
import { loadCatalogue } from '../scenarios/providers.ts';
import { TOKEN_ENV, TOKEN_FILE } from '../server/operator-token.ts';
import { type Backend, startBackend } from './backends.ts';
import { ClientLoad } from './load.ts';
import { duration, Narrator, type Paint } from './narrator.ts';
import { OperatorApi } from './operator-api.ts';
import { freePort } from './ports.ts';
import type { DemoSettings } from './settings.ts';
import { byBackend, Story } from './story.ts';
import { Watch } from './watch.ts';

const PRIMARY = { name: 'aws', host: '127.0.0.2' } as const;
const SECONDARY = { name: 'gcp', host: '127.0.0.3' } as const;
const LOCAL = '127.0.0.1';
const GROUP = 'api';
const SERVICE = 'api';
const ZONE = 'shop.example';
const NAME = 'api';
const FAIL_AFTER = 2;
/** How long the start may take before both providers pass their probes. */
const READY_MS = 30_000;
const LIVE_MS = 250;
/** How long after the failback the round's counts are told. */
const SETTLE_MS = 2_000;

export interface DemoIo {
  readonly lang: Lang;
  readonly paint: Paint;
  readonly write: (text: string) => void;
  /** Output to a terminal: the live line is redrawn in place. */
  readonly live: boolean;
  /** Resolves when the demo must stop (SIGINT, SIGTERM). */
  readonly stopped: Promise<unknown>;
  /** Calls the listener at each Enter; returns what stops listening. Absent: no keys. */
  readonly onEnter?: (listener: () => void) => () => void;
  readonly env: NodeJS.ProcessEnv;
}

/** Resolves after `ms`, or earlier when `signal` aborts (never rejects). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(Math.max(0, ms), undefined, { signal }).catch(() => undefined);
}

/** The map for these backends and ports, written to `dir`, and loaded as `bascule run` would. */
function writeMap(dir: string, lang: Lang, s: DemoSettings, at: MapPorts): { file: string; config: Config } {
  const text = renderDocument(demoMap, lang, {
    primary: { name: PRIMARY.name, address: at.primary },
    secondary: { name: SECONDARY.name, address: at.secondary },
    interval: formatDuration(s.intervalMs),
    timeout: formatDuration(Math.min(2_000, Math.floor(s.intervalMs / 2))),
    failAfter: FAIL_AFTER,
    failbackAfter: formatDuration(s.failbackAfterMs),
    minHold: formatDuration(s.failbackAfterMs),
    proxy: at.proxy,
    dns: at.dns,
    api: at.api,
    zone: ZONE,
    name: NAME,
    ttl: 5,
  });
  const file = join(dir, 'bascule.yaml');
  writeFileSync(file, text);
  const loaded = loadConfig(text, file, loadCatalogue());
  if (!loaded.ok) throw new BasculeError(loaded.diagnostics);
  return { file, config: loaded.config };
}

interface MapPorts {
  readonly primary: string;
  readonly secondary: string;
  readonly proxy: string;
  readonly dns: string;
  readonly api: string;
}

/** Everything started, undone in reverse order by `close()`, each step on its own. */
class Started {
  private readonly undo: (() => Promise<unknown> | unknown)[] = [];
  add(f: () => Promise<unknown> | unknown): void {
    this.undo.push(f);
  }
  async close(): Promise<void> {
    for (const f of this.undo.reverse()) {
      try {
        await f();
      } catch {
        // the next one still runs: nothing is left behind because one step failed
      }
    }
    this.undo.length = 0;
  }
}

export async function runDemo(s: DemoSettings, io: DemoIo): Promise<number> {
  const { lang, paint } = io;
  const stop = new AbortController();
  const { signal } = stop;
  void io.stopped.then(() => stop.abort());
  const narrator = new Narrator(lang, paint, io.write, io.live);
  const started = new Started();
  const dir = mkdtempSync(join(tmpdir(), 'bascule-demo-'));
  started.add(() => rmSync(dir, { recursive: true, force: true }));
  narrator.line(paint('bold', t(lang, 'demo.title', { primary: PRIMARY.name, secondary: SECONDARY.name })));
  narrator.line(t(lang, 'demo.starting'));
  try {
    const backends: { primary: Backend; secondary: Backend } = {
      primary: await startBackend(PRIMARY.name, PRIMARY.host),
      secondary: await startBackend(SECONDARY.name, SECONDARY.host),
    };
    started.add(() => Promise.all([backends.primary.stop(), backends.secondary.stop()]));
    const ports: MapPorts = {
      primary: backends.primary.address,
      secondary: backends.secondary.address,
      proxy: `${LOCAL}:${await freePort(LOCAL)}`,
      dns: `${LOCAL}:${await freePort(LOCAL, true)}`,
      api: `${LOCAL}:${await freePort(LOCAL)}`,
    };
    const { file, config } = writeMap(dir, lang, s, ports);
    const logFile = join(dir, 'daemon.log');
    const logStream = createWriteStream(logFile);
    started.add(() => new Promise((done) => logStream.end(done)));
    // The token goes to the data directory's file, whatever the environment says.
    const { [TOKEN_ENV]: _ignored, ...env } = io.env;
    const daemon = await Daemon.start({
      config,
      baseDir: dir,
      lang,
      log: createLogger('info', logStream),
      env,
    });
    started.add(() => daemon.stop());
    const tokenFile = join(dir, 'data', TOKEN_FILE);
    const base = daemon.url.replace(/\/$/, '');
    const dnsName = `${NAME}.${ZONE}`;
    const [dnsHost, dnsPort] = [LOCAL, Number(ports.dns.split(':')[1])];
    const rows: [string, string][] = [
      [t(lang, 'demo.label.map'), file],
      [t(lang, 'demo.label.dashboard'), `${base}/`],
      [t(lang, 'demo.label.statusPage'), `${base}/status`],
      [t(lang, 'demo.label.proxy'), `curl -s http://${ports.proxy}/`],
      [t(lang, 'demo.label.dns'), `dig @${dnsHost} -p ${dnsPort} ${dnsName} A +short`],
      [t(lang, 'demo.label.token'), tokenFile],
      [t(lang, 'demo.label.cli'), `npx bascule failover status --url ${base} --token-file ${tokenFile}`],
      [
        t(lang, 'demo.label.providers'),
        t(lang, 'demo.providers', {
          primary: PRIMARY.name,
          primaryAddress: ports.primary,
          secondary: SECONDARY.name,
          secondaryAddress: ports.secondary,
        }),
      ],
      [t(lang, 'demo.label.log'), logFile],
    ];
    const width = Math.max(...rows.map(([k]) => [...k].length));
    narrator.line();
    for (const [k, v] of rows) narrator.line(`  ${paint('bold', k.padEnd(width))}  ${v}`);
    narrator.line();
    if (signal.aborted) return 0;

    const load = new ClientLoad(`http://${ports.proxy}/`, s.rate);
    const endpoints = [PRIMARY.name, SECONDARY.name];
    const story = new Story({ narrator, endpoints, dnsName, counts: () => load.counts() });
    const api = new OperatorApi(base, readFileSync(tokenFile, 'utf8').trim());
    const watch = new Watch({
      api,
      group: GROUP,
      service: SERVICE,
      dns: { host: dnsHost, port: dnsPort, name: dnsName },
      onEvent: (e) => story.event(e),
    });
    await watch.start();
    started.add(() => watch.stop());

    narrator.line(t(lang, 'demo.waiting'));
    const ready = await watch.until(
      () =>
        watch.group?.active === PRIMARY.name &&
        watch.health(PRIMARY.name) === 'up' &&
        watch.health(SECONDARY.name) === 'up' &&
        watch.dnsAnswer() === PRIMARY.host,
      READY_MS,
      signal,
    );
    if (signal.aborted) return 0;
    if (!ready) throw fail('BASCULE_E_DEMO_NOT_READY', { seconds: READY_MS / 1000 });
    load.start();
    started.add(() => load.stop());
    narrator.line(
      paint(
        'green',
        t(lang, 'demo.ready', { endpoint: PRIMARY.name, name: dnsName, address: PRIMARY.host, rate: s.rate }),
      ),
    );
    const live = setInterval(() => {
      const c = load.counts();
      narrator.status(
        t(lang, 'demo.live', {
          requests: c.requests,
          byBackend: byBackend(endpoints, c),
          errors: c.errors,
          active: watch.group?.active ?? '?',
        }),
      );
    }, LIVE_MS);
    started.add(() => {
      clearInterval(live);
      narrator.end();
    });

    for (let round = 1; round <= s.rounds && !signal.aborted; round++) {
      narrator.line();
      narrator.line(paint('bold', t(lang, 'demo.round', { round, rounds: s.rounds })));
      story.round();
      const killIn = { endpoint: PRIMARY.name, duration: duration(lang, s.killAfterMs) };
      narrator.line(t(lang, 'demo.killIn', killIn));
      await untilKill(s.killAfterMs, signal, io.onEnter);
      if (signal.aborted) break;

      // The kill: the preferred provider is gone, mid-load.
      const t0 = Date.now();
      story.begin(t0);
      const pid = backends.primary.pid;
      await backends.primary.kill();
      story.at(t0, paint('red', t(lang, 'demo.killed', { endpoint: PRIMARY.name, pid })));
      const switchBudget = Math.max(30_000, s.intervalMs * FAIL_AFTER * 5);
      const left = await watch.until(
        () => watch.switched(PRIMARY.name, SECONDARY.name, t0) !== undefined,
        switchBudget,
        signal,
      );
      if (signal.aborted) break;
      if (!left)
        story.at(
          Date.now(),
          paint(
            'yellow',
            t(lang, 'demo.timeout.switch', {
              endpoint: PRIMARY.name,
              duration: duration(lang, switchBudget),
            }),
          ),
        );

      // The primary comes back; traffic returns once it has been healthy for failbackAfter.
      await pause(t0 + s.restartAfterMs - Date.now(), signal);
      if (signal.aborted) break;
      backends.primary = await startBackend(PRIMARY.name, PRIMARY.host, backends.primary.port);
      const back = Date.now();
      story.at(
        back,
        t(lang, 'demo.restarted', {
          endpoint: PRIMARY.name,
          pid: backends.primary.pid,
          duration: duration(lang, s.failbackAfterMs),
        }),
      );
      const failbackBudget = s.failbackAfterMs + Math.max(30_000, s.intervalMs * 10);
      const returned = await watch.until(
        () => watch.switched(SECONDARY.name, PRIMARY.name, back) !== undefined,
        failbackBudget,
        signal,
      );
      if (signal.aborted) break;
      if (!returned)
        story.at(
          Date.now(),
          paint(
            'yellow',
            t(lang, 'demo.timeout.failback', {
              endpoint: PRIMARY.name,
              duration: duration(lang, failbackBudget),
            }),
          ),
        );
      // A moment for the client to show the traffic back on the primary.
      await pause(SETTLE_MS, signal);
      story.finish(round);
    }
    if (!signal.aborted) {
      narrator.line();
      narrator.line(t(lang, 'demo.lastRound'));
      await io.stopped;
    }
    return 0;
  } finally {
    narrator.end();
    narrator.line();
    narrator.line(t(lang, 'demo.stopping'));
    await started.close();
    narrator.line(t(lang, 'demo.stopped', { dir }));
  }
}

/** Waits `ms`, or until Enter, or until the demo is stopped. */
async function untilKill(ms: number, signal: AbortSignal, onEnter: DemoIo['onEnter']): Promise<void> {
  const keys = new AbortController();
  const stopListening = onEnter?.(() => keys.abort());
  try {
    await pause(ms, AbortSignal.any([signal, keys.signal]));
  } finally {
    stopListening?.();
  }
}
