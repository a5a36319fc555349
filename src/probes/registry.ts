/**
 * The probe plugins, one per type of model/probes/registry.ts (the compiler asks for a runner for
 * each), and runProbe, which dispatches through them. Whatever happens inside (a bug, a stuck
 * socket, a target type this build does not know), the answer is a result, never an exception,
 * and never later than the timeout plus a small grace.
 */
import type { ProbeType, TargetOf } from '../model/probes/registry.ts';
import type { CompiledCheck, Target } from '../monitor/compile.ts';
import type { ProbeResult } from '../monitor/types.ts';
import { dnsProbe } from './dns.ts';
import { httpProbe } from './http.ts';
import { descriptorShortage } from './own-shortage.ts';
import type { ProbePlugin } from './probe.ts';
import { tcpProbe } from './tcp.ts';
import { tlsProbe } from './tls.ts';

export const PROBES: { readonly [P in ProbeType]: ProbePlugin<P> } = Object.freeze({
  http: httpProbe,
  tcp: tcpProbe,
  tls: tlsProbe,
  dns: dnsProbe,
});

export const GRACE_MS = 50;

function dispatch<P extends ProbeType>(
  target: Target & { readonly type: P },
  check: CompiledCheck,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  // Checks come as JSON from the daemon to agents: a newer daemon may send a type unknown here.
  const plugin: ProbePlugin<P> | undefined = Object.hasOwn(PROBES, target.type)
    ? PROBES[target.type]
    : undefined;
  if (!plugin) throw new Error(`unknown probe type "${String(target.type)}"`);
  // PROBES[P] runs TargetOf<P>, and target.type is P; TypeScript does not correlate the two.
  return plugin.run(target as TargetOf<P>, check, signal);
}

/**
 * A failure seen while this process cannot open a descriptor is Bascule's, whatever the error said
 * (own-shortage.ts); a success, or a failure already `local`, stays as it is.
 */
function blameOwnShortage(r: ProbeResult): ProbeResult {
  if (r.ok || r.reason === 'local') return r;
  const shortage = descriptorShortage();
  return shortage ? { ok: false, reason: 'local', detail: shortage, latencyMs: r.latencyMs } : r;
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
      .then(() => dispatch(check.target, check, signal))
      .then(
        (r) => resolve(blameOwnShortage(r)),
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
