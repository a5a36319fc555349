/** Rows as both adapters read them, turned back into the monitor's types (absent stays absent). */
import type {
  FailureReason,
  Incident,
  Observation,
  State,
  SubjectType,
  Transition,
  TransitionReason,
  Warning,
} from '../monitor/types.ts';
import type { OutboxItem, Rollup } from './store.ts';

export interface ObservationRow {
  check_id: string;
  vantage: string;
  at: number | string;
  ok: number | boolean;
  reason: string | null;
  detail: string | null;
  latency_ms: number;
  warning: string | null;
  cert_days_left: number | null;
}

export function observationOf(r: ObservationRow): Observation {
  return {
    check: r.check_id,
    vantage: r.vantage,
    at: Number(r.at),
    ok: r.ok === true || r.ok === 1,
    latencyMs: r.latency_ms,
    ...(r.reason !== null ? { reason: r.reason as FailureReason } : {}),
    ...(r.detail !== null ? { detail: r.detail } : {}),
    ...(r.warning !== null ? { warning: r.warning as Warning } : {}),
    ...(r.cert_days_left !== null ? { certDaysLeft: r.cert_days_left } : {}),
  };
}

export interface TransitionRow {
  at: number | string;
  type: string;
  id: string;
  from_state: string;
  to_state: string;
  reason: string | null;
}

export function transitionOf(r: TransitionRow): Transition {
  return {
    at: Number(r.at),
    type: r.type as SubjectType,
    id: r.id,
    from: r.from_state as State,
    to: r.to_state as State,
    ...(r.reason !== null ? { reason: decodeReason(r.reason) } : {}),
  };
}

const REASON_CODES: ReadonlySet<string> = new Set<TransitionReason['code']>([
  'check-failed',
  'check-warning',
  'dependency',
  'legacy',
]);

/** A transition's reason as the `reason` column holds it: JSON text. */
export function encodeReason(reason: TransitionReason | undefined): string | null {
  return reason === undefined ? null : JSON.stringify(reason);
}

/** The column back to data; a row written before reasons were data (`dependency api`) is a legacy reason. */
export function decodeReason(text: string): TransitionReason {
  if (text.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      const code =
        typeof value === 'object' && value !== null ? (value as { code?: unknown }).code : undefined;
      if (typeof code === 'string' && REASON_CODES.has(code)) return value as TransitionReason;
    } catch {
      // Not JSON after all: a legacy text that starts with a brace.
    }
  }
  return { code: 'legacy', text };
}

export interface IncidentRow {
  id: string;
  service: string;
  opened_at: number | string;
  closed_at: number | string | null;
  worst: string;
  state: string;
}

export function incidentOf(r: IncidentRow, timeline: readonly Transition[]): Incident {
  return {
    id: r.id,
    service: r.service,
    openedAt: Number(r.opened_at),
    ...(r.closed_at !== null ? { closedAt: Number(r.closed_at) } : {}),
    worst: r.worst as Incident['worst'],
    state: r.state as State,
    timeline,
  };
}

export interface RollupRow {
  check_id: string;
  vantage: string;
  minute: number | string;
  count: number | string;
  failures: number | string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function rollupOf(r: RollupRow): Rollup {
  return {
    check: r.check_id,
    vantage: r.vantage,
    minute: Number(r.minute),
    count: Number(r.count),
    failures: Number(r.failures),
    p50: r.p50,
    p95: r.p95,
    p99: r.p99,
    max: r.max,
  };
}

/** Rows of one chunk of roll-up work. */
export const ROLLUP_CHUNK = 50_000;

export interface OutboxRow {
  channel: string;
  key: string;
  payload: string;
  created_at: number | string;
  next_at: number | string;
  attempts: number | string;
  last_error: string | null;
}

export function outboxItemOf(r: OutboxRow): OutboxItem {
  return {
    channel: r.channel,
    key: r.key,
    payload: JSON.parse(r.payload) as unknown,
    createdAt: Number(r.created_at),
    nextAt: Number(r.next_at),
    attempts: Number(r.attempts),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
  };
}

/** The SELECT of maintenance windows for a query, with placeholders as the dialect writes them. */
export function maintenanceSql(
  q: { readonly activeAt?: number; readonly from?: number; readonly to?: number; readonly limit?: number },
  placeholder: (n: number) => string,
): { sql: string; params: number[] } {
  const where: string[] = [];
  const params: number[] = [];
  const add = (clause: (p: string) => string, value: number) => {
    params.push(value);
    where.push(clause(placeholder(params.length)));
  };
  if (q.activeAt !== undefined) {
    add((p) => `start_at <= ${p}`, q.activeAt);
    add((p) => `end_at > ${p}`, q.activeAt);
  }
  if (q.from !== undefined) add((p) => `end_at > ${p}`, q.from);
  if (q.to !== undefined) add((p) => `start_at < ${p}`, q.to);
  params.push(q.limit ?? 100);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')} ` : '';
  return {
    sql: `SELECT record FROM maintenance_windows ${filter}ORDER BY start_at, id LIMIT ${placeholder(params.length)}`,
    params,
  };
}
