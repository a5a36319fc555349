/**
 * TLS termination from certificate files: served over HTTPS with X-Forwarded-Proto https, a
 * renewed pair written over the files is served to new connections without a restart, and a pair
 * that does not load is logged and the previous one kept.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TLSSocket } from 'node:tls';
import { type Backend, startBackend } from './helpers/backends.ts';
import { testCerts } from './helpers/certs.ts';
import { routing, startProxy, type TestProxy } from './helpers/proxy.ts';

function get(url: string, ca: string): Promise<{ serial: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/echo`, { ca, agent: false, signal: AbortSignal.timeout(5_000) }, (res) => {
      const serial = (res.socket as TLSSocket).getPeerCertificate().serialNumber;
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ serial, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The serial number a new connection sees, once it is not `old` (at most 5 s). */
async function servedAfter(url: string, ca: string, old: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const { serial } = await get(url, ca);
    if (serial !== old) return serial;
    await sleep(100);
  }
  return old;
}

describe('proxy tls termination', () => {
  let aws: Backend;
  let t: TestProxy;
  before(async () => {
    aws = await startBackend('aws', '127.0.0.2');
  });
  after(async () => {
    await t?.proxy.close();
    await aws?.kill();
  });

  it('terminates TLS, reloads renewed files without a restart, keeps the pair when the new one is broken', async () => {
    const certs = testCerts();
    const dir = mkdtempSync(join(tmpdir(), 'bascule-tls-'));
    const tls = { cert: join(dir, 'proxy.pem'), key: join(dir, 'proxy.key') };
    writeFileSync(tls.cert, certs.valid.cert);
    writeFileSync(tls.key, certs.valid.key);
    t = await startProxy(routing({ name: 'aws', address: aws.address }), { tls });
    assert.match(t.url, /^https:/);
    const first = await get(t.url, certs.ca);
    const seen = JSON.parse(first.body) as { headers: Record<string, string> };
    assert.equal(seen.headers['x-forwarded-proto'], 'https');
    assert.match(seen.headers.forwarded ?? '', /proto=https/);

    writeFileSync(tls.cert, certs.expiring.cert);
    writeFileSync(tls.key, certs.expiring.key);
    const renewed = await servedAfter(t.url, certs.ca, first.serial);
    assert.notEqual(renewed, first.serial, 'the renewed certificate is served');
    assert.ok(t.logs().some((l) => l.msg === 'proxy tls certificate reloaded'));

    writeFileSync(tls.cert, certs.valid.cert); // with the expiring key: a pair that does not match
    await sleep(600);
    assert.equal((await get(t.url, certs.ca)).serial, renewed, 'the previous pair is kept');
    assert.ok(t.logs().some((l) => l.msg === 'proxy tls certificate not reloaded; the previous one is kept'));
  });
});
