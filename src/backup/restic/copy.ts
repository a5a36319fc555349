/**
 * `restic copy` of one snapshot from one repository to another (the second and later targets of a
 * dataset). restic 0.14 prints no JSON for it: the new snapshot's short id is read from its text
 * (`snapshot 1a2b3c4d saved`, or `skipping snapshot …, was already copied to snapshot 5e6f…`) and
 * resolved to the full id in the destination. Both repositories are held for the copy.
 * The two repositories' environments are merged (the destination's wins): restic has no separate
 * environment for the source (two S3 targets need the same keys, or one of them another backend).
 */
import { failureOf } from './classify.ts';
import { exclusive } from './repo-lock.ts';
import { runRestic } from './run-restic.ts';
import { fullId } from './snapshots.ts';
import type { ResticRepo, RunOutcome } from './types.ts';

const SAVED = /snapshot ([0-9a-f]{8,64}) saved/;
const ALREADY = /was already copied to snapshot ([0-9a-f]{8,64})/;

export function copy(
  from: ResticRepo,
  to: ResticRepo,
  snapshot: string,
  opts: { timeoutMs?: number } = {},
): Promise<RunOutcome> {
  return exclusive([from.repository, to.repository], async () => {
    const startedAt = Date.now();
    const r = await runRestic({
      repo: to,
      from,
      args: ['copy', snapshot],
      timeoutMs: opts.timeoutMs ?? 6 * 3600_000,
    });
    const base = { startedAt, resticExit: r.exit ?? undefined };
    if (r.exit !== 0) return { ok: false, ...base, finishedAt: Date.now(), error: failureOf(r) };
    const all = `${r.text}\n${r.stderr}`;
    const short = SAVED.exec(all)?.[1] ?? ALREADY.exec(all)?.[1];
    const id = short ? await fullId(to, short) : undefined;
    if (!id) {
      const detail = /no matching ID found|not found/i.test(all)
        ? snapshot
        : 'restic copy printed no snapshot id';
      const code = /no matching ID found|not found/i.test(all)
        ? 'BASCULE_E_RESTIC_SNAPSHOT_UNKNOWN'
        : 'BASCULE_E_RESTIC_NO_SUMMARY';
      return { ok: false, ...base, finishedAt: Date.now(), error: { code, detail } };
    }
    return { ok: true, ...base, snapshotId: id, finishedAt: Date.now() };
  });
}
