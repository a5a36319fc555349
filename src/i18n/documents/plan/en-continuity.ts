/** The English plan's continuity section of one service (failovers, procedures, backups) and the tests to schedule. */

import type { Block, NextTest, PlanTemplate, PlanView, ServiceView } from '../plan.ts';
import { backupBlocks } from './en-backups.ts';
import { para, text, toneOf, verdict } from './en-words.ts';

export function nextTest(t: NextTest, date: (ms: number) => string): string {
  switch (t.kind) {
    case 'switch-never':
      return `Run a failover test of ${t.subject} (${t.service}): it has never been switched, so its RTO is unproven.`;
    case 'switch-old':
      return `Run ${t.subject} (${t.service}) over again: its last switch dates from ${date(t.since!)}, before the last review period.`;
    case 'rto-not-met':
      return `Fix, then re-test, ${t.subject} (${t.service}): its last switch took longer than the RTO.`;
    case 'runbook':
      return `Walk through the procedure “${t.subject}” (${t.service}) with the people it names, and time each step.`;
    case 'restore-never':
      return `Test a restore of ${t.subject} (${t.service}): no restore has ever been tried.`;
    case 'restore-old':
      return `Test a restore of ${t.subject} (${t.service}) again: the last one dates from ${date(t.since!)}.`;
    default:
      return `Find out why the last restore of ${t.subject} (${t.service}) failed, and test it again.`;
  }
}

export function serviceSection(s: ServiceView, v: PlanView, h: Parameters<PlanTemplate>[1]): Block[] {
  const out: Block[] = [
    { kind: 'h', level: 3, text: `${s.name ?? s.id} (${s.criticality})`, id: `continuity-${s.id}` },
  ];
  if (s.failovers.length === 0)
    out.push(
      para(
        'No automatic failover: recovery relies on the manual procedures below.',
        s.rank === 'critical' ? 'warn' : undefined,
      ),
    );
  for (const f of s.failovers) {
    const how =
      f.type === 'bascule'
        ? `Bascule runs failover group ${f.id}: traffic goes to ${h.list(f.endpoints)}, in that order of preference.`
        : `Failover ${f.id} is run outside Bascule${f.via ? ` through ${f.via}` : ''}: ${h.list(f.endpoints)}.`;
    const detection = f.detection.length
      ? ` A failure is detected by ${h.list(f.detection.map((d) => `${d.check} (every ${d.interval}, down after ${h.count(d.failAfter, { one: 'failure', other: 'failures' })})`))}.`
      : '';
    out.push({ kind: 'p', text: `${how}${f.description ? ` ${f.description}.` : ''}${detection}` });
    const last = f.last
      ? `Last switch on ${h.date(f.last.at)}, ${f.last.from} → ${f.last.to}${f.last.total ? `, ${f.last.total} from the first failed check to the first request served` : ''}. `
      : f.type === 'bascule'
        ? 'This group has never switched. '
        : '';
    const c = verdict(f.verdict, h.date);
    out.push(para(`${last}RTO: ${text(c)}.`, toneOf(c)));
  }
  for (const r of s.runbooks) {
    out.push({ kind: 'p', text: `Procedure “${r.title}”${r.when ? ` — when: ${r.when}` : ''}.` });
    out.push({
      kind: 'table',
      head: ['#', 'Step', 'Who', 'Time'],
      rows: r.steps.map((st, i) => [String(i + 1), st.do, st.who.name, st.takes]),
    });
    const c = verdict(r.verdict, h.date);
    out.push(para(`Total ${r.total}. Against the RTO: ${text(c)}.`, toneOf(c)));
  }
  if (s.runbooks.length === 0)
    out.push({ kind: 'p', text: 'No manual procedure is written for this service.', tone: 'warn' });
  if (v.backups === undefined) out.push({ kind: 'p', text: 'Backups: no backups declared.', tone: 'warn' });
  else if (s.backups.length === 0)
    out.push({ kind: 'p', text: 'Backups: none of the declared backups covers this service.', tone: 'warn' });
  for (const b of s.backups) out.push(...backupBlocks(b, h));
  return out;
}
