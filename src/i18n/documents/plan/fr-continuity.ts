/** La section de continuité d’un service dans le plan en français (bascules, procédures, sauvegardes) et les tests à programmer. */

import type { Block, NextTest, PlanTemplate, PlanView, ServiceView } from '../plan.ts';
import { blocsSauvegarde } from './fr-backups.ts';
import { para, texte, ton, verdict } from './fr-words.ts';

export function prochainTest(t: NextTest, date: (ms: number) => string): string {
  switch (t.kind) {
    case 'switch-never':
      return `Tester la bascule de ${t.subject} (${t.service}) : elle n’a jamais eu lieu, son RTO reste donc à prouver.`;
    case 'switch-old':
      return `Refaire un test de bascule de ${t.subject} (${t.service}) : la dernière remonte au ${date(t.since!)}, avant la dernière période de revue.`;
    case 'rto-not-met':
      return `Corriger puis retester ${t.subject} (${t.service}) : sa dernière bascule a dépassé le RTO.`;
    case 'runbook':
      return `Dérouler la procédure « ${t.subject} » (${t.service}) avec les personnes désignées, en chronométrant chaque étape.`;
    case 'restore-never':
      return `Tester une restauration de ${t.subject} (${t.service}) : aucune n’a jamais été faite.`;
    case 'restore-old':
      return `Refaire un test de restauration de ${t.subject} (${t.service}) : le dernier date du ${date(t.since!)}.`;
    default:
      return `Comprendre pourquoi la dernière restauration de ${t.subject} (${t.service}) a échoué, puis la retester.`;
  }
}

export function sectionService(s: ServiceView, v: PlanView, h: Parameters<PlanTemplate>[1]): Block[] {
  const out: Block[] = [
    { kind: 'h', level: 3, text: `${s.name ?? s.id} (${s.criticality})`, id: `continuity-${s.id}` },
  ];
  if (s.failovers.length === 0)
    out.push(
      para(
        'Pas de bascule automatique : la reprise repose sur les procédures manuelles ci-dessous.',
        s.rank === 'critical' ? 'warn' : undefined,
      ),
    );
  for (const f of s.failovers) {
    const comment =
      f.type === 'bascule'
        ? `Bascule pilote le groupe de bascule ${f.id} : le trafic va vers ${h.list(f.endpoints)}, dans cet ordre de préférence.`
        : `La bascule ${f.id} est assurée hors de Bascule${f.via ? `, par ${f.via}` : ''} : ${h.list(f.endpoints)}.`;
    const detection = f.detection.length
      ? ` La panne est détectée par ${h.list(f.detection.map((d) => `${d.check} (toutes les ${d.interval}, en panne après ${h.count(d.failAfter, { one: 'échec', other: 'échecs' })})`))}.`
      : '';
    out.push({ kind: 'p', text: `${comment}${f.description ? ` ${f.description}.` : ''}${detection}` });
    const derniere = f.last
      ? `Dernière bascule le ${h.date(f.last.at)}, de ${f.last.from} vers ${f.last.to}${f.last.total ? ` : ${f.last.total} entre le premier contrôle en échec et la première requête servie` : ''}. `
      : f.type === 'bascule'
        ? 'Ce groupe n’a encore jamais basculé. '
        : '';
    const c = verdict(f.verdict, h.date);
    out.push(para(`${derniere}RTO : ${texte(c)}.`, ton(c)));
  }
  for (const r of s.runbooks) {
    out.push({
      kind: 'p',
      text: `Procédure « ${r.title} »${r.when ? ` — à déclencher quand : ${r.when}` : ''}.`,
    });
    out.push({
      kind: 'table',
      head: ['N°', 'Étape', 'Qui', 'Durée'],
      rows: r.steps.map((st, i) => [String(i + 1), st.do, st.who.name, st.takes]),
    });
    const c = verdict(r.verdict, h.date);
    out.push(para(`Durée totale : ${r.total}. Au regard du RTO : ${texte(c)}.`, ton(c)));
  }
  if (s.runbooks.length === 0)
    out.push({ kind: 'p', text: 'Aucune procédure manuelle n’est rédigée pour ce service.', tone: 'warn' });
  if (v.backups === undefined)
    out.push({ kind: 'p', text: 'Sauvegardes : aucune sauvegarde déclarée.', tone: 'warn' });
  else if (s.backups.length === 0)
    out.push({
      kind: 'p',
      text: 'Sauvegardes : aucune des sauvegardes déclarées ne couvre ce service.',
      tone: 'warn',
    });
  for (const b of s.backups) out.push(...blocsSauvegarde(b, h));
  return out;
}
