/**
 * The proxy as an Actuator: `apply` checks the fence against the one the proxy keeps, writes the
 * new routing and fence to its state file, then swaps the routing for new requests (those in
 * flight finish where they are). Applies are taken one at a time; a result always, never an
 * exception, and at once when the signal aborts (a state file on a hung disk cannot hold it).
 */
import { isHostPort } from '../../model/schema-primitives.ts';
import type { Actuator, ApplyResult, Routing } from '../actuator.ts';
import type { ProxyServer } from './server.ts';

const aborted: ApplyResult = { ok: false, reason: 'error', detail: 'aborted' };

export class ProxyActuator implements Actuator {
  readonly kind = 'proxy';
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly proxy: ProxyServer) {}

  apply(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return Promise.resolve(aborted);
    const run = this.queue.then(() => this.applyNow(routing, fence, signal));
    this.queue = run.catch(() => {});
    return race(run, signal);
  }

  private async applyNow(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return aborted;
    const p = this.proxy;
    if (!p.listening) return { ok: false, reason: 'unreachable', detail: 'the proxy is not listening' };
    if (routing.group !== p.o.group)
      return { ok: false, reason: 'rejected', detail: `this proxy serves group ${p.o.group}` };
    const bad = [routing.address, ...(routing.standby ?? []).map((s) => s.address)].find(
      (a) => !isHostPort(a),
    );
    if (bad !== undefined) return { ok: false, reason: 'rejected', detail: `not host:port: ${bad}` };
    const kept = p.state;
    if (kept && fence < kept.fence)
      return { ok: false, reason: 'stale-fence', detail: `fence ${fence} < ${kept.fence}` };
    const changed = kept === undefined || !same(kept.routing, routing);
    if (!changed && kept.fence === fence) return { ok: true, changed: false, fence };
    try {
      await p.commit(routing, fence);
    } catch (e) {
      return { ok: false, reason: 'error', detail: `state file: ${(e as { code?: string }).code ?? e}` };
    }
    return { ok: true, changed, fence };
  }

  async current(group: string): Promise<Routing | undefined> {
    const kept = this.proxy.state;
    if (!this.proxy.listening || kept === undefined || kept.routing.group !== group) return undefined;
    return kept.routing;
  }
}

function same(a: Routing, b: Routing): boolean {
  const sa = a.standby ?? [];
  const sb = b.standby ?? [];
  return (
    a.endpoint === b.endpoint &&
    a.address === b.address &&
    sa.length === sb.length &&
    sa.every((s, i) => s.endpoint === sb[i]!.endpoint && s.address === sb[i]!.address)
  );
}

/** `p`, or the abort's failure as soon as `signal` aborts. */
function race(p: Promise<ApplyResult>, signal?: AbortSignal): Promise<ApplyResult> {
  if (signal === undefined) return p;
  return new Promise((resolve) => {
    const onAbort = () => resolve(aborted);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      },
      (e) => resolve({ ok: false, reason: 'error', detail: String(e) }),
    );
  });
}
