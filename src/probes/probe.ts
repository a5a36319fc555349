/**
 * The probe port: one object per probe type (http, tcp, tls, dns), registered in registry.ts. A probe
 * never throws for a failing target: it returns a result with a classified reason.
 */
import type { CompiledCheck, Target } from '../monitor/compile.ts';
import type { ProbeResult } from '../monitor/types.ts';

export interface Probe<T extends Target = Target> {
  readonly type: T['type'];
  /**
   * Probes the target once. Resolves within `check.timeoutMs` (plus a few ms) whatever the target
   * does (tarpit, endless body, garbage); `signal` aborts early (daemon shutdown).
   */
  run(target: T, check: CompiledCheck, signal?: AbortSignal): Promise<ProbeResult>;
}
