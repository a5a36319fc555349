/**
 * Conformance judged by Zonemaster (Debian's zonemaster-cli, the checker registries use), offline:
 * an undelegated test (`--ns`) of example.com against the built-in server and against BIND serving
 * the same records, IPv6 off, the root hints pointing at a loopback address where nothing answers
 * (so the parent-side checks fail the same way for both). Zonemaster only speaks to port 53: the
 * built-in server takes 127.0.0.53:53, BIND 127.0.0.1:53. The built-in server may have no ERROR or
 * CRITICAL message that BIND does not have.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Rr } from '../src/dns/records.ts';
import { RECORDS, startExample, zoneText } from './helpers/dns.ts';
import { startBindPrimary } from './helpers/named.ts';

const run = promisify(execFile);

/** The records, with ns1 at `host` (the server Zonemaster is sent to is the zone's only NS). */
function recordsAt(host: string): Rr[] {
  return [
    ...RECORDS.filter((r) => r.name !== 'ns1.example.com'),
    { name: 'ns1.example.com', type: 'A', ttl: 300, data: host },
    { name: 'api.example.com', type: 'A', ttl: 5, data: '127.0.0.2' },
  ];
}

/** The ERROR and CRITICAL tags Zonemaster reports for example.com served at `ip`. */
async function zonemaster(ip: string, hints: string): Promise<Set<string>> {
  const { stdout } = await run(
    'zonemaster-cli',
    [
      'example.com',
      '--ns',
      `ns1.example.com/${ip}`,
      '--no-ipv6',
      '--hints',
      hints,
      '--level',
      'ERROR',
      '--raw',
      '--show-testcase',
    ],
    { timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const tags = new Set<string>();
  for (const l of stdout.split('\n')) {
    const m = /^\s*[\d.]+\s+(ERROR|CRITICAL)\s+(\S+)\s+(\S+)/.exec(l);
    if (m) tags.add(`${m[2]} ${m[3]}`);
  }
  return tags;
}

describe('Zonemaster, built-in server vs BIND', () => {
  it('the built-in server has no ERROR or CRITICAL that BIND serving the same zone does not', {
    timeout: 300_000,
  }, async () => {
    const hints = join(tmpdir(), `bascule-hints-${process.pid}`);
    await writeFile(hints, '. 3600000 NS a.root-servers.net.\na.root-servers.net. 3600000 A 127.0.0.54\n');
    const ours = await startExample({ listen: '127.0.0.53:53', records: recordsAt('127.0.0.53') });
    const bind = await startBindPrimary('127.0.0.1', 53, 'example.com', zoneText(recordsAt('127.0.0.1')));
    try {
      await ours.actuator.apply({ group: 'api', endpoint: 'aws', address: '127.0.0.2:9001' }, 1);
      const [a, b] = await Promise.all([zonemaster('127.0.0.53', hints), zonemaster('127.0.0.1', hints)]);
      const extra = [...a].filter((t) => !b.has(t));
      assert.deepEqual(extra, [], `ours: ${[...a].join(', ')}\nBIND: ${[...b].join(', ')}`);
      assert.ok(b.size > 0, 'Zonemaster ran (offline, the parent checks fail for both)');
    } finally {
      await bind.stop();
      await ours.close();
    }
  });
});
