/** restic's `--json` status and summary lines, read into Bascule's shapes (backup; restore from 0.16). */
import type { BackupSummary, Progress } from './types.ts';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A `status` line as a progress report; undefined for any other line. */
export function progressOf(line: Record<string, unknown>): Progress | undefined {
  if (line.message_type !== 'status') return undefined;
  const fraction = Math.min(1, Math.max(0, num(line.percent_done) ?? 0));
  const bytesTotal = num(line.total_bytes);
  const filesTotal = num(line.total_files);
  const etaSeconds = num(line.seconds_remaining);
  return {
    fraction,
    bytesDone: num(line.bytes_done) ?? num(line.bytes_restored) ?? 0,
    filesDone: num(line.files_done) ?? num(line.files_restored) ?? 0,
    ...(bytesTotal !== undefined ? { bytesTotal } : {}),
    ...(filesTotal !== undefined ? { filesTotal } : {}),
    ...(etaSeconds !== undefined ? { etaSeconds } : {}),
  };
}

/** A backup's `summary` line: its counts and the snapshot id as restic printed it (short in 0.14). */
export function summaryOf(
  line: Record<string, unknown>,
): { summary: BackupSummary; snapshotId: string | undefined } | undefined {
  if (line.message_type !== 'summary') return undefined;
  return {
    summary: {
      filesNew: num(line.files_new) ?? 0,
      filesChanged: num(line.files_changed) ?? 0,
      filesUnmodified: num(line.files_unmodified) ?? 0,
      bytesAdded: num(line.data_added) ?? 0,
      bytesProcessed: num(line.total_bytes_processed) ?? 0,
      filesProcessed: num(line.total_files_processed) ?? 0,
    },
    snapshotId: typeof line.snapshot_id === 'string' ? line.snapshot_id : undefined,
  };
}
