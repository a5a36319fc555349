/**
 * What the demo asks of the daemon it started, through the operator API as any client would (the
 * bearer token from the daemon's token file): the live status, the failover group with its switch
 * records, the latest incidents. Each request ends within 2 s.
 */

import type { Incident } from '../monitor/types.ts';
import type { FailoverSwitch } from '../server/deps.ts';
import type { StatusJson } from '../server/status-json.ts';

const TIMEOUT_MS = 2_000;

/** A switch record as GET /api/v1/failover/{group} gives it. */
export type SwitchRecord = FailoverSwitch & {
  readonly timings: { readonly detectionMs: number | null; readonly switchMs: number | null };
};

/** The part of GET /api/v1/failover/{group} the demo reads. */
export interface GroupJson {
  readonly active: string;
  readonly endpoints: readonly { readonly name: string; readonly health: string }[];
  readonly switches: readonly SwitchRecord[];
}

export class OperatorApi {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  private async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  status(): Promise<StatusJson> {
    return this.get('/api/v1/status');
  }

  group(group: string): Promise<GroupJson> {
    return this.get(`/api/v1/failover/${encodeURIComponent(group)}?limit=5`);
  }

  async incidents(service: string): Promise<readonly Incident[]> {
    const r = await this.get<{ incidents: Incident[] }>(
      `/api/v1/incidents?service=${encodeURIComponent(service)}&limit=5`,
    );
    return r.incidents;
  }
}
