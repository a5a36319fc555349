/** The live state as `bascule status` and GET /api/v1/status give it (the documented JSON contract). */
import type { Monitor } from '../monitor/monitor.ts';
import type { Incident, State } from '../monitor/types.ts';

export interface StatusJson {
  readonly name: string;
  readonly at: string;
  readonly checks: readonly {
    id: string;
    state: State;
    reason: string | null;
    detail: string | null;
    target: { component?: string; service?: string };
    vantages: readonly {
      id: string;
      state: string;
      lastAt: string | null;
      reason: string | null;
      latencyMs: number | null;
    }[];
  }[];
  readonly components: readonly { id: string; state: State }[];
  readonly services: readonly { id: string; state: State; cause: string | null }[];
  readonly incidents: readonly Incident[];
}

const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : null);

export function statusJson(
  name: string,
  monitor: Monitor,
  targets: ReadonlyMap<string, { component?: string; service?: string }>,
  incidents: readonly Incident[],
  now: number,
): StatusJson {
  const health = monitor.current();
  return {
    name,
    at: new Date(now).toISOString(),
    checks: monitor.checkIds().map((id) => {
      const v = monitor.checkView(id);
      return {
        id,
        state: v?.state ?? 'UNKNOWN',
        reason: v?.reason ?? v?.warning ?? null,
        detail: v?.detail ?? null,
        target: targets.get(id) ?? {},
        vantages: (v?.vantages ?? []).map((x) => ({
          id: x.vantage,
          state: x.state,
          lastAt: iso(x.lastAt),
          reason: x.reason ?? null,
          latencyMs: x.latencyMs ?? null,
        })),
      };
    }),
    components: [...health.components].map(([id, state]) => ({ id, state })),
    services: [...health.services].map(([id, state]) => ({
      id,
      state,
      cause: health.causes.get(id) ?? null,
    })),
    incidents,
  };
}
