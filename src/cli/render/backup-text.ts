/** `bascule backup status` for people: datasets, their targets, and what the 3-2-1-1-0 rule misses. */
import type { BackupState, DatasetStatus } from '../../backup/status.ts';
import { type Lang, t } from '../../i18n/index.ts';
import { formatDuration } from '../../model/duration.ts';
import { type Color, type Paint, table } from '../style.ts';

const COLOR: Readonly<Record<BackupState, Color>> = { ok: 'green', warn: 'yellow', breach: 'red' };

export function renderBackupStatus(
  name: string,
  list: readonly DatasetStatus[],
  lang: Lang,
  paint: Paint,
  now: number,
): string {
  if (list.length === 0) return t(lang, 'backup.none');
  const state = (s: BackupState) => paint(COLOR[s], t(lang, `backup.state.${s}`));
  const age = (seconds: number | null) => (seconds === null ? '—' : formatDuration(seconds * 1000));
  const rpo = (d: DatasetStatus) => {
    const r = formatDuration(d.rpo.ms);
    const src = d.rpo.source;
    return src.from === 'service'
      ? t(lang, 'backup.rpo.service', { rpo: r, service: src.service })
      : t(lang, src.from === 'every' ? 'backup.rpo.every' : 'backup.rpo.dataset', { rpo: r });
  };
  const lastRun = (d: DatasetStatus) =>
    d.lastRun === null
      ? t(lang, 'backup.run.none')
      : d.lastRun.ok
        ? t(lang, 'backup.run.ok', { at: d.lastRun.at })
        : paint('red', t(lang, 'backup.run.failed', { at: d.lastRun.at, error: d.lastRun.error ?? '' }));
  const parts = [
    paint('bold', `${name} — ${new Date(now).toISOString()}`),
    table(
      [
        t(lang, 'backup.col.DATASET'),
        t(lang, 'cli.col.STATE'),
        'RPO',
        t(lang, 'backup.col.LAST_RUN'),
        t(lang, 'backup.col.RULE'),
      ],
      list.map((d) => [
        d.id,
        state(d.status),
        rpo(d),
        lastRun(d),
        d.rule.ok ? paint('green', t(lang, 'backup.rule.met')) : t(lang, 'backup.rule.line', d.rule),
      ]),
      paint,
    ),
    table(
      [
        t(lang, 'backup.col.TARGET'),
        t(lang, 'backup.col.SNAPSHOT'),
        t(lang, 'backup.col.AGE'),
        t(lang, 'cli.col.STATE'),
      ],
      list.flatMap((d) =>
        d.targets.map((x) => [
          `${d.id} → ${x.id}`,
          x.snapshot ?? '—',
          age(x.ageSeconds),
          `${state(x.status)}${x.reason ? ` (${t(lang, `backup.status.${x.reason}`)})` : ''}`,
        ]),
      ),
      paint,
    ),
  ];
  for (const d of list) {
    if (d.rule.ok) continue;
    const lines = d.ruleReasons.map((r) => `  - ${t(lang, `backup.reason.${r.code}`, r.params as never)}`);
    parts.push([paint('yellow', t(lang, 'backup.rule.unmet', { dataset: d.id })), ...lines].join('\n'));
  }
  return parts.join('\n\n');
}
