/**
 * The maintenance windows the daemon acts on, in memory: those not over yet, loaded from the store
 * at start and kept in step with the API's writes. It answers which window silences a service now
 * (the notify stage asks at every routing), and says which windows started or ended since it was
 * last asked (the maintenance stage, every second), so alerts and the live feed follow the clock.
 */
import { MAX_PLANNED } from '../server/maintenance-routes.ts';
import {
  type MaintenanceQuery,
  type MaintenanceStore,
  type MaintenanceWindow,
  matchesMaintenance,
} from '../store/maintenance.ts';

/** A window that started or ended. */
export interface MaintenanceNotice {
  readonly kind: 'started' | 'ended';
  readonly window: MaintenanceWindow;
}

export class MaintenanceBook {
  private readonly windows = new Map<string, MaintenanceWindow>();
  /** Windows running at the last step, as they were then (a deleted one still ends). */
  private running = new Map<string, MaintenanceWindow>();

  static async load(store: Pick<MaintenanceStore, 'maintenance'>, now: number): Promise<MaintenanceBook> {
    const book = new MaintenanceBook();
    for (const w of await store.maintenance({ from: now, limit: MAX_PLANNED })) book.put(w);
    return book;
  }

  /** A window created or edited. */
  put(window: MaintenanceWindow): void {
    this.windows.set(window.id, window);
  }

  remove(id: string): void {
    this.windows.delete(id);
  }

  get(id: string): MaintenanceWindow | undefined {
    return this.windows.get(id);
  }

  /** The windows it holds (those not over) matching a query, by start then id: what the API answers while the store cannot be read. */
  list(query: MaintenanceQuery): MaintenanceWindow[] {
    return [...this.windows.values()]
      .filter((w) => matchesMaintenance(w, query))
      .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, query.limit ?? 100);
  }

  /** Windows running at `now`. */
  active(now: number): MaintenanceWindow[] {
    return [...this.windows.values()].filter((w) => matchesMaintenance(w, { activeAt: now }));
  }

  /** The id of a running window with `silence` that covers the service, if any (the first by start). */
  silencing(service: string, now: number): string | undefined {
    let found: MaintenanceWindow | undefined;
    for (const w of this.windows.values()) {
      if (!w.silence || !w.services.includes(service) || !matchesMaintenance(w, { activeAt: now })) continue;
      if (!found || w.start < found.start || (w.start === found.start && w.id < found.id)) found = w;
    }
    return found?.id;
  }

  /** What started and what ended since the last step; forgets windows over. */
  step(now: number): MaintenanceNotice[] {
    const notices: MaintenanceNotice[] = [];
    const running = new Map(this.active(now).map((w) => [w.id, w]));
    for (const [id, w] of this.running) if (!running.has(id)) notices.push({ kind: 'ended', window: w });
    for (const [id, w] of running) if (!this.running.has(id)) notices.push({ kind: 'started', window: w });
    this.running = running;
    for (const [id, w] of this.windows) if (w.end <= now) this.windows.delete(id);
    return notices;
  }
}
