/**
 * The maintenance windows aggregate: planned work on some services, from `start` to `end`, shown on
 * the status page and, with `silence`, silencing their alerts meanwhile. Saved whole by id
 * (created, or replaced when edited), deleted by id, kept across restarts.
 */
import type { LocalText } from './incident-updates.ts';

export interface MaintenanceWindow {
  /** Random, short: `mw-1f3a9c0b7d2e`. */
  readonly id: string;
  readonly title: LocalText;
  /** Service ids of the map. */
  readonly services: readonly string[];
  /** Epoch ms: the window runs from `start` (included) to `end` (excluded). */
  readonly start: number;
  readonly end: number;
  /** Alerts for its services are silenced while it runs. */
  readonly silence: boolean;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly updatedAt?: number;
}

export interface MaintenanceQuery {
  /** Windows running at this time: start ≤ activeAt < end. */
  readonly activeAt?: number;
  /** Windows not over at this time: end > from. */
  readonly from?: number;
  /** Windows begun before this time: start < to. */
  readonly to?: number;
  /** By start, then id; default 100. */
  readonly limit?: number;
}

export interface MaintenanceStore {
  /** Saves a window whole, by id (created, or replaced). */
  saveMaintenance(window: MaintenanceWindow): Promise<void>;
  /** Deletes a window; deleting one not there changes nothing. */
  deleteMaintenance(id: string): Promise<void>;
  maintenanceWindow(id: string): Promise<MaintenanceWindow | undefined>;
  /** The windows matching every filter given, by start then id. */
  maintenance(query?: MaintenanceQuery): Promise<MaintenanceWindow[]>;
}

/** Whether a window matches a query's filters (the memory store, and the daemon's own book). */
export function matchesMaintenance(w: MaintenanceWindow, q: MaintenanceQuery): boolean {
  if (q.activeAt !== undefined && !(w.start <= q.activeAt && q.activeAt < w.end)) return false;
  if (q.from !== undefined && !(w.end > q.from)) return false;
  if (q.to !== undefined && !(w.start < q.to)) return false;
  return true;
}
