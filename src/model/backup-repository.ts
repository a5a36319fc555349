/**
 * restic repository strings, read as restic reads them: which backend, and whether restic would
 * accept the rest of the string. Used to refuse a repository at validation rather than at the first
 * backup, and to tell what medium a copy is on (a disk — a local path or an SSH NAS —, object
 * storage, a REST server) for the 3-2-1-1-0 rule.
 */
import type { RepositoryProblem } from '../errors.ts';
import { isHttpUrl } from './schema-primitives.ts';

export type { RepositoryProblem };

export const BACKENDS = ['local', 'sftp', 'rest', 's3', 'b2', 'azure', 'gs', 'swift', 'rclone'] as const;
export type Backend = (typeof BACKENDS)[number];

/** What a copy is stored on: kinds of media that do not fail the same way. */
export type Medium = 'disk' | 'object' | 'rest' | 'rclone';

const MEDIUM: Readonly<Record<Backend, Medium>> = {
  local: 'disk',
  sftp: 'disk',
  rest: 'rest',
  s3: 'object',
  b2: 'object',
  azure: 'object',
  gs: 'object',
  swift: 'object',
  rclone: 'rclone',
};

export type RepositoryReading =
  | { readonly ok: true; readonly backend: Backend; readonly medium: Medium }
  | { readonly ok: false; readonly problem: RepositoryProblem; readonly backend?: string };

const SCHEME = /^([A-Za-z][A-Za-z0-9]+):(.*)$/s;

/** A URL with a password in it: a secret written in the map. */
function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

function checkRest(rest: string): RepositoryProblem | undefined {
  if (!isHttpUrl(rest)) return 'rest';
  return hasPassword(rest) ? 'credentials' : undefined;
}

function checkSftp(rest: string): RepositoryProblem | undefined {
  if (rest.startsWith('//')) {
    // sftp://user@host:port//path
    const m = /^\/\/([^/]+)\/(.+)$/.exec(rest);
    if (!m || /:[^:]*@/.test(m[1]!)) return m ? 'credentials' : 'sftp';
    return undefined;
  }
  // sftp:user@host:/path
  const m = /^(?:[^@:/]+@)?([^@:/]+):(.+)$/.exec(rest);
  return m ? undefined : 'sftp';
}

function checkS3(rest: string): RepositoryProblem | undefined {
  if (/^https?:\/\//.test(rest)) {
    if (!isHttpUrl(rest)) return 's3';
    if (hasPassword(rest)) return 'credentials';
    return new URL(rest).pathname.replace(/^\/+/, '') === '' ? 's3' : undefined;
  }
  // s3:host/bucket[/prefix]
  return /^[^/\s]+\/[^/\s]+/.test(rest) ? undefined : 's3';
}

/** b2:bucket:path, azure:container:/path, gs:bucket:/path, swift:container:/path. */
function checkBucket(rest: string): RepositoryProblem | undefined {
  return /^[^:/\s]+(:.*)?$/.test(rest) ? undefined : 'bucket';
}

/** How restic reads a repository string. */
export function readRepository(repository: string): RepositoryReading {
  if (repository.trim() === '') return { ok: false, problem: 'empty' };
  const m = SCHEME.exec(repository);
  if (!m) {
    // backup@nas.local:/volume1: an SSH address without its sftp: (restic would make a local folder).
    if (/^[^/\\]*[@.][^/\\]*:/.test(repository)) return { ok: false, problem: 'scp' };
    return { ok: true, backend: 'local', medium: 'disk' };
  }
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (!(BACKENDS as readonly string[]).includes(scheme))
    return { ok: false, problem: 'backend', backend: scheme };
  const backend = scheme as Backend;
  const problem = (() => {
    switch (backend) {
      case 'local':
        return rest.trim() === '' ? 'empty' : undefined;
      case 'sftp':
        return checkSftp(rest);
      case 'rest':
        return checkRest(rest);
      case 's3':
        return checkS3(rest);
      case 'rclone':
        return rest.trim() === '' ? 'rclone' : undefined;
      default:
        return checkBucket(rest);
    }
  })();
  return problem ? { ok: false, problem, backend } : { ok: true, backend, medium: MEDIUM[backend] };
}
