/** What the daemon sends its plan worker (worker.ts), and what it answers. */
import type { Lang } from '../../i18n/index.ts';
import type { unplacedComponents } from '../../model/catalogue-normalise.ts';
import type { Config } from '../../model/schema.ts';
import type { BackupRecords } from '../../plan/backups.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import type { SwitchRecord } from '../../store/failover-records.ts';

export type PlanFormat = 'md' | 'html' | 'pdf';

/** Given once, when the worker starts. */
export interface PlanWorkerData {
  readonly config: Config;
  readonly scenarios: readonly Scenario[];
  readonly unplaced: ReturnType<typeof unplacedComponents>;
  /** A supplier's or component's provider as the catalogue names it (OVHcloud → ovh). */
  readonly providerIds: Readonly<Record<string, string>>;
  /** The map's file, as the plan names it. */
  readonly file: string;
  readonly storeWhere: string;
  readonly chromium: string;
}

export interface PlanJob {
  readonly id: number;
  readonly lang: Lang;
  readonly format: PlanFormat;
  readonly now: number;
  readonly switches: readonly SwitchRecord[];
  readonly records: BackupRecords;
}

export type PlanAnswer =
  | { readonly id: number; readonly ok: true; readonly body: string | Uint8Array }
  | { readonly id: number; readonly ok: false; readonly code?: string; readonly reason: string };
