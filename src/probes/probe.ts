/**
 * The probe port. A probe plugin is the pure descriptor of its type (model/probes/<type>.ts: config
 * keys, `expect` keys, compile) joined with its runner here (the I/O). A probe never throws for a
 * failing target: it returns a result with a classified reason.
 */
import type { ProbeKindOf, ProbeType, TargetOf } from '../model/probes/registry.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
import type { ProbeResult } from '../monitor/types.ts';

/** The I/O half of a probe type. */
export interface Probe<P extends ProbeType = ProbeType> {
  readonly type: P;
  /**
   * Probes the target once. Resolves within `check.timeoutMs` (plus a few ms) whatever the target
   * does (tarpit, endless body, garbage); `signal` aborts early (daemon shutdown).
   */
  run(target: TargetOf<P>, check: CompiledCheck, signal?: AbortSignal): Promise<ProbeResult>;
}

/** One probe type whole: `{ type, key, options, expect, validate?, compile, run }`. */
export type ProbePlugin<P extends ProbeType = ProbeType> = ProbeKindOf<P> & Probe<P>;

/** Joins a type's descriptor and its runner into its plugin. */
export function probePlugin<P extends ProbeType>(kind: ProbeKindOf<P>, run: Probe<P>['run']): ProbePlugin<P> {
  return Object.freeze({ ...kind, run }) as ProbePlugin<P>;
}
