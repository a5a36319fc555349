/** The backup aggregates in memory, as the SQL adapters keep them: history, heads, manifests. */
import {
  type BackupEvent,
  type BackupEventOf,
  type BackupEventType,
  type BackupHeads,
  type BackupManifest,
  type BackupQuery,
  type BackupRun,
  type BackupStore,
  eventHead,
  headsOf,
  runHeads,
} from './backup-records.ts';

export interface BackupData {
  readonly runs: Map<string, BackupRun>;
  /** In the order appended. */
  readonly events: BackupEvent[];
  /** By head and key: the time it is at and the record (JSON, as the SQL adapters keep it). */
  readonly heads: Map<string, { head: string; key: string; at: number; record: string }>;
  readonly manifests: Map<string, string>;
}

export const freshBackupData = (): BackupData => ({
  runs: new Map(),
  events: [],
  heads: new Map(),
  manifests: new Map(),
});

const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export class MemoryBackups implements BackupStore {
  constructor(private readonly d: () => BackupData) {}

  private move(head: string, key: string, at: number, record: string): void {
    const id = `${head} ${key}`;
    const before = this.d().heads.get(id);
    if (before === undefined || at >= before.at) this.d().heads.set(id, { head, key, at, record });
  }

  async saveBackupRun(run: BackupRun): Promise<void> {
    this.d().runs.set(run.id, copy(run));
    const record = JSON.stringify(run);
    for (const h of runHeads(run)) this.move(h.head, h.key, run.startedAt, record);
  }

  async backupRuns(query: BackupQuery = {}): Promise<BackupRun[]> {
    return [...this.d().runs.values()]
      .filter(
        (r) =>
          (query.dataset === undefined || r.dataset === query.dataset) &&
          (query.target === undefined || r.target === query.target),
      )
      .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, query.limit ?? 100)
      .map(copy);
  }

  async recordBackupEvent(event: BackupEvent): Promise<void> {
    this.d().events.push(copy(event));
    const h = eventHead(event);
    this.move(h.head, h.key, event.at, JSON.stringify(event));
  }

  async backupEvents<T extends BackupEventType>(
    type: T,
    query: BackupQuery = {},
  ): Promise<BackupEventOf<T>[]> {
    const events = this.d().events;
    const out: BackupEventOf<T>[] = [];
    // Newest first: by time, then the later appended.
    const order = events.map((e, i) => ({ e, i })).sort((a, b) => b.e.at - a.e.at || b.i - a.i);
    for (const { e } of order) {
      if (e.type !== type) continue;
      if (query.target !== undefined && e.target !== query.target) continue;
      if (query.dataset !== undefined && (e.type !== 'restore' || e.dataset !== query.dataset)) continue;
      out.push(copy(e) as BackupEventOf<T>);
      if (out.length >= (query.limit ?? 100)) break;
    }
    return out;
  }

  async backupHeads(): Promise<BackupHeads> {
    const rows = [...this.d().heads.values()].sort((a, b) =>
      a.head < b.head ? -1 : a.head > b.head ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    );
    return headsOf(rows);
  }

  async saveManifest(m: BackupManifest): Promise<void> {
    this.d().manifests.set(`${m.dataset} ${m.target} ${m.snapshot}`, JSON.stringify(m));
  }

  async manifest(dataset: string, target: string, snapshot: string): Promise<BackupManifest | undefined> {
    const m = this.d().manifests.get(`${dataset} ${target} ${snapshot}`);
    return m === undefined ? undefined : (JSON.parse(m) as BackupManifest);
  }

  async keepManifests(dataset: string, target: string, snapshots: readonly string[]): Promise<void> {
    const kept = new Set(snapshots);
    const manifests = this.d().manifests;
    for (const key of [...manifests.keys()]) {
      const [d, t, snapshot] = key.split(' ');
      if (d === dataset && t === target && !kept.has(snapshot!)) manifests.delete(key);
    }
  }
}
