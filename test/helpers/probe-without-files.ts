/**
 * A child process for tests: runs one probe of each type against the targets given on the command
 * line while every file descriptor its `ulimit -n` allows is held open, then again once they are
 * closed, and prints both rounds as one JSON line. Started by test/probes-hostile.test.ts as
 * `bash -c 'ulimit -n 256; exec node --import tsx test/helpers/probe-without-files.ts HTTP TCP TLS DNS'`.
 */
import { closeSync, openSync } from 'node:fs';
import { compileCheck } from '../../src/monitor/compile.ts';
import { runProbe } from '../../src/probes/registry.ts';
import { map } from './map.ts';

const [http, tcp, tls, dns] = process.argv.slice(2);
const config = map({
  components: { c: { provider: 'x' } },
  checks: {
    http: { component: 'c', http, timeout: '2s' },
    tcp: { component: 'c', tcp, timeout: '2s' },
    tls: { component: 'c', tls, timeout: '2s', verifyTls: false },
    dns: { component: 'c', dns: { name: 'example.test', resolver: dns }, timeout: '2s' },
    // By name: the system's resolver (getaddrinfo for http, c-ares for dns) needs descriptors too.
    'http-by-name': { component: 'c', http: http?.replace('127.0.0.1', 'localhost'), timeout: '2s' },
    'dns-system': { component: 'c', dns: { name: 'localhost' }, timeout: '2s' },
  },
});
const checks = Object.entries(config.checks).map(([id, spec]) => compileCheck(id, spec, config));

// Hold every descriptor left (bounded: the limit is small), the probes' modules already loaded.
const held: number[] = [];
for (let i = 0; i < 10_000; i++) {
  try {
    held.push(openSync('/dev/null', 'r'));
  } catch (e) {
    if ((e as { code?: string }).code !== 'EMFILE') throw e;
    break;
  }
}
const exhausted: Record<string, unknown> = {};
for (const check of checks) exhausted[check.id] = await runProbe(check);
// The same probes once the descriptors are given back: what the targets themselves answer.
for (const fd of held) closeSync(fd);
// Not the system resolver's check: with descriptors, c-ares would query the machine's name server,
// and tests send traffic to loopback only.
const after: Record<string, unknown> = {};
for (const check of checks) if (check.id !== 'dns-system') after[check.id] = await runProbe(check);
process.stdout.write(`${JSON.stringify({ held: held.length, exhausted, after })}\n`);
