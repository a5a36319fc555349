/**
 * Runs a check's probe. Whatever happens inside (a bug, a stuck socket), the answer is a result,
 * never an exception, and never later than the timeout plus a small grace.
 */
import type { CompiledCheck } from '../monitor/compile.ts';
import type { ProbeResult } from '../monitor/types.ts';
import { dnsProbe } from './dns.ts';
import { httpProbe } from './http.ts';
import { tcpProbe } from './tcp.ts';
import { tlsProbe } from './tls.ts';

const GRACE_MS = 50;

function dispatch(check: CompiledCheck, signal?: AbortSignal): Promise<ProbeResult> {
  const t = check.target;
  switch (t.type) {
    case 'http':
      return httpProbe.run(t, check, signal);
    case 'tcp':
      return tcpProbe.run(t, check, signal);
    case 'tls':
      return tlsProbe.run(t, check, signal);
    case 'dns':
      return dnsProbe.run(t, check, signal);
  }
}

export function runProbe(check: CompiledCheck, signal?: AbortSignal): Promise<ProbeResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const guard = setTimeout(
      () =>
        resolve({ ok: false, reason: 'timeout', detail: 'no answer in time', latencyMs: check.timeoutMs }),
      check.timeoutMs + GRACE_MS,
    );
    Promise.resolve()
      .then(() => dispatch(check, signal))
      .then(
        (r) => resolve(r),
        (e: unknown) =>
          resolve({
            ok: false,
            reason: 'error',
            detail: e instanceof Error ? e.message.slice(0, 200) : String(e),
            latencyMs: Math.round((performance.now() - t0) * 10) / 10,
          }),
      )
      .finally(() => clearTimeout(guard));
  });
}
