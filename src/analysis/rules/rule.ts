/** The interface every analysis rule implements; the registry lists them in analyze.ts. */
import type { AnalysisContext } from '../context.ts';
import type { Finding, FindingKind } from '../finding.ts';

export interface Rule {
  /** The kinds of finding it can report. */
  readonly kinds: readonly FindingKind[];
  run(ctx: AnalysisContext): Finding[];
}
