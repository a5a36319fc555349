/**
 * The data directory, made ready and held for the life of the daemon: created if missing (0700),
 * checked writable (a read-only one is named as such, not as a failed SQLite open), and locked, so
 * two daemons never share one (they would open two incidents for one outage and fight over state).
 *
 * The lock is an exclusive SQLite transaction kept open on `<dataDir>/daemon.lock`: a POSIX record
 * lock, which the kernel releases when the process ends however it ends (SIGKILL, a crash, a power
 * cut), so a stale lock never outlives its holder. `<dataDir>/daemon.pid` names the holder for the
 * second daemon's message.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode, fail } from '../errors.ts';
import Database from '../store/sqlite-driver.ts';

export const LOCK_FILE = 'daemon.lock';
export const PID_FILE = 'daemon.pid';

export interface DataDirLock {
  readonly dir: string;
  /** Releases the lock (the daemon stops). Idempotent. */
  release(): void;
}

/** Creates the directory if needed and checks that files can be written in it. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    // mkdir -p on a file says EEXIST: what the user needs to hear is that it is not a directory.
    throw (e as NodeJS.ErrnoException).code === 'EEXIST'
      ? fail('BASCULE_E_DATA_DIR', { dir, reason: 'ENOTDIR' })
      : dirError(dir, e);
  }
  const probe = join(dir, `.write-test-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
    unlinkSync(probe);
  } catch (e) {
    throw dirError(dir, e);
  }
}

/** Takes the data directory's lock, or fails naming the daemon that holds it (exit 2). */
export function lockDataDir(dir: string): DataDirLock {
  let db: InstanceType<typeof Database>;
  try {
    db = new Database(join(dir, LOCK_FILE));
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER)');
  } catch (e) {
    if (isBusy(e)) throw held(dir);
    throw dirError(dir, e);
  }
  try {
    db.exec('BEGIN EXCLUSIVE');
    db.exec('DELETE FROM holder'); // a write: the exclusive lock is held until the transaction ends
  } catch (e) {
    db.close();
    if (isBusy(e)) throw held(dir);
    throw dirError(dir, e);
  }
  const pidFile = join(dir, PID_FILE);
  writeFileSync(pidFile, `${process.pid}\n`);
  let released = false;
  return {
    dir,
    release() {
      if (released) return;
      released = true;
      try {
        if (readFileSync(pidFile, 'utf8').trim() === String(process.pid)) unlinkSync(pidFile);
      } catch {
        // already gone
      }
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
}

function held(dir: string) {
  let pid = '?';
  try {
    pid = readFileSync(join(dir, PID_FILE), 'utf8').trim() || '?';
  } catch {
    // the holder has not written it yet
  }
  return fail('BASCULE_E_DATA_DIR_LOCKED', { dir, pid });
}

function dirError(dir: string, e: unknown) {
  const code = (e as NodeJS.ErrnoException).code;
  if (
    code === 'EROFS' ||
    code === 'SQLITE_READONLY' ||
    (e as { code?: string }).code?.startsWith('SQLITE_READONLY')
  )
    return fail('BASCULE_E_DATA_DIR_READONLY', { dir });
  return fail('BASCULE_E_DATA_DIR', { dir, reason: errorCode(e) });
}
