/**
 * `appendOnly: true` proved, not believed: a canary snapshot is made for the purpose, then deleted
 * in a way that must fail. On a REST repository the delete is an HTTP DELETE of the snapshot's file
 * sent directly (restic itself would retry a refused delete for about 45 s); elsewhere it is
 * `restic forget` of the canary, within a deadline. A refused delete, with the canary still
 * listed after it, proves the target immutable; a delete that succeeds proves it is not.
 */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';

import { failureOf } from './classify.ts';
import { summaryOf } from './progress.ts';
import { exclusive } from './repo-lock.ts';
import { runRestic } from './run-restic.ts';
import { fullId, listSnapshots } from './snapshots.ts';
import type { ResticFailure, ResticRepo } from './types.ts';

export type ProofMethod = 'http-delete' | 'restic-forget';

export interface AppendOnlyProof {
  readonly immutable: boolean;
  readonly how: ProofMethod;
  readonly at: number;
  /** The canary snapshot (still there when the target is immutable). */
  readonly canary?: string;
  /** What the delete met: `HTTP 403`, `restic forget exit 1`, `deleted`. */
  readonly evidence?: string;
  /** The proof could not be made (no canary, the target unreachable): not immutable until it is. */
  readonly error?: ResticFailure;
}

export const CANARY_TAG = 'bascule-canary';

export interface ProofOptions {
  /** Deadline of the delete by `restic forget` (default 60 s). */
  readonly forgetTimeoutMs?: number;
  readonly timeoutMs?: number;
}

/** The REST server's URL of a `rest:` repository, its basic credentials apart. */
function restEndpoint(repo: ResticRepo): { base: string; auth?: string } | undefined {
  const m = /^rest:(https?:\/\/.+)$/.exec(repo.repository);
  if (!m) return undefined;
  const u = new URL(m[1]!);
  let user = decodeURIComponent(u.username);
  let pass = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  if (repo.env.RESTIC_REST_USERNAME) user = repo.env.RESTIC_REST_USERNAME;
  if (repo.env.RESTIC_REST_PASSWORD) pass = repo.env.RESTIC_REST_PASSWORD;
  const base = u.toString().replace(/\/+$/, '');
  return user !== ''
    ? { base, auth: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` }
    : { base };
}

async function httpDelete(repo: ResticRepo, url: string, auth: string | undefined, timeoutMs: number) {
  const ca = repo.caCert ? await readFile(repo.caCert, 'utf8') : undefined;
  const dispatcher = new Agent({ connect: { timeout: timeoutMs, ...(ca ? { ca } : {}) } });
  try {
    const res = await request(url, {
      method: 'DELETE',
      dispatcher,
      headers: auth ? { authorization: auth } : {},
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await res.body.dump();
    return res.statusCode;
  } finally {
    await dispatcher.close();
  }
}

export function proveAppendOnly(repo: ResticRepo, opts: ProofOptions = {}): Promise<AppendOnlyProof> {
  return exclusive([repo.repository], () => proveHeld(repo, opts));
}

async function proveHeld(repo: ResticRepo, opts: ProofOptions): Promise<AppendOnlyProof> {
  const rest = restEndpoint(repo);
  const how: ProofMethod = rest ? 'http-delete' : 'restic-forget';
  const at = Date.now();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  // The canary: a few bytes from standard input, tagged so that nobody takes it for data.
  let short: string | undefined;
  const made = await runRestic({
    repo,
    args: [
      'backup',
      '--json',
      '--stdin',
      '--stdin-filename',
      'bascule-canary',
      '--tag',
      CANARY_TAG,
      '--host',
      hostname(),
    ],
    stdin: Readable.from([Buffer.from(`bascule append-only canary ${new Date(at).toISOString()}\n`)]),
    timeoutMs,
    onJson(line) {
      short = summaryOf(line)?.snapshotId ?? short;
    },
  });
  if (made.exit !== 0 || short === undefined)
    return {
      immutable: false,
      how,
      at,
      error: made.exit !== 0 ? failureOf(made) : { code: 'BASCULE_E_RESTIC_NO_SUMMARY', detail: 'canary' },
    };
  const canary = (await fullId(repo, short)) ?? short;

  let evidence: string;
  if (rest) {
    let status: number;
    try {
      status = await httpDelete(repo, `${rest.base}/snapshots/${canary}`, rest.auth, timeoutMs);
    } catch (e) {
      const code = (e as { code?: string }).code ?? (e as Error).name;
      return {
        immutable: false,
        how,
        at,
        canary,
        error: { code: 'BASCULE_E_RESTIC_UNREACHABLE', detail: code },
      };
    }
    evidence = `HTTP ${status}`;
    if (status >= 200 && status < 300)
      return { immutable: false, how, at, canary, evidence: `${evidence}: deleted` };
    if (status !== 403 && status !== 405)
      return {
        immutable: false,
        how,
        at,
        canary,
        evidence,
        error: { code: 'BASCULE_E_RESTIC_FAILED', detail: evidence },
      };
  } else {
    const r = await runRestic({ repo, args: ['forget', canary], timeoutMs: opts.forgetTimeoutMs ?? 60_000 });
    evidence =
      r.exit === 0
        ? 'restic forget: deleted'
        : `restic forget: ${r.timedOut ? 'timed out' : `exit ${r.exit ?? r.signal}`}`;
  }
  // The delete was refused (or said so): the canary must still be there.
  const listed = await listSnapshots(repo, { ids: [canary] });
  if (!listed.ok) return { immutable: false, how, at, canary, evidence, error: listed.error };
  const there = listed.snapshots.some((s) => s.id === canary);
  return { immutable: there, how, at, canary, evidence };
}
