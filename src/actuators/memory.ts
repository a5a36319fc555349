/**
 * The in-process actuator: the local reference implementation of the port (contract-tested like the
 * real ones), and a stand-in for tests of the decision stages.
 */
import type { Actuator, ApplyResult, Routing } from './actuator.ts';

/**
 * What the in-process target keeps: the routing per group and the newest fence applied. It is the
 * part that survives a restart (as a zone keeps its fence TXT record): a new MemoryActuator on the
 * same MemoryTarget is the restarted actuator.
 */
export class MemoryTarget {
  readonly routes = new Map<string, Routing>();
  fence = 0;
}

const aborted = (): ApplyResult => ({ ok: false, reason: 'error', detail: 'aborted' });

export class MemoryActuator implements Actuator {
  readonly kind = 'memory';
  /** Set to make the target unreachable (tests). */
  unreachable = false;
  /** Set to make the target accept requests and never answer (tests): only an abort ends `apply`. */
  hung = false;

  constructor(readonly target: MemoryTarget = new MemoryTarget()) {}

  async apply(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return aborted();
    if (this.unreachable) return { ok: false, reason: 'unreachable', detail: 'target down' };
    if (this.hung) return hang(signal);
    const t = this.target;
    if (fence < t.fence) {
      return { ok: false, reason: 'stale-fence', detail: `fence ${fence} < ${t.fence}` };
    }
    t.fence = fence;
    const before = t.routes.get(routing.group);
    const changed = before?.endpoint !== routing.endpoint || before.address !== routing.address;
    t.routes.set(routing.group, { ...routing });
    return { ok: true, changed, fence: t.fence };
  }

  async current(group: string): Promise<Routing | undefined> {
    if (this.unreachable || this.hung) return undefined;
    const r = this.target.routes.get(group);
    return r ? { ...r } : undefined;
  }
}

/** A request to a target that never answers: settles only when `signal` aborts. */
function hang(signal?: AbortSignal): Promise<ApplyResult> {
  return new Promise((resolve) => {
    signal?.addEventListener('abort', () => resolve(aborted()), { once: true });
  });
}
