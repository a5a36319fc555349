/**
 * The in-process actuator: keeps the routing it was given, per group, and the newest fence it has
 * seen. The local reference implementation of the port (contract-tested like the real ones), and
 * a stand-in for tests of the decision stages.
 */
import type { Actuator, ApplyResult, Routing } from './actuator.ts';

export class MemoryActuator implements Actuator {
  readonly kind = 'memory';
  private readonly routes = new Map<string, Routing>();
  private fence = 0;
  /** Set to make the target unreachable (tests). */
  unreachable = false;

  async apply(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return { ok: false, reason: 'error', detail: 'aborted' };
    if (this.unreachable) return { ok: false, reason: 'unreachable', detail: 'target down' };
    if (fence < this.fence) {
      return { ok: false, reason: 'stale-fence', detail: `fence ${fence} < ${this.fence}` };
    }
    this.fence = fence;
    const before = this.routes.get(routing.group);
    const changed = before?.endpoint !== routing.endpoint || before.address !== routing.address;
    this.routes.set(routing.group, { ...routing });
    return { ok: true, changed };
  }

  async current(group: string): Promise<Routing | undefined> {
    if (this.unreachable) return undefined;
    const r = this.routes.get(group);
    return r ? { ...r } : undefined;
  }
}
