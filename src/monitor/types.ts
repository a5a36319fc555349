/**
 * The vocabulary of live monitoring, shared by probes, the monitor's state machines, the store, the
 * alerts and the API: probe results with classified failure reasons, health states, transitions
 * and incidents. Data only.
 */

/** Every way a probe can fail, each shown to people with its own words (i18n `reason.<code>`). */
export const FAILURE_REASONS = [
  'timeout', // no complete answer within the timeout
  'refused', // connection refused
  'reset', // connection reset or closed mid-answer
  'unreachable', // no route, host down, network unreachable
  'dns-nxdomain', // the name does not exist
  'dns-servfail', // the resolver failed (SERVFAIL), or the name could not be resolved for another reason
  'dns-refused', // the DNS server refused the query
  'dns-mismatch', // a DNS answer other than the expected one
  'tls-error', // handshake failed
  'tls-untrusted', // certificate chain not trusted (self-signed, unknown CA)
  'tls-expired', // certificate expired or not yet valid
  'tls-hostname', // certificate does not match the host name
  'status', // an HTTP status other than the expected ones
  'body', // body does not contain / match what was expected
  'json', // JSON body missing the expected value (or not JSON)
  'too-slow', // answered, but slower than expect.maxLatency
  'too-large', // the answer exceeded the size Bascule reads (a hostile or broken endpoint)
  'too-many-redirects', // still redirected after the `redirects` allowed (a loop)
  'bad-redirect', // redirected to a URL Bascule does not follow (not http(s), or malformed)
  'protocol', // not a valid answer for the protocol (garbage instead of HTTP, a malformed DNS reply)
  'local', // Bascule's own machine ran out of a resource (EMFILE, ENFILE, ENOMEM, EADDRNOTAVAIL): not the target's fault, not counted against it
  'error', // anything else, with the detail
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Warnings keep a check up but make it DEGRADED. */
export const WARNINGS = ['cert-expiring'] as const;
export type Warning = (typeof WARNINGS)[number];

/** What one probe of one check saw, once. Failures are results, never exceptions. */
export interface ProbeResult {
  readonly ok: boolean;
  readonly reason?: FailureReason;
  /** For people: `503 Service Unavailable`, `1.2s > 800ms`, `connect ECONNREFUSED 127.0.0.1:9`. Never a secret. */
  readonly detail?: string;
  readonly latencyMs: number;
  readonly warning?: Warning;
  /** tls and https: days until the certificate expires. */
  readonly certDaysLeft?: number;
}

/** A probe result as recorded: which check, from where, when (epoch ms). */
export interface Observation extends ProbeResult {
  readonly check: string;
  readonly vantage: string;
  readonly at: number;
}

export const STATES = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'] as const;
export type State = (typeof STATES)[number];

export type SubjectType = 'check' | 'component' | 'service';

/** A change of state of a check, a component or a service. */
export interface Transition {
  readonly at: number;
  readonly type: SubjectType;
  readonly id: string;
  readonly from: State;
  readonly to: State;
  /** Why, as data rendered at the edge: the check's failure that tipped it, or the dependency that failed. */
  readonly reason?: TransitionReason;
}

/**
 * Why a subject changed state. The core says it with codes and numbers; people read it in their
 * language (i18n `monitor.transition`); the store keeps it as JSON in the `reason` column.
 */
export type TransitionReason =
  /** A check failed: the first failing vantage point's reason, and how many of those reporting see it down. */
  | {
      readonly code: 'check-failed';
      readonly reason: FailureReason;
      readonly detail?: string;
      readonly down: number;
      readonly reporting: number;
    }
  /** A check is up with a warning (DEGRADED). */
  | { readonly code: 'check-warning'; readonly warning: Warning }
  /** A component or service follows what it depends on. */
  | { readonly code: 'dependency'; readonly via: string }
  /** A row written before reasons were data: its text, as it was stored. */
  | { readonly code: 'legacy'; readonly text: string };

/** An incident: a service DOWN or DEGRADED, from when it left UP until it came back. */
export interface Incident {
  /** Deterministic: the service and the time it opened (`checkout@2026-11-29T15:23:25.623Z`), so every node names it alike. */
  readonly id: string;
  readonly service: string;
  readonly openedAt: number;
  readonly closedAt?: number;
  /** The worst state reached. */
  readonly worst: 'DOWN' | 'DEGRADED';
  /** The current state (UP once closed). */
  readonly state: State;
  readonly timeline: readonly Transition[];
}
