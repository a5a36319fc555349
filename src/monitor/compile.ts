/**
 * Checks as the monitor runs them: every default applied, durations in milliseconds, targets
 * parsed. Pure: the same compiled form goes to the local scheduler and to remote agents (as JSON).
 */
import { parseDuration } from '../model/duration.ts';
import { LOCAL_VANTAGE } from '../model/operations-check.ts';
import type { ProbeDefaults } from '../model/probes/kind.ts';
import { PROBE_TYPES, probeKindOf, type Target } from '../model/probes/registry.ts';
import type { CheckSpec, Config } from '../model/schema.ts';

export const DEFAULT_INTERVAL_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_FAIL_AFTER = 3;
export const DEFAULT_RECOVER_AFTER = 2;
export const DEFAULT_CERT_VALID_FOR_MS = 14 * 86_400_000;
/** The most of a response body a probe reads; beyond it the answer is `too-large`. */
export const MAX_BODY_BYTES = 1 << 20;

export type { DnsTarget } from '../model/probes/dns.ts';
export type { HttpTarget, StatusRange } from '../model/probes/http.ts';
export type { Target } from '../model/probes/registry.ts';
export type { TcpTarget } from '../model/probes/tcp.ts';
export type { TlsTarget } from '../model/probes/tls.ts';
export { parseHostPort } from '../model/schema-primitives.ts';

export interface CompiledCheck {
  readonly id: string;
  readonly target: Target;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Slower than this is `too-slow`; undefined: no limit but the timeout. */
  readonly maxLatencyMs?: number;
  readonly failAfter: number;
  readonly recoverAfter: number;
  /** The vantage points that run it. */
  readonly from: readonly string[];
  /** How many of them must see it failing for DOWN; undefined: a majority of those reporting. */
  readonly quorum?: number;
  /** What it watches in the map. */
  readonly component?: string;
  readonly service?: string;
}

const DEFAULTS: ProbeDefaults = { certValidForMs: DEFAULT_CERT_VALID_FOR_MS };

/** The check's target, compiled by the descriptor of its probe type. */
function target(spec: CheckSpec): Target {
  const kind = probeKindOf(spec);
  // The configuration check rejects a check without exactly one probe; this is a programming error.
  if (!kind) throw new Error(`check without a probe (${PROBE_TYPES.join(', ')})`);
  // The kind was picked because its key is set, so the spec is that kind's input.
  return kind.compile(spec as Parameters<typeof kind.compile>[0], DEFAULTS) as Target;
}

/** The vantage point the daemon itself probes from. */
export function localVantage(config: Config): string {
  return config.runtime?.vantage ?? LOCAL_VANTAGE;
}

/** Every vantage point checks run from by default: the daemon's own and every declared one. */
export function allVantages(config: Config): string[] {
  return [...new Set([localVantage(config), ...Object.keys(config.vantages)])];
}

export function compileCheck(id: string, spec: CheckSpec, config: Config): CompiledCheck {
  const intervalMs = parseDuration(spec.interval ?? '') ?? DEFAULT_INTERVAL_MS;
  const timeoutMs = Math.min(parseDuration(spec.timeout ?? '') ?? DEFAULT_TIMEOUT_MS, intervalMs);
  const maxLatencyMs = parseDuration(spec.expect?.maxLatency ?? '');
  return {
    id,
    target: target(spec),
    intervalMs,
    timeoutMs,
    ...(maxLatencyMs !== undefined ? { maxLatencyMs } : {}),
    failAfter: spec.failAfter ?? DEFAULT_FAIL_AFTER,
    recoverAfter: spec.recoverAfter ?? DEFAULT_RECOVER_AFTER,
    from: spec.from ?? allVantages(config),
    ...(spec.quorum !== undefined ? { quorum: spec.quorum } : {}),
    ...(spec.component !== undefined ? { component: spec.component } : {}),
    ...(spec.service !== undefined ? { service: spec.service } : {}),
  };
}

export function compileChecks(config: Config): CompiledCheck[] {
  return Object.entries(config.checks).map(([id, spec]) => compileCheck(id, spec, config));
}
