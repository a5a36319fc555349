/**
 * A target of `backups:` as the restic library drives it: its repository (a relative local path
 * resolved beside the map), its password and environment read from their {env}/{file} references
 * (relative to the map's folder), and restic's cache under the data directory. A secret that is not
 * there is a located error that names where it is expected, never its value.
 */
import { join, resolve } from 'node:path';

import { fail } from '../../errors.ts';
import { readRepository } from '../../model/backup-repository.ts';
import type { Config } from '../../model/schema.ts';
import { suggest } from '../../model/suggest.ts';
import { readSecret } from '../../platform/secrets.ts';
import type { ResticRepo } from '../restic/index.ts';

export interface TargetContext {
  readonly config: Config;
  /** The map's folder: {file} secrets and relative paths are read from there. */
  readonly baseDir: string;
  /** Where restic's cache goes (`<dataDir>/restic-cache`). */
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
}

/** The repository string as restic must read it: a relative local path made absolute beside the map. */
export function repositoryOf(repository: string, baseDir: string): string {
  const reading = readRepository(repository);
  if (!reading.ok || reading.backend !== 'local') return repository;
  const local = repository.startsWith('local:') ? repository.slice('local:'.length) : repository;
  return resolve(baseDir, local);
}

/** Every target id of the map. */
export function targetIds(config: Config): string[] {
  return Object.keys(config.backups?.targets ?? {});
}

/** Throws the located did-you-mean error for a target the map does not have. */
export function knownTarget(config: Config, id: string): void {
  const ids = targetIds(config);
  if (ids.includes(id)) return;
  const hint = suggest(id, ids);
  throw fail('BASCULE_E_BACKUP_UNKNOWN_TARGET', {
    target: id,
    known: ids.join(', '),
    ...(hint ? { suggestion: hint } : {}),
  });
}

/** The ResticRepo of a target, its secrets read (a missing one throws BASCULE_E_SECRET_MISSING). */
export function resticRepo(ctx: TargetContext, id: string): ResticRepo {
  knownTarget(ctx.config, id);
  const spec = ctx.config.backups!.targets[id]!;
  const where = `backups.targets.${id}`;
  const env: Record<string, string> = {};
  for (const [name, ref] of Object.entries(spec.env ?? {}))
    env[name] = readSecret(ref, `${where}.env.${name}`, ctx.baseDir, ctx.env);
  return {
    repository: repositoryOf(spec.repository, ctx.baseDir),
    password: readSecret(spec.password, `${where}.password`, ctx.baseDir, ctx.env),
    env,
    cacheDir: join(ctx.dataDir, 'restic-cache'),
  };
}
