/** The proxy's pure parts: which requests are replayed, the retry budget's bounds, the forwarded headers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardHeaders } from '../src/actuators/proxy/forwarded.ts';
import { isIdempotent, RetryBudget } from '../src/actuators/proxy/retry-policy.ts';
import { ManualClock } from '../src/platform/manual-clock.ts';

describe('proxy retry policy', () => {
  it('replays GET, HEAD, OPTIONS, PUT, DELETE and anything with an Idempotency-Key; not POST or PATCH', () => {
    for (const m of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']) assert.equal(isIdempotent(m, {}), true, m);
    for (const m of ['POST', 'PATCH', 'CONNECT']) assert.equal(isIdempotent(m, {}), false, m);
    assert.equal(isIdempotent('POST', { 'idempotency-key': 'abc' }), true);
  });

  it('allows at most 20 % extra load past its burst, plus its minimum per second', async () => {
    const clock = new ManualClock();
    const budget = new RetryBudget(clock, { ratio: 0.2, perSecond: 2, burst: 10 });
    let granted = 0;
    for (let i = 0; i < 1_000; i++) {
      budget.deposit();
      if (budget.withdraw()) granted++;
    }
    // The burst, then one retry per five requests (the first request's 0.2 found the bucket full).
    assert.equal(granted, 10 + 199);
    for (let i = 0; i < 100; i++) if (budget.withdraw()) granted++;
    assert.equal(granted, 209, 'no traffic, no time: nothing more');
    await clock.advance(3_000);
    let later = 0;
    for (let i = 0; i < 100; i++) if (budget.withdraw()) later++;
    assert.equal(later, 6, 'a dead primary at low traffic is still retried: 2 per second');
  });
});

describe('proxy forwarded headers', () => {
  it('quotes an IPv6 client and a host with a port, reads an IPv4-mapped address as IPv4', () => {
    const v6 = forwardHeaders({ host: 'api.example.com:8443' }, '2001:db8::1', 'https');
    assert.equal(v6.forwarded, 'for="[2001:db8::1]";host="api.example.com:8443";proto=https');
    assert.equal(v6['x-forwarded-for'], '2001:db8::1');
    const mapped = forwardHeaders({ host: 'api.example.com' }, '::ffff:192.0.2.9', 'http');
    assert.equal(mapped.forwarded, 'for=192.0.2.9;host=api.example.com;proto=http');
    assert.equal(mapped['x-forwarded-for'], '192.0.2.9');
  });

  it('drops hop-by-hop headers and those Connection lists, whatever their case', () => {
    const out = forwardHeaders(
      { connection: 'Keep-Alive, X-Trace', 'x-trace': '1', te: 'trailers', upgrade: 'h2c', 'x-other': '2' },
      '127.0.0.1',
      'http',
    );
    for (const h of ['connection', 'x-trace', 'te', 'upgrade', 'keep-alive'])
      assert.equal(out[h], undefined, h);
    assert.equal(out['x-other'], '2');
  });
});
