/**
 * The process's open-file limit (each probe, each API connection, the database: one file each).
 * systemd and many shells start services with a soft limit of 1,024 under a much higher hard one;
 * the daemon raises its soft limit to the hard one at start (prlimit(1), util-linux, on the
 * process itself: no privilege needed), and sizes its API connection cap from what it got, so idle
 * clients can never take the descriptors its probes need.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface OpenFileLimits {
  readonly soft: number;
  readonly hard: number;
}

/** Above this the kernel's default nr_open refuses anyway. */
const CEILING = 1_048_576;

/** The limits from /proc/self/limits (Linux); undefined elsewhere. */
export function openFileLimits(): OpenFileLimits | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const [soft, hard] = (line ?? '')
      .split(/\s{2,}/)
      .slice(1, 3)
      .map(limit);
    return soft !== undefined && hard !== undefined ? { soft, hard } : undefined;
  } catch {
    return undefined;
  }
}

function limit(text: string): number | undefined {
  if (text === 'unlimited') return CEILING;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Raises the soft limit to the hard one; returns the limits in force after (or before, if it could not). */
export function raiseOpenFiles(): (OpenFileLimits & { readonly raised: boolean }) | undefined {
  const before = openFileLimits();
  if (!before) return undefined;
  if (before.soft >= before.hard) return { ...before, raised: false };
  const target = Math.min(before.hard, CEILING);
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${target}:${before.hard}`], {
      stdio: 'ignore',
      timeout: 5_000,
    });
  } catch {
    return { ...before, raised: false };
  }
  const after = openFileLimits() ?? before;
  return { ...after, raised: after.soft > before.soft };
}

/**
 * How many API connections the daemon takes at once: a quarter of its open files, between 64 and
 * 4,096 (agents, operators, event streams and status pages need far fewer; probes need the rest).
 */
export function connectionCap(softLimit: number | undefined): number {
  if (softLimit === undefined) return 1_024;
  return Math.max(64, Math.min(4_096, Math.floor(softLimit / 4)));
}
