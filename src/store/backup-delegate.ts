import type {
  BackupEvent,
  BackupEventOf,
  BackupEventType,
  BackupHeads,
  BackupManifest,
  BackupQuery,
  BackupRun,
  BackupStore,
} from './backup-records.ts';

/**
 * The backup part of a store, handed to the engine's own BackupStore (backup-memory.ts,
 * backup-sqlite.ts, backup-postgres.ts): each store extends this and names its `backups`.
 */
export abstract class DelegatesBackups implements BackupStore {
  protected abstract readonly backups: BackupStore;

  saveBackupRun(run: BackupRun): Promise<void> {
    return this.backups.saveBackupRun(run);
  }
  backupRuns(query?: BackupQuery): Promise<BackupRun[]> {
    return this.backups.backupRuns(query);
  }
  recordBackupEvent(event: BackupEvent): Promise<void> {
    return this.backups.recordBackupEvent(event);
  }
  backupEvents<T extends BackupEventType>(type: T, query?: BackupQuery): Promise<BackupEventOf<T>[]> {
    return this.backups.backupEvents(type, query);
  }
  backupHeads(): Promise<BackupHeads> {
    return this.backups.backupHeads();
  }
  saveManifest(manifest: BackupManifest): Promise<void> {
    return this.backups.saveManifest(manifest);
  }
  manifest(dataset: string, target: string, snapshot: string): Promise<BackupManifest | undefined> {
    return this.backups.manifest(dataset, target, snapshot);
  }
  keepManifests(dataset: string, target: string, snapshots: readonly string[]): Promise<void> {
    return this.backups.keepManifests(dataset, target, snapshots);
  }
}
