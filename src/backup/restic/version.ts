/**
 * restic's version and what follows from it. Debian 12 ships 0.14: no exit codes 10–12 (0.17), no
 * `--stdin-from-command` (0.17), no `restore --json` progress (0.16), short snapshot ids in the
 * backup summary; the runner asks for what 0.14 has and reads both.
 */
import { execFile } from 'node:child_process';

import { BasculeError } from '../../errors.ts';

export interface ResticFeatures {
  /** Exit codes 10 (no repository), 11 (locked), 12 (wrong password). */
  readonly exitCodes: boolean;
  /** `backup --stdin-from-command` (not used: Bascule spawns the producer itself, to know its exit code). */
  readonly stdinFromCommand: boolean;
  /** `restore --json` status lines. */
  readonly restoreJson: boolean;
}

export interface ResticVersion {
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly features: ResticFeatures;
}

/** The oldest restic the runner drives: Debian 12's. */
export const OLDEST = { major: 0, minor: 14 } as const;

const atLeast = (v: { major: number; minor: number }, major: number, minor: number) =>
  v.major > major || (v.major === major && v.minor >= minor);

/** `restic 0.14.0 compiled with go1.19.8 on linux/amd64` → its version and features; undefined if not that. */
export function parseVersion(text: string): ResticVersion | undefined {
  const m = /^restic (\d+)\.(\d+)\.(\d+)\S*/m.exec(text);
  if (!m) return undefined;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const v = { major, minor };
  return {
    version: `${major}.${minor}.${patch}`,
    major,
    minor,
    patch,
    features: {
      exitCodes: atLeast(v, 0, 17),
      stdinFromCommand: atLeast(v, 0, 17),
      restoreJson: atLeast(v, 0, 16),
    },
  };
}

/** Runs `restic version`: a missing restic, an unreadable answer or one older than 0.14 is an error. */
export function detectVersion(timeoutMs = 10_000): Promise<ResticVersion> {
  return new Promise((resolve, reject) => {
    execFile('restic', ['version'], { timeout: timeoutMs }, (err, stdout) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new BasculeError([{ code: 'BASCULE_E_RESTIC_NOT_INSTALLED', params: { detail: 'ENOENT' } }]));
        return;
      }
      const v = parseVersion(String(stdout));
      if (!v || !atLeast(v, OLDEST.major, OLDEST.minor)) {
        const seen = String(stdout).split('\n')[0]?.slice(0, 100) || (err ? err.message.slice(0, 100) : '');
        reject(
          new BasculeError([
            {
              code: 'BASCULE_E_RESTIC_VERSION',
              params: { seen, oldest: `${OLDEST.major}.${OLDEST.minor}` },
            },
          ]),
        );
        return;
      }
      resolve(v);
    });
  });
}
