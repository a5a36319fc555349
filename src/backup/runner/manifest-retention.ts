/**
 * How many manifests the store keeps: those of the dataset's newest MANIFESTS_KEPT good snapshots on
 * each target. A verification compares the latest with its manifest and the next backup reuses the
 * latest's hashes; the older ones only grew the store (about 1.7 MB per snapshot and target for
 * 10,000 files: an hourly dataset would add 40 MB a day per target).
 */
import type { Runner } from './context.ts';

/** The latest and two before it: a verification that read the latest good snapshot just before a backup still finds its manifest. */
export const MANIFESTS_KEPT = 3;

/** Deletes, on each of `targets`, the dataset's manifests but those of its newest good snapshots. */
export async function pruneManifests(r: Runner, dataset: string, targets: readonly string[]): Promise<void> {
  for (const target of targets) {
    const runs = await r.store.backupRuns({ dataset, target, limit: 50 });
    const kept = runs
      .filter((x) => x.ok && x.snapshot !== undefined && (x.kind === 'backup' || x.kind === 'copy'))
      .slice(0, MANIFESTS_KEPT)
      .map((x) => x.snapshot!);
    // No good snapshot on record (a store just emptied): nothing is known to be unused.
    if (kept.length > 0) await r.store.keepManifests(dataset, target, kept);
  }
}
