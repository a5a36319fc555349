/**
 * Probes against hostile or unlucky targets (issue 9), on real servers on 127.0.0.1 started here:
 * a catastrophic regular expression, a redirect loop, an endless body; and the map's refusals of
 * what would otherwise reach them (a pattern RE2 cannot run, a port past 65535).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer as createHttp, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import { compileCheck } from '../src/monitor/compile.ts';
import type { ProbeResult } from '../src/monitor/types.ts';
import { INITIAL, observe } from '../src/monitor/vantage-state.ts';
import { classify } from '../src/probes/classify.ts';
import { runProbe } from '../src/probes/registry.ts';
import { map } from './helpers/map.ts';

const servers: Server[] = [];
const sockets = new Set<Socket>();
after(async () => {
  for (const s of sockets) s.destroy();
  for (const s of servers) await new Promise((r) => s.close(r));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Probes one check given as it would be written in bascule.yaml. */
function probe(spec: Record<string, unknown>) {
  const config = map({
    components: { c: { provider: 'x' } },
    checks: { k: { component: 'c', timeout: '1s', interval: '5s', ...spec } },
  });
  return runProbe(compileCheck('k', config.checks.k!, config));
}

/** The diagnostics of a map with one check. */
function diagnostics(check: Record<string, unknown>) {
  const r = loadConfig(
    stringify({
      version: 1,
      name: 'T',
      components: { c: { provider: 'x' } },
      checks: { k: { component: 'c', ...check } },
    }),
    'bascule.yaml',
  );
  return r.ok ? [] : r.diagnostics;
}

/**
 * The longest the event loop went without turning while `work` ran, in ms, measured by a 5 ms
 * interval timer (the most it is late by).
 */
async function loopBlocked<T>(work: () => Promise<T>): Promise<{ result: T; blockedMs: number }> {
  let last = performance.now();
  let blockedMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    blockedMs = Math.max(blockedMs, now - last - 5);
    last = now;
  }, 5);
  try {
    const result = await work();
    return { result, blockedMs };
  } finally {
    clearInterval(timer);
  }
}

describe('a catastrophic bodyRegex', () => {
  let base = '';
  before(async () => {
    base = await listen(
      createHttp((req, res) => {
        const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n'));
        res.end(`${'a'.repeat(n)}!`);
      }),
    );
  });

  it('is matched in linear time: no freeze, the loop keeps turning', async () => {
    // With a backtracking engine, 28 "a" take over a second and the time doubles per "a".
    for (const n of [28, 40, 1_000_000]) {
      const t0 = performance.now();
      const { result, blockedMs } = await loopBlocked(() =>
        probe({ http: `${base}/?n=${n}`, expect: { bodyRegex: '^(a+)+$' } }),
      );
      const took = performance.now() - t0;
      assert.deepEqual([result.reason, result.detail], ['body', 'body does not match /^(a+)+$/'], `n=${n}`);
      assert.ok(took < 1000, `n=${n}: took ${took} ms, past the 1 s timeout`);
      assert.ok(blockedMs < 150, `n=${n}: the event loop was blocked ${Math.round(blockedMs)} ms`);
    }
    const matched = await probe({ http: `${base}/?n=30`, expect: { bodyRegex: '(?i)^(A+)+!$' } });
    assert.equal(matched.ok, true, JSON.stringify(matched));
  });

  it('is refused at load when RE2 cannot run it, located, naming what is wrong', () => {
    const cases = [
      ['(a)\\1', 'escape', /backreferences such as \\1/],
      ['foo(?=bar)', 'unsupported', /lookahead/],
      ['(?<!a)b', 'group-name', /lookbehind/],
      ['[a-', 'bracket', /character class/],
    ] as const;
    for (const [pattern, problem, text] of cases) {
      const d = diagnostics({ http: 'http://127.0.0.1/', expect: { bodyRegex: pattern } });
      assert.equal(d.length, 1, `${pattern}: ${JSON.stringify(d)}`);
      assert.equal(d[0]!.code, 'BASCULE_E_CONFIG_REGEX');
      assert.equal(d[0]!.path, 'checks.k.expect.bodyRegex');
      assert.equal(d[0]!.params.problem, problem, pattern);
      const en = formatDiagnostic('en', d[0]!);
      assert.match(en, /^bascule\.yaml:\d+:\d+: checks\.k\.expect\.bodyRegex: .*RE2/);
      assert.match(en, text);
      assert.match(formatDiagnostic('fr', d[0]!), /RE2/);
    }
    // JavaScript's own syntax where RE2 has it: named groups, classes, anchors, inline flags.
    assert.deepEqual(
      diagnostics({ http: 'http://127.0.0.1/', expect: { bodyRegex: '(?i)^(?<v>\\d+\\.\\w+)\\s*$' } }),
      [],
    );
  });
});

describe('redirects', () => {
  let base = '';
  let loopHits = 0;
  before(async () => {
    base = await listen(
      createHttp((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        switch (url.pathname) {
          case '/loop':
            loopHits++;
            res.writeHead(302, { location: `/loop?n=${loopHits}` }).end();
            return;
          case '/hop': {
            const left = Number(url.searchParams.get('left'));
            if (left > 0) res.writeHead(301, { location: `/hop?left=${left - 1}` }).end();
            else res.end('arrived');
            return;
          }
          case '/to':
            res.writeHead(307, { location: url.searchParams.get('where') ?? '' }).end();
            return;
          default:
            res.writeHead(404).end();
        }
      }),
    );
  });

  it('fails a redirect loop once the redirects allowed are used up, with its own reason', async () => {
    loopHits = 0;
    const r = await probe({ http: `${base}/loop`, redirects: 10 });
    assert.deepEqual([r.ok, r.reason, r.detail], [false, 'too-many-redirects', '302 after 10 redirects']);
    assert.equal(loopHits, 11, 'the first request and 10 redirects followed, no more');
    const one = await probe({ http: `${base}/loop`, redirects: 1 });
    assert.deepEqual([one.reason, one.detail], ['too-many-redirects', '302 after 1 redirect']);
    // Exactly as many as allowed is fine; with none allowed a redirect is still judged as a status.
    assert.equal(
      (await probe({ http: `${base}/hop?left=3`, redirects: 3, expect: { bodyContains: 'arrived' } })).ok,
      true,
    );
    assert.equal((await probe({ http: `${base}/loop` })).ok, true, 'redirects: 0, 302 is in 200-399');
  });

  it('fails a redirect to anything but http(s), without following it', async () => {
    for (const [where, detail] of [
      ['file:///etc/passwd', 'to file: (not http or https)'],
      ['ftp://user:secret@127.0.0.1/', 'to ftp: (not http or https)'],
      ['http://[::1', 'Location is not a URL'],
    ]) {
      const r = await probe({ http: `${base}/to?where=${encodeURIComponent(where!)}`, redirects: 3 });
      assert.deepEqual([r.ok, r.reason, r.detail], [false, 'bad-redirect', detail], where);
    }
  });
});

describe('Bascule out of its own resources', () => {
  const check = { failAfter: 2, recoverAfter: 2 };
  const local: ProbeResult = { ok: false, reason: 'local', detail: 'EMFILE', latencyMs: 1 };

  it('is not an observation of the target: no count, no state, no lastAt', () => {
    const up = observe(
      observe(INITIAL, { ok: true, latencyMs: 1 }, 1000, check),
      { ok: true, latencyMs: 1 },
      2000,
      check,
    );
    assert.equal(up.state, 'UP');
    let s = up;
    for (let at = 3000; at < 10_000; at += 1000) s = observe(s, local, at, check);
    assert.equal(s, up, 'unchanged: the vantage point goes stale if it can only fail locally');
    const failing = observe(up, { ok: false, reason: 'refused', latencyMs: 1 }, 3000, check);
    assert.equal(
      observe(failing, local, 4000, check),
      failing,
      'a run of failures is not broken by it either',
    );
    assert.equal(
      observe(
        observe(failing, local, 4000, check),
        { ok: false, reason: 'refused', latencyMs: 1 },
        5000,
        check,
      ).state,
      'DOWN',
    );
  });

  it('is told by its error codes', () => {
    for (const code of ['EMFILE', 'ENFILE', 'ENOMEM', 'ENOBUFS', 'EADDRNOTAVAIL', 'EAI_MEMORY']) {
      const e = Object.assign(new Error(`connect ${code}`), { code });
      assert.deepEqual(classify(e), { reason: 'local', detail: code });
      assert.deepEqual(classify(new Error('fetch failed', { cause: e })), { reason: 'local', detail: code });
    }
  });

  it('is classified local for every probe type, not as the target failing (a real ulimit -n)', async () => {
    const base = await listen(createHttp((_req, res) => res.end('ok')));
    const hostPort = base.replace('http://', '');
    // Asynchronously: the backend is served by this process.
    const child = await promisify(execFile)(
      'bash',
      [
        '-c',
        'ulimit -n 256 && exec "$0" --import tsx test/helpers/probe-without-files.ts "$@"',
        process.execPath,
        `${base}/`,
        hostPort,
        hostPort,
        hostPort,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    const out = JSON.parse(child.stdout) as {
      held: number;
      exhausted: Record<string, ProbeResult>;
      after: Record<string, ProbeResult>;
    };
    assert.ok(out.held > 0, 'the child held descriptors');
    for (const [id, r] of Object.entries(out.exhausted)) {
      assert.deepEqual([id, r.ok, r.reason], [id, false, 'local'], JSON.stringify(r));
      assert.match(r.detail ?? '', /^E[MN]FILE$/);
    }
    // The targets themselves: the http server is up; nothing there is Bascule's fault.
    assert.equal(out.after.http?.ok, true, JSON.stringify(out.after.http));
    assert.equal(out.after.tcp?.ok, true, JSON.stringify(out.after.tcp));
    for (const r of Object.values(out.after)) assert.notEqual(r.reason, 'local', JSON.stringify(r));
  });
});

describe('host:port targets', () => {
  it('refuses a port past 65535 wherever a probe takes host:port, located', () => {
    for (const [check, path] of [
      [{ tcp: '127.0.0.1:99999' }, 'checks.k.tcp'],
      [{ tls: 'shop.example.com:65536' }, 'checks.k.tls'],
      [{ dns: { name: 'shop.example.com', resolver: '[::1]:70000' } }, 'checks.k.dns.resolver'],
      [{ http: 'http://127.0.0.1:99999/' }, 'checks.k.http'],
    ] as const) {
      const d = diagnostics(check);
      assert.equal(d.length, 1, JSON.stringify(d));
      assert.equal(d[0]!.path, path);
      assert.ok(d[0]!.line !== undefined, 'located');
    }
    assert.deepEqual(diagnostics({ tcp: '127.0.0.1:65535' }), []);
  });
});

describe('an endless body', () => {
  it('is cut as too large when an expectation reads the body, judged by its status when none does', async () => {
    const base = await listen(
      createHttp((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const pump = () => {
          while (res.write(chunk)) {
            /* fill the buffer */
          }
        };
        res.on('drain', pump);
        pump();
      }),
    );
    const read = await probe({ http: base, expect: { bodyContains: 'never' } });
    assert.deepEqual([read.ok, read.reason], [false, 'too-large']);
    // No body expectation: the status and headers are the answer (a stream is healthy), read at once.
    const t0 = performance.now();
    const unread = await probe({ http: base });
    assert.equal(unread.ok, true, JSON.stringify(unread));
    assert.ok(performance.now() - t0 < 500, 'not read to the timeout');
  });
});
