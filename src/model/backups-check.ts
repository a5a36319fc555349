/**
 * Checks of `backups:` that need the whole map: a dataset has exactly one source and at least one
 * target, each target listed once; targets and components resolve (did-you-mean); a target says
 * where it lives (its component); a repository is one restic accepts; environment variable names
 * are names. And one warning: a schedule (`every`) longer than the RPO cannot meet it.
 */
import { BACKENDS, readRepository } from './backup-repository.ts';
import { datasetRpo } from './backup-rpo.ts';
import { formatDuration, parseDuration } from './duration.ts';
import type { PathSegment } from './locate.ts';
import { unknownRef } from './references.ts';
import type { Config } from './schema.ts';
import { ENV_NAME } from './schema-backups.ts';
import type { RawDiagnostic } from './schema-issues.ts';
import { suggest } from './suggest.ts';

const SOURCES = ['postgres', 'paths', 'command'] as const;

export function checkBackups(config: Config, out: RawDiagnostic[]): void {
  const b = config.backups;
  if (!b) return;
  const components = Object.keys(config.components);
  const targets = Object.keys(b.targets);
  for (const [id, target] of Object.entries(b.targets)) {
    const at: PathSegment[] = ['backups', 'targets', id];
    if (target.component === undefined)
      out.push({ code: 'BASCULE_E_CONFIG_BACKUP_PLACE', path: at, atKey: true, params: { target: id } });
    else if (!Object.hasOwn(config.components, target.component))
      out.push(unknownRef(target.component, 'component', components, [...at, 'component']));
    const read = readRepository(target.repository);
    if (!read.ok) {
      const hint = read.backend && read.problem === 'backend' ? suggest(read.backend, BACKENDS) : undefined;
      out.push({
        code: 'BASCULE_E_CONFIG_BACKUP_REPOSITORY',
        path: [...at, 'repository'],
        // Never the string itself when it holds a password.
        params: {
          value: read.problem === 'credentials' ? '***' : target.repository,
          problem: read.problem,
          ...(hint ? { suggestion: hint } : {}),
        },
      });
    }
    for (const name of Object.keys(target.env ?? {}))
      if (!ENV_NAME.test(name))
        out.push({
          code: 'BASCULE_E_CONFIG_BACKUP_ENV',
          path: [...at, 'env', name],
          atKey: true,
          params: { name },
        });
  }
  for (const [id, dataset] of Object.entries(b.datasets)) {
    const at: PathSegment[] = ['backups', 'datasets', id];
    if (!Object.hasOwn(config.components, dataset.component))
      out.push(unknownRef(dataset.component, 'component', components, [...at, 'component']));
    const given = SOURCES.filter((k) => dataset[k] !== undefined);
    if (given.length !== 1)
      out.push({
        code: 'BASCULE_E_CONFIG_BACKUP_SOURCE',
        path: at,
        atKey: true,
        params: { given: given.join(', '), count: given.length },
      });
    if (dataset.to.length === 0)
      out.push({ code: 'BASCULE_E_CONFIG_BACKUP_NO_TARGET', path: [...at, 'to'], params: { dataset: id } });
    dataset.to.forEach((t, i) => {
      if (!Object.hasOwn(b.targets, t)) out.push(unknownRef(t, 'backupTarget', targets, [...at, 'to', i]));
      else if (dataset.to.indexOf(t) !== i)
        out.push({
          code: 'BASCULE_E_CONFIG_BACKUP_DUPLICATE',
          path: [...at, 'to', i],
          params: { target: t },
        });
    });
  }
}

/** Warnings of a valid map's backups: a schedule that cannot meet its RPO. */
export function backupWarnings(config: Config): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  for (const [id, dataset] of Object.entries(config.backups?.datasets ?? {})) {
    const every = parseDuration(dataset.every);
    const rpo = datasetRpo(config, dataset);
    if (every === undefined || rpo.source.from === 'every' || every <= rpo.ms) continue;
    out.push({
      code: 'BASCULE_W_BACKUP_EVERY_RPO',
      path: ['backups', 'datasets', id, 'every'],
      params: {
        every: dataset.every,
        rpo: formatDuration(rpo.ms),
        from: rpo.source.from === 'service' ? rpo.source.service : '',
      },
    });
  }
  return out;
}
