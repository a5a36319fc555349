/**
 * Probes against hostile or unlucky targets (issue 9), on real servers on 127.0.0.1 started here:
 * a catastrophic regular expression, a redirect loop, an endless body; and the map's refusals of
 * what would otherwise reach them (a pattern RE2 cannot run, a port past 65535).
 */
import assert from 'node:assert/strict';
import { createServer as createHttp, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import { compileCheck } from '../src/monitor/compile.ts';
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
