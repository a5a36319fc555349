/** The English plan's backups: per dataset where each copy lives, its age against the RPO, the last restore test, the 3-2-1-1-0 verdict. */
import type { DocumentHelpers } from '../document.ts';
import type { BackupView, Block, Cell, CopyPlace, CopyState, PlanRestoreTest } from '../plan.ts';
import { para, text, toneOf, verdict } from './en-words.ts';

const PLACE: Readonly<Record<CopyPlace, string>> = {
  region: 'same site as the data',
  provider: 'same provider, another region',
  offsite: 'off-site',
  unplaced: 'not placed on the map',
};
const STATE: Readonly<Record<CopyState, string>> = { ok: 'within the RPO', warn: 'late', breach: 'breach' };
const TONE = { ok: 'ok', warn: 'warn', breach: 'bad' } as const;

function rpoOrigin(b: BackupView): string {
  if (b.rpoFrom.from === 'service') return ` (that of ${b.rpoFrom.service})`;
  if (b.rpoFrom.from === 'every') return ' (no RPO is set: its schedule is judged)';
  return '';
}

export function backupBlocks(b: BackupView, h: DocumentHelpers): Block[] {
  const out: Block[] = [
    {
      kind: 'p',
      text: `Backup ${b.id} of ${b.component}: every ${b.every}, to ${h.count(b.targets.length, { one: 'copy', other: 'copies' })}; RPO ${b.rpo}${rpoOrigin(b)}.`,
    },
    {
      kind: 'table',
      head: ['Copy', 'Where it lives', 'Location', 'Last good copy', 'State'],
      rows: b.targets.map((t): Cell[] => [
        t.id,
        t.component
          ? `${t.component} (${[t.provider ?? 'no provider', t.region].filter(Boolean).join(', ')})`
          : 'no component',
        t.place === 'offsite' ? { text: PLACE[t.place], tone: 'ok' } : PLACE[t.place],
        t.age ? `${t.age} old` : b.measured ? { text: 'none', tone: 'bad' } : '—',
        b.measured
          ? { text: t.reason ? `${STATE[t.state]}: ${t.reason}` : STATE[t.state], tone: TONE[t.state] }
          : { text: 'not measured', tone: 'muted' },
      ]),
    },
  ];
  const c = verdict(b.verdict, h.date);
  out.push(para(`RPO: ${text(c)}.`, toneOf(c)));
  if (b.lastRunFailed) out.push(para('Its last run failed.', 'bad'));
  const r = b.lastRestoreTest;
  if (r)
    out.push(
      para(
        `Last restore test: ${h.date(r.at)}, from ${r.target} — ${r.ok ? 'restored and matched what was backed up' : 'FAILED'}.`,
        r.ok ? 'ok' : 'bad',
      ),
    );
  else
    out.push(
      para(
        `Restore: never verified${b.restoreOn ? '' : ' (verify.restore is off, so no restore is ever tested)'}.`,
        'bad',
      ),
    );
  const rule = `${h.count(b.rule.copies, { one: 'copy', other: 'copies' })}, ${h.count(b.rule.media, { one: 'medium', other: 'media' })}, ${b.rule.offsite} off-site, ${b.rule.immutable} immutable, ${b.rule.verified ? 'verified' : 'not verified'}`;
  out.push(
    para(
      b.rule.ok
        ? `3-2-1-1-0 rule: ${rule} — met.`
        : `3-2-1-1-0 rule: ${rule} — NOT met: ${b.ruleReasons.join('; ')}.`,
      b.rule.ok ? 'ok' : 'bad',
    ),
  );
  return out;
}

/** The restore tests recorded, for the exercises. */
export function restoreTable(tests: readonly PlanRestoreTest[], h: DocumentHelpers): Block {
  return {
    kind: 'table',
    head: ['Restore test', 'Backup', 'From', 'Snapshot', 'Result'],
    rows: tests.map((x) => [
      h.date(x.at),
      x.dataset,
      x.target,
      x.snapshot,
      x.ok ? { text: 'restored', tone: 'ok' } : { text: 'failed', tone: 'bad' },
    ]),
  };
}
