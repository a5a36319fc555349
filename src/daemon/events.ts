/**
 * The daemon's typed event stream: what each topic carries. A feature that adds a kind of event
 * (failover decisions, switch records) adds a topic here and a stage that publishes it.
 */
import type { IncidentStep } from '../monitor/incidents.ts';
import type { Transition } from '../monitor/types.ts';
import type { BackupNotice } from '../notify/backup-alerts.ts';
import type { FailoverNotice } from '../notify/failover-alerts.ts';
import type { SilencedAlert } from '../notify/silences.ts';
import type { MaintenanceNotice } from './maintenance-book.ts';

export interface Events {
  /** State changes from the monitor, in order: foundations before what depends on them. */
  readonly transitions: readonly Transition[];
  /** What the incident reducer made of them: events to tell people, and every incident changed. */
  readonly incidents: Pick<IncidentStep, 'events' | 'changed'>;
  /** What the failover stage has to say: switches, all endpoints down, actuator failures. */
  readonly failover: readonly FailoverNotice[];
  /** Maintenance windows that started or ended (the maintenance stage's tick). */
  readonly maintenance: readonly MaintenanceNotice[];
  /** Backups: failed runs and verifications, RPO breaches and recoveries, missed runs, jobs starting and ending. */
  readonly backups: readonly BackupNotice[];
  /** Alerts a maintenance window silenced (the notify stage). */
  readonly silenced: readonly SilencedAlert[];
}

export type Topic = keyof Events;
