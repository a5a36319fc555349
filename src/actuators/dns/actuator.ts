/**
 * The built-in DNS as an Actuator: `apply` checks the fence against the newest one kept for the
 * group, writes the new fence and routing to the state file, then points the group's name at the
 * endpoint's address (A, AAAA, or CNAME for a host name): the zone's serial moves and its
 * secondaries are sent a NOTIFY. One apply at a time; a result always, at once on an abort.
 */

import { hostOf } from '../../dns/records.ts';
import type { DnsServer } from '../../dns/server.ts';
import { type KeptDnsState, writeDnsState } from '../../dns/state-file.ts';
import { isEndpointAddress } from '../../model/failover-references.ts';
import type { Actuator, ApplyResult, Routing } from '../actuator.ts';

const aborted: ApplyResult = { ok: false, reason: 'error', detail: 'aborted' };

export class DnsActuator implements Actuator {
  readonly kind = 'dns';
  private queue: Promise<unknown> = Promise.resolve();
  private kept: KeptDnsState;

  constructor(
    readonly server: DnsServer,
    readonly stateFile: string,
    kept: KeptDnsState,
  ) {
    this.kept = kept;
    for (const [group, g] of Object.entries(kept.groups)) server.route(group, g.address);
  }

  apply(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return Promise.resolve(aborted);
    const run = this.queue.then(() => this.applyNow(routing, fence, signal));
    this.queue = run.catch(() => {});
    return race(run, signal);
  }

  async current(group: string): Promise<Routing | undefined> {
    const g = this.kept.groups[group];
    if (!this.server.listening || g === undefined) return undefined;
    return { group, endpoint: g.endpoint, address: g.address };
  }

  private async applyNow(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return aborted;
    const s = this.server;
    if (!s.listening) return { ok: false, reason: 'unreachable', detail: 'the DNS server is not listening' };
    if (s.book.ttlOf(routing.group) === undefined)
      return { ok: false, reason: 'rejected', detail: `no DNS name for group ${routing.group}` };
    if (!isEndpointAddress(routing.address))
      return { ok: false, reason: 'rejected', detail: `not host:port: ${routing.address}` };
    if (!Number.isSafeInteger(fence) || fence < 0)
      return { ok: false, reason: 'error', detail: `fence ${fence} is not a whole number` };
    const g = this.kept.groups[routing.group];
    if (g && fence < g.fence)
      return { ok: false, reason: 'stale-fence', detail: `fence ${fence} < ${g.fence}` };
    const changed = g === undefined || g.endpoint !== routing.endpoint || g.address !== routing.address;
    if (!changed && g.fence === fence) return { ok: true, changed: false, fence };
    const serials = Object.fromEntries(s.book.zones().map((z) => [z.name, z.serial]));
    const next: KeptDnsState = {
      serials: { ...this.kept.serials, ...serials },
      groups: {
        ...this.kept.groups,
        [routing.group]: { fence, endpoint: routing.endpoint, address: routing.address },
      },
    };
    try {
      await writeDnsState(this.stateFile, next);
    } catch (e) {
      return { ok: false, reason: 'error', detail: `state file: ${(e as { code?: string }).code ?? e}` };
    }
    this.kept = next;
    s.route(routing.group, routing.address);
    return { ok: true, changed, fence };
  }
}

/** The host a routing's name answers with (for logs and tests). */
export function answeredHost(routing: Routing): string {
  return hostOf(routing.address);
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
