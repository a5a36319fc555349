/** Findings: what the analyser reports, as data; texts are rendered from the i18n catalogues. */
import type { Params } from '../errors.ts';
import type { AssumableField, Criticality } from '../model/schema.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_KINDS = [
  'single-point-of-failure',
  'shared-dependency',
  'provider-concentration',
  'region-concentration',
  'control-plane-dependency',
  'monitoring-gap',
  'backup-missing',
  'backup-colocated',
  'rpo-unmet',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  readonly kind: FindingKind;
  /** Selects a message variant of the kind, e.g. `placement` for a shared zone. */
  readonly variant?: string;
  readonly severity: Severity;
  /** The ids the finding is about; the first is the main subject. */
  readonly subjects: readonly string[];
  /** Values for the message and recommendation templates. */
  readonly params: Params;
  /** Components it rests on whose fields are assumptions (`assumed` in the map): see assumed.ts. */
  readonly assumed?: readonly { readonly component: string; readonly fields: readonly AssumableField[] }[];
}

/** Lower is more severe. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** The severity of a finding that affects services of these criticalities: the worst of them. */
export function severityFor(criticalities: Iterable<Criticality>): Severity {
  let best: Severity = 'info';
  for (const c of criticalities) if (severityRank(c) < severityRank(best)) best = c;
  return best;
}

/** One step less severe (for findings that are risks rather than certainties). */
export function milder(s: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.length - 1, severityRank(s) + 1)]!;
}
