/**
 * Bascule's restic runner: restic (0.14 and later) driven for backups, copies, checks, restore
 * tests, retention and append-only proofs, each an outcome with a code of the registry, never a
 * false "ok". The CLI and the daemon build its inputs from `backups:` in bascule.yaml.
 */
export { type AppendOnlyProof, CANARY_TAG, type ProofOptions, proveAppendOnly } from './append-only.ts';
export { type BackupOptions, backup } from './backup.ts';
export { type CheckOptions, type CheckOutcome, check } from './check.ts';
export { copy } from './copy.ts';
export { type ForgetOptions, type ForgetOutcome, forget } from './forget.ts';
export { type InitOutcome, init } from './init.ts';
export { type Comparison, compareFiles, manifestOfPaths } from './manifest.ts';
export { busy, exclusive } from './repo-lock.ts';
export { type RestoreOptions, type RestoreOutcome, restore } from './restore.ts';
export { type RestoreTestOptions, type RestoreTestOutcome, restoreTest } from './restore-test.ts';
export { shownRepository } from './scrub.ts';
export { type SnapshotQuery, type SnapshotsResult, snapshots } from './snapshots.ts';
export { listLocks, type UnlockResult, unlockStale } from './stale-locks.ts';
export type * from './types.ts';
export { detectVersion, parseVersion, type ResticFeatures, type ResticVersion } from './version.ts';
