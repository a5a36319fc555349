/**
 * `bascule demo` as a user runs it: the built executable, short timings, its output read as it
 * comes. It starts two backends, the daemon, its proxy and DNS; kills the primary (on the timer, or
 * at Enter), tells the switch with its timings and the client's counts (no client error), the
 * incident and the failback; Ctrl-C (SIGINT) or SIGTERM ends it with exit 0, no process of its
 * own left, its ports free and its temporary directory gone. In English and in French.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkErrors, ensureBuilt } from './helpers/bin.ts';
import { BIN } from './helpers/daemon-process.ts';

const FAST = ['--kill-after', '2', '--restart-after', '3s', '--failback-after', '2s', '--rounds', '1'];
// biome-ignore lint/suspicious/noControlCharactersInRegex: an escape sequence is what must not be there.
const ESCAPE = /\u001b/;

before(() => ensureBuilt());

const running: ChildProcess[] = [];
after(async () => {
  // A test that failed midway: stopped as Ctrl-C would, so that it cleans up; killed past 15 s.
  for (const c of running) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const exited = once(c, 'exit');
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
});

interface Demo {
  readonly child: ChildProcess;
  out(): string;
  /** Resolves with the output once `pattern` is in it; fails with the output past `ms` or at exit. */
  until(pattern: RegExp, ms: number): Promise<RegExpMatchArray>;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

function demo(args: readonly string[], env: NodeJS.ProcessEnv = {}): Demo {
  const child = spawn(process.execPath, [BIN, 'demo', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, LANG: 'C', NO_COLOR: '', FORCE_COLOR: '', ...env },
  });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c;
  });
  child.stderr!.on('data', (c: Buffer) => {
    out += c;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    out: () => out,
    exited,
    async until(pattern, ms) {
      const deadline = Date.now() + ms;
      for (let i = 0; i < 10_000; i++) {
        const m = out.match(pattern);
        if (m) return m;
        if (Date.now() > deadline || child.exitCode !== null)
          assert.fail(`${pattern} not in the demo's output:\n${out}`);
        await sleep(50);
      }
      assert.fail(`${pattern}: gave up`);
    },
  };
}

/** The processes whose parent is `pid` (read from /proc). */
function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) kids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return kids;
}

/** Whether a process is gone (or a zombie its new parent has not reaped yet: dead all the same). */
function gone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

function free(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** What the demo prints before it starts a round: its files and addresses. */
function addresses(out: string) {
  const map = /^ {2}(?:the map \(read it\)|la carte \(à lire\)) +(\/\S+\/bascule\.yaml)$/m.exec(out)?.[1];
  const api = /^ {2}(?:dashboard|tableau de bord) +http:\/\/127\.0\.0\.1:(\d+)\/$/m.exec(out)?.[1];
  const proxy = /curl -s http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)?.[1];
  const backends = [...out.matchAll(/(127\.0\.0\.[23]):(\d+)/g)].map((m) => [m[1]!, Number(m[2])] as const);
  assert.ok(map && api && proxy && backends.length >= 2, out);
  return { dir: dirname(map), api: Number(api), proxy: Number(proxy), backends };
}

/** After the stop: exit 0, its processes gone, its ports free, its directory removed. */
async function endsClean(d: Demo, kids: readonly number[], at: ReturnType<typeof addresses>): Promise<void> {
  const timeout = sleep(20_000, undefined, { ref: false }).then(() => 'still running' as const);
  const ended = await Promise.race([d.exited, timeout]);
  assert.notEqual(ended, 'still running', `the demo did not exit within 20 s of the stop:\n${d.out()}`);
  const [code, signal] = ended as [number | null, NodeJS.Signals | null];
  assert.equal(signal, null, d.out());
  assert.equal(code, 0, d.out());
  for (const pid of kids) assert.ok(gone(pid), `process ${pid} of the demo is still running:\n${d.out()}`);
  assert.equal(existsSync(at.dir), false, `${at.dir} is still there`);
  for (const [host, port] of [['127.0.0.1', at.api], ['127.0.0.1', at.proxy], ...at.backends] as const)
    assert.ok(await free(host, port), `${host}:${port} is still taken`);
}

describe('bascule demo', { timeout: 180_000 }, () => {
  it('kills the primary on its timer, tells the switch with no client error, the incident and the failback; SIGINT ends it clean', async () => {
    const d = demo([...FAST, '--lang', 'en']);
    await d.until(/^Ready: the traffic goes to aws and api\.shop\.example answers 127\.0\.0\.2\./m, 30_000);
    const at = addresses(d.out());
    // The API it prints is the daemon's, and the proxy serves the preferred provider.
    const health = await fetch(`http://127.0.0.1:${at.api}/healthz`);
    assert.equal(health.status, 200);
    const served = await fetch(`http://127.0.0.1:${at.proxy}/`);
    assert.equal(served.headers.get('x-backend'), 'aws');
    assert.match(readFileSync(`${at.dir}/bascule.yaml`, 'utf8'), /^failover:\n {2}api:\n/m);
    // Its public status page shows the shop's api under its public name.
    const page = (await (await fetch(`http://127.0.0.1:${at.api}/status/status.json`)).json()) as {
      services: { id: string; name: string }[];
    };
    assert.deepEqual(
      page.services.map((x: { id: string; name: string }) => [x.id, x.name]),
      [['api', 'Online shop API']],
    );

    // The kill, on the 2 s timer; the switch within two probes' time, confirmed by each actuator.
    const killed = await d.until(/^ +\+0\.00 s {2}aws killed \(SIGKILL to pid (\d+)\)/m, 15_000);
    const sw = await d.until(
      /^ +\+(\d+\.\d\d) s {2}switch aws → gcp \((failing under traffic|down)\)$/m,
      10_000,
    );
    assert.ok(Number(sw[1]) <= 3, `switched ${sw[1]} s after the kill`);
    await d.until(/· proxy: routing confirmed$/m, 5_000);
    await d.until(/· dns: routing confirmed$/m, 5_000);
    await d.until(/· first response from gcp through the proxy$/m, 5_000);
    await d.until(/^ +detected in \d+ ms, switched in \d+ ms$/m, 5_000);
    await d.until(
      /^ +since the kill: \d+ requests? through the proxy \(aws \d+, gcp \d+\), 0 client errors$/m,
      5_000,
    );
    await d.until(/api\.shop\.example now answers 127\.0\.0\.3/, 5_000);
    await d.until(/^ +\+\d+\.\d\d s {2}incident opened: api (DEGRADED|DOWN) \(api@/m, 10_000);

    // The primary back, the failback after failbackAfter, and the round's counts.
    await d.until(/aws started again \(pid \d+\)/, 10_000);
    await d.until(/^ +\+\d+\.\d\d s {2}switch gcp → aws \(failback\)$/m, 15_000);
    const round = await d.until(
      /^Round 1: (\d+) requests through the proxy \(aws (\d+), gcp (\d+)\), (\d+) client errors?$/m,
      10_000,
    );
    assert.equal(round[4], '0', d.out());
    assert.ok(Number(round[2]) > 0 && Number(round[3]) > 0, round[0]);
    assert.equal(Number(round[2]) + Number(round[3]), Number(round[1]));
    await d.until(/^That was the last round\./m, 5_000);
    assert.doesNotMatch(d.out(), ESCAPE, 'no terminal escape without a terminal');

    // Its own processes: the two backends (the restarted aws and gcp), not the one killed.
    const kids = childrenOf(d.child.pid!);
    assert.equal(kids.length, 2, `children ${kids}:\n${d.out()}`);
    assert.ok(!kids.includes(Number(killed[1])));
    d.child.kill('SIGINT');
    await endsClean(d, kids, at);
    assert.match(d.out(), new RegExp(`^Stopped: nothing left running, ${at.dir} removed\\.$`, 'm'));
  });

  it('in French, kills at Enter and tells it all in French; --no-color wins over FORCE_COLOR; SIGTERM ends it clean', async () => {
    const d = demo(['--kill-after', '10m', ...FAST.slice(2), '--lang', 'fr', '--no-color'], {
      FORCE_COLOR: '1',
    });
    await d.until(/^Prêt : le trafic va vers aws et api\.shop\.example renvoie 127\.0\.0\.2\./m, 30_000);
    await d.until(
      /^aws sera tué dans 10 min : Entrée pour le tuer tout de suite, Ctrl-C pour arrêter la démo\.$/m,
      5_000,
    );
    const at = addresses(d.out());
    d.child.stdin!.write('\n');
    await d.until(/^ +\+0,00 s {2}aws tué \(SIGKILL au pid \d+\) : son fournisseur a disparu$/m, 5_000);
    await d.until(/^ +\+\d+,\d\d s {2}bascule aws → gcp \((échecs sous trafic|panne)\)$/m, 10_000);
    await d.until(/· proxy : aiguillage confirmé$/m, 5_000);
    await d.until(/^ +détectée en \d+ ms, basculée en \d+ ms$/m, 5_000);
    await d.until(
      /^ +depuis la panne : \d+ requêtes? à travers le proxy \(aws \d+, gcp \d+\), 0 erreur côté client$/m,
      5_000,
    );
    await d.until(/incident ouvert : api (DÉGRADÉ|EN PANNE) \(api@/, 10_000);
    await d.until(/aws relancé \(pid \d+\) ; le trafic y revient après 2 s de bonne santé/, 10_000);
    await d.until(/^ +\+\d+,\d\d s {2}bascule gcp → aws \(retour\)$/m, 15_000);
    await d.until(
      /^Tour 1 : \d+ requêtes à travers le proxy \(aws \d+, gcp \d+\), 0 erreur côté client$/m,
      10_000,
    );
    await d.until(/^C’était le dernier tour\./m, 5_000);
    const out = d.out();
    assert.doesNotMatch(out, ESCAPE, '--no-color');
    assert.doesNotMatch(
      out,
      /\b(switch|requests|client errors?|killed|Round|Ready|detected|since the kill)\b/,
    );
    const kids = childrenOf(d.child.pid!);
    assert.equal(kids.length, 2, `children ${kids}:\n${out}`);
    d.child.kill('SIGTERM');
    await endsClean(d, kids, at);
    assert.match(d.out(), new RegExp(`^Arrêté : plus rien ne tourne, ${at.dir} supprimé\\.$`, 'm'));
  });
});

describe('bascule demo, killed with SIGKILL', { timeout: 60_000 }, () => {
  it('leaves no backend running: each exits when the demo is gone', async () => {
    const d = demo(['--kill-after', '10m', '--lang', 'en']);
    await d.until(/^Ready: /m, 30_000);
    const at = addresses(d.out());
    const kids = childrenOf(d.child.pid!);
    assert.equal(kids.length, 2, `children ${kids}:\n${d.out()}`);
    d.child.kill('SIGKILL');
    await d.exited;
    // Nothing could clean up: the directory stays (removed here), the backends go by themselves.
    rmSync(at.dir, { recursive: true, force: true });
    const deadline = Date.now() + 5_000;
    while (!kids.every(gone) && Date.now() < deadline) await sleep(50);
    for (const pid of kids) assert.ok(gone(pid), `backend ${pid} outlived the demo`);
  });
});

describe('bascule demo: bad flags, before anything starts', () => {
  checkErrors([
    {
      name: 'a --kill-after that is no duration',
      args: () => ['demo', '--kill-after', 'soon'],
      code: 'BASCULE_E_USAGE_FLAG_FORMAT',
      exit: 2,
      params: { flag: '--kill-after', value: 'soon', format: 'duration' },
    },
    {
      name: 'a probe --interval under a second',
      args: () => ['demo', '--interval', '500ms'],
      code: 'BASCULE_E_USAGE_FLAG_RANGE',
      exit: 2,
      params: { flag: '--interval', min: '1s', max: '1m' },
    },
    {
      name: 'a --rate of 0',
      args: () => ['demo', '--rate', '0'],
      code: 'BASCULE_E_USAGE_FLAG_RANGE',
      exit: 2,
      params: { flag: '--rate', value: '0', min: 1, max: 200 },
    },
    {
      name: 'a --rounds that is not a whole number',
      args: () => ['demo', '--rounds', '2.5'],
      code: 'BASCULE_E_USAGE_FLAG_RANGE',
      exit: 2,
    },
  ]);
});
