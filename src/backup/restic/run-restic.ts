/**
 * One restic process: its environment built from the repository (the password by a 0600 file in a
 * private directory, removed after; never on the command line), its JSON lines handed over as they
 * come, its error output kept (bounded) and scrubbed of secrets, and a deadline: past it, or when
 * the caller aborts, restic gets SIGINT (it then removes its lock) and SIGKILL 5 s later.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

import { scrub, secretsOf } from './scrub.ts';
import type { ResticRepo } from './types.ts';

export interface ResticCall {
  readonly repo: ResticRepo;
  readonly args: readonly string[];
  /** The source repository of a `restic copy`. */
  readonly from?: ResticRepo;
  /** Piped to restic's standard input (`backup --stdin`). */
  readonly stdin?: Readable;
  /** Each JSON object restic prints on a line of its standard output. */
  readonly onJson?: (line: Record<string, unknown>) => void;
  /** Standard output is handed over raw (a `restic dump`) instead of read as lines. */
  readonly stdout?: NodeJS.WritableStream;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called with restic's pid once it runs. */
  readonly onSpawn?: (pid: number) => void;
}

export interface ResticResult {
  /** restic's exit code; null when it was ended by a signal or never ran. */
  readonly exit: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Standard output that is not JSON (bounded to its last 256 KiB), for the runner to read, not to show. */
  readonly text: string;
  /** Standard error, scrubbed (bounded to its last 64 KiB). */
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  /** restic could not be started (`ENOENT`: not installed). */
  readonly spawnError?: string;
}

const TEXT_LIMIT = 256 * 1024;
const STDERR_LIMIT = 64 * 1024;
const KILL_GRACE_MS = 5000;

const keepTail = (s: string, limit: number) => (s.length > limit ? s.slice(s.length - limit) : s);

/** The environment restic runs with: the caller's, without any RESTIC_ variable of its own, then the repository's. */
function environment(repo: ResticRepo, passwordFile: string, from?: ResticRepo, fromFile?: string) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('RESTIC_') && !k.startsWith('AWS_')) env[k] = v;
  if (from) Object.assign(env, from.env);
  Object.assign(env, repo.env);
  env.RESTIC_REPOSITORY = withRestCredentials(repo);
  env.RESTIC_PASSWORD_FILE = passwordFile;
  if (from && fromFile) {
    env.RESTIC_FROM_REPOSITORY = withRestCredentials(from);
    env.RESTIC_FROM_PASSWORD_FILE = fromFile;
  }
  return env;
}

/**
 * A REST repository's URL with the target's RESTIC_REST_USERNAME and RESTIC_REST_PASSWORD in it:
 * restic reads those variables only from 0.15 on, and 0.14 takes the credentials in the URL. The
 * URL goes by the environment, never the command line, and is scrubbed from what restic says.
 */
export function withRestCredentials(repo: ResticRepo): string {
  const user = repo.env.RESTIC_REST_USERNAME;
  const m = /^rest:(https?:\/\/.+)$/.exec(repo.repository);
  if (!m || !user) return repo.repository;
  const u = new URL(m[1]!);
  if (u.username !== '') return repo.repository;
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(repo.env.RESTIC_REST_PASSWORD ?? '');
  return `rest:${u.toString()}`;
}

/** Global flags: a copy's source repository's CA and options too (restic applies `-o` to both). */
function globalArgs(repo: ResticRepo, from?: ResticRepo): string[] {
  const out: string[] = [];
  for (const ca of new Set([repo.caCert, from?.caCert])) if (ca) out.push('--cacert', ca);
  if (repo.cacheDir) out.push('--cache-dir', repo.cacheDir);
  const options = { ...from?.options, ...repo.options };
  for (const [k, v] of Object.entries(options)) out.push('-o', `${k}=${v}`);
  return out;
}

export async function runRestic(call: ResticCall): Promise<ResticResult> {
  const secrets = secretsOf(call.repo, ...(call.from ? [call.from] : []));
  const dir = await mkdtemp(join(tmpdir(), 'bascule-restic-'));
  try {
    const passwordFile = join(dir, 'password');
    await writeFile(passwordFile, call.repo.password, { mode: 0o600 });
    let fromFile: string | undefined;
    if (call.from) {
      fromFile = join(dir, 'from-password');
      await writeFile(fromFile, call.from.password, { mode: 0o600 });
    }
    return await spawnRestic(call, environment(call.repo, passwordFile, call.from, fromFile), secrets);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnRestic(
  call: ResticCall,
  env: Record<string, string>,
  secrets: string[],
): Promise<ResticResult> {
  return new Promise((resolveResult) => {
    let settled = false;
    const resolve = (r: ResticResult) => {
      if (settled) return;
      settled = true;
      resolveResult(r);
    };
    const child = spawn('restic', [...globalArgs(call.repo, call.from), ...call.args], {
      env,
      stdio: [call.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let text = '';
    let stderr = '';
    let pending = '';
    let timedOut = false;
    let aborted = false;
    let spawnError: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    const deadline = setTimeout(() => {
      timedOut = true;
      stop();
    }, call.timeoutMs);
    const onAbort = () => {
      aborted = true;
      stop();
    };
    call.signal?.addEventListener('abort', onAbort, { once: true });
    if (call.signal?.aborted) onAbort();

    child.on('spawn', () => {
      if (child.pid !== undefined) call.onSpawn?.(child.pid);
    });
    const line = (l: string) => {
      if (l.startsWith('{') && call.onJson) {
        try {
          call.onJson(JSON.parse(l) as Record<string, unknown>);
          return;
        } catch {
          // not JSON after all: kept as text
        }
      }
      text = keepTail(`${text}${l}\n`, TEXT_LIMIT);
    };
    const out = child.stdout!;
    const err = child.stderr!;
    if (call.stdout) out.pipe(call.stdout);
    else {
      out.setEncoding('utf8');
      out.on('data', (chunk: string) => {
        const parts = (pending + chunk).split('\n');
        pending = parts.pop() ?? '';
        for (const p of parts) line(p);
      });
    }
    err.setEncoding('utf8');
    err.on('data', (chunk: string) => {
      stderr = keepTail(stderr + chunk, STDERR_LIMIT);
    });
    if (call.stdin && child.stdin) {
      // restic may exit before reading everything (a wrong password): the pipe then breaks, which is not ours to report.
      child.stdin.on('error', () => {});
      call.stdin.on('error', () => child.stdin?.destroy());
      call.stdin.pipe(child.stdin);
    }
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e.code ?? e.name;
      if (child.pid === undefined) {
        clearTimeout(deadline);
        call.signal?.removeEventListener('abort', onAbort);
        resolve({ exit: null, signal: null, text: '', stderr: '', timedOut, aborted, spawnError });
      }
    });
    child.on('close', (exit, signal) => {
      clearTimeout(deadline);
      if (killTimer) clearTimeout(killTimer);
      call.signal?.removeEventListener('abort', onAbort);
      if (pending !== '') line(pending);
      resolve({
        exit,
        signal,
        // Standard output is read by the runner (ids, JSON), never shown as it is: only the error output is shown.
        text,
        stderr: scrub(stderr, secrets),
        timedOut,
        aborted,
        ...(spawnError ? { spawnError } : {}),
      });
    });
  });
}
