/** Le plan de continuité d'activité en français, tel qu'un responsable de la continuité le rédige. */

import type { Block, PlanTemplate } from '../plan.ts';
import { tableauRestaurations } from './fr-backups.ts';
import { prochainTest, sectionService } from './fr-continuity.ts';
import { CANAL, EVENEMENT, qui, verdict } from './fr-words.ts';

export const fr: PlanTemplate = (v, h) => {
  const b: Block[] = [];
  const p = v.plan;
  b.push({ kind: 'h', level: 1, text: `Plan de continuité d’activité — ${v.company}`, id: 'top' });
  b.push({
    kind: 'dl',
    items: [
      ['Organisation', v.company + (v.description ? ` — ${v.description}` : '')],
      ['Responsable du plan', p?.owner ? qui(p.owner) : 'non désigné'],
      ['Version', p?.version ?? '—'],
      ['Édité le', `${h.date(v.generatedAt)}, à partir de ${v.file}`],
      ['Dernière revue', p?.lastReviewed ? h.date(p.lastReviewed) : 'jamais'],
      [
        'Prochaine revue',
        p ? `${h.date(p.nextReview)}${p.overdue ? ' — EN RETARD' : ''} (tous les ${p.reviewEvery})` : '—',
      ],
      [
        'Mesures',
        v.measured.source === 'store'
          ? `enregistrements des bascules et des sauvegardes lus dans ${v.measured.where}`
          : `aucune : pas de base de données trouvée dans ${v.measured.where} ; toutes les durées de bascule sont donc « jamais mesurées »`,
      ],
    ],
  });
  if (!p)
    b.push({
      kind: 'p',
      text: 'La carte n’a pas de section « plan: » : indiquez-y le responsable, le périmètre et la fréquence de revue (docs/plan.md).',
      tone: 'warn',
    });
  b.push({ kind: 'toc', title: 'Sommaire' });

  // 1
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '1. Périmètre et gouvernance', id: 'scope' });
  b.push(
    p
      ? { kind: 'p', text: p.scope }
      : { kind: 'p', text: 'Le périmètre du plan n’est pas défini.', tone: 'warn' },
  );
  b.push({
    kind: 'p',
    text: `Ce plan est produit par Bascule à partir de la cartographie des dépendances ${v.file}, de son analyse et des mesures effectuées. Chaque objectif y est confronté aux faits : un objectif qu’aucune mesure n’étaye est signalé « jamais mesuré », jamais présumé atteint. Régénérez-le après toute modification de la carte, et au minimum à chaque revue.`,
  });

  // 2
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '2. Services critiques', id: 'services' });
  b.push({
    kind: 'p',
    text: `${h.count(v.services.length, { one: 'service', other: 'services' })}, du plus critique au moins critique. RTO : durée maximale de rétablissement visée ; RPO : perte de données maximale admissible ; DMIA : durée maximale d’interruption admissible.`,
  });
  b.push({
    kind: 'table',
    head: ['Service', 'Criticité', 'RTO', 'RPO', 'DMIA', 'Dépend de', 'RTO face aux mesures'],
    rows: v.services.map((s) => [
      s.name ? `${s.name} (${s.id})` : s.id,
      s.criticality,
      s.rto ?? '—',
      s.rpo ?? '—',
      s.mtpd ? (s.mtpdBelowRto ? { text: `${s.mtpd} (inférieure au RTO)`, tone: 'bad' } : s.mtpd) : '—',
      s.dependsOn.join(', ') || '—',
      verdict(s.rtoVerdict, h.date),
    ]),
  });
  for (const s of v.services.filter((x) => x.drawn)) {
    b.push({ kind: 'h', level: 3, text: `${s.name ?? s.id}`, id: `service-${s.id}` });
    const faits = [
      `Criticité ${s.criticality}`,
      s.rto ? `RTO ${s.rto}` : 'pas de RTO',
      s.rpo ? `RPO ${s.rpo}` : 'pas de RPO',
      s.mtpd ? `DMIA ${s.mtpd}` : undefined,
      s.owner ? `responsable : ${s.owner}` : undefined,
    ].filter(Boolean);
    b.push({ kind: 'p', text: `${faits.join(' · ')}.` });
    if (s.spofs.length)
      b.push({
        kind: 'p',
        text: `Points uniques de défaillance : ${h.list(s.spofs)} — la panne d’un seul d’entre eux arrête le service.`,
        tone: 'bad',
      });
    b.push({ kind: 'figure', service: s.id, caption: `Ce dont dépend ${s.name ?? s.id}` });
  }

  // 3
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '3. Risques', id: 'risks' });
  b.push({
    kind: 'p',
    text: `Score de résilience : ${v.score.value}/100 (note ${v.score.grade}). ${h.count(v.findings.length, { one: 'constat', other: 'constats' })}, du plus grave au moins grave.`,
  });
  if (v.findings.length)
    b.push({
      kind: 'table',
      head: ['Gravité', 'Constat', 'Que faire'],
      rows: v.findings.map((f) => [
        { text: f.severity, tone: f.rank === 'critical' || f.rank === 'high' ? 'bad' : 'warn' },
        f.message,
        f.recommendation,
      ]),
    });
  b.push({ kind: 'h', level: 3, text: 'Actions prioritaires', id: 'risks-actions' });
  if (v.actions.length)
    b.push({ kind: 'ol', items: v.actions.map((a) => `${a.title} (score ${a.before} → ${a.after})`) });
  else b.push({ kind: 'p', text: 'Aucune modification isolée n’améliorerait le score.' });
  b.push({
    kind: 'h',
    level: 3,
    text: 'Pannes passées auxquelles cette organisation ne résisterait pas',
    id: 'risks-outages',
  });
  if (v.outages.length === 0)
    b.push({
      kind: 'p',
      text: `Aucune des pannes de la bibliothèque n’arrêterait un service (${v.outagesSurvived} d’entre elles touchent la carte).`,
      tone: 'ok',
    });
  for (const o of v.outages) {
    b.push({ kind: 'p', text: `${o.date} — ${o.title} (${o.provider}) :` });
    b.push({ kind: 'ul', items: o.services.map((s) => `${s.service} s’arrête : ${s.chain.join(' → ')}`) });
  }

  // 4
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '4. Dispositifs de continuité', id: 'continuity' });
  b.push({
    kind: 'p',
    text: 'Pour chaque service : le mécanisme de bascule, les procédures manuelles et les sauvegardes, chacun confronté à ses objectifs.',
  });
  const simples = v.services.filter((s) => !s.detailed);
  for (const s of v.services) if (s.detailed) b.push(...sectionService(s, v, h));
  if (simples.length) {
    b.push({ kind: 'h', level: 3, text: 'Autres services', id: 'continuity-others' });
    b.push({
      kind: 'p',
      text: 'Aucune bascule, procédure écrite ni sauvegarde n’est déclarée pour ces services : leur reprise se fera selon les moyens du moment.',
      tone: 'warn',
    });
    b.push({
      kind: 'table',
      head: ['Service', 'Criticité', 'RTO', 'RPO'],
      rows: simples.map((s) => [s.id, s.criticality, s.rto ?? '—', s.rpo ?? '—']),
    });
  }

  // 5
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '5. Organisation de crise', id: 'crisis' });
  if (v.contacts.length)
    b.push({
      kind: 'table',
      head: ['Rôle', 'Nom', 'Téléphone', 'E-mail', 'Suppléants'],
      rows: v.contacts.map((c) => [
        c.role,
        c.name,
        c.phone ?? '—',
        c.email ?? '—',
        c.deputies.join(', ') || '—',
      ]),
    });
  else
    b.push({
      kind: 'p',
      text: 'Aucun contact n’est déclaré (contacts:) : personne n’est désigné pour agir.',
      tone: 'bad',
    });
  const e = v.escalation;
  b.push({ kind: 'h', level: 3, text: 'Déclenchement de la cellule de crise', id: 'crisis-criteria' });
  if (e) {
    b.push({
      kind: 'p',
      text: `La crise est déclarée par ${qui(e.declaredBy)} — ou, en son absence, par l’un de ses suppléants — dès que l’une de ces situations se présente :`,
    });
    b.push({ kind: 'ul', items: [...e.criteria] });
    if (e.levels.length) {
      b.push({ kind: 'h', level: 3, text: 'Escalade', id: 'crisis-escalation' });
      b.push({
        kind: 'table',
        head: ['Au bout de', 'Qui est appelé'],
        rows: e.levels.map((l) => [
          l.after === '' ? 'immédiatement' : l.after,
          l.contacts.map((c) => (c.phone ? `${c.name} (${c.phone})` : c.name)).join(' ; '),
        ]),
      });
    }
    if (e.decisions.length) {
      b.push({ kind: 'h', level: 3, text: 'Qui décide de quoi', id: 'crisis-decisions' });
      b.push({
        kind: 'table',
        head: ['Décision', 'Prise par'],
        rows: e.decisions.map((d) => [d.decision, d.by.name]),
      });
    }
  } else
    b.push({ kind: 'p', text: 'Aucun critère de déclenchement n’est déclaré (escalation:).', tone: 'warn' });

  // 6
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '6. Communication de crise', id: 'communication' });
  b.push({
    kind: 'p',
    text: 'Messages prêts à l’emploi. Complétez les heures entre crochets ; les services cités sont ceux qu’une panne critique toucherait.',
  });
  for (const m of v.messages)
    b.push({
      kind: 'message',
      title: `${CANAL[m.channel]} — ${EVENEMENT[m.event]}${m.custom ? ' (votre rédaction)' : ''}`,
      ...(m.subject ? { subject: m.subject } : {}),
      body: m.body,
    });
  b.push({ kind: 'h', level: 3, text: 'Fournisseurs à contacter', id: 'communication-suppliers' });
  b.push({
    kind: 'table',
    head: ['Fournisseur', 'Fournit', 'Support', 'Téléphone', 'E-mail', 'Site', 'N° client'],
    rows: v.suppliers.map((s) => [
      s.name,
      s.components.join(', '),
      s.declared ? (s.support ?? '—') : { text: 'aucun contact déclaré', tone: 'warn' },
      s.phone ?? '—',
      s.email ?? '—',
      s.url ?? '—',
      s.account ?? '—',
    ]),
  });

  // 7
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '7. Exercices et tests', id: 'exercises' });
  b.push({ kind: 'h', level: 3, text: 'Ce qui a été testé', id: 'exercises-done' });
  if (v.switches.length)
    b.push({
      kind: 'table',
      head: ['Date', 'Groupe', 'Service', 'Bascule', 'Motif', 'Interruption vue des utilisateurs'],
      rows: v.switches.map((s) => [
        h.date(s.at),
        s.group,
        s.service,
        `${s.from} → ${s.to}`,
        s.reason,
        s.total ?? '—',
      ]),
    });
  else
    b.push({
      kind: 'p',
      text:
        v.measured.source === 'store'
          ? 'Aucune bascule n’est enregistrée.'
          : 'Rien n’a encore été mesuré : aucune base de données n’a été trouvée.',
      tone: 'warn',
    });
  if (v.restoreTests.length) b.push(tableauRestaurations(v.restoreTests, h));
  else if (v.backups?.length)
    b.push({ kind: 'p', text: 'Aucun test de restauration n’est enregistré.', tone: 'warn' });
  b.push({ kind: 'h', level: 3, text: 'Prochains tests à planifier', id: 'exercises-next' });
  if (v.nextTests.length) b.push({ kind: 'ol', items: v.nextTests.map((t) => prochainTest(t, h.date)) });
  else
    b.push({
      kind: 'p',
      text: 'Tous les dispositifs ont été testés pendant la période de revue.',
      tone: 'ok',
    });

  // 8
  b.push({ kind: 'break' }, { kind: 'h', level: 2, text: '8. Annexes', id: 'appendix' });
  b.push({ kind: 'h', level: 3, text: 'Cartographie complète', id: 'appendix-map' });
  if (v.mapDrawn)
    b.push({ kind: 'figure', service: undefined, caption: `Cartographie des dépendances de ${v.company}` });
  b.push({
    kind: 'table',
    head: ['Composant', 'Fournisseur', 'Région', 'Nature', 'Dépend de'],
    rows: v.components.map((c) => [
      c.id,
      c.provider ?? 'logique',
      c.region ?? '—',
      c.kind ?? '—',
      c.dependsOn.join(', ') || '—',
    ]),
  });
  b.push({ kind: 'h', level: 3, text: 'Glossaire', id: 'appendix-glossary' });
  b.push({
    kind: 'dl',
    items: [
      [
        'PCA',
        'Plan de continuité d’activité : l’organisation et les moyens qui permettent de maintenir les activités essentielles pendant une crise, puis de revenir à la normale (en anglais : BCP).',
      ],
      [
        'RTO',
        'Recovery Time Objective, durée maximale de rétablissement visée : le temps au bout duquel le service doit fonctionner de nouveau.',
      ],
      [
        'RPO',
        'Recovery Point Objective, perte de données maximale admissible, exprimée en durée : avec un RPO d’une heure, on accepte de perdre au plus la dernière heure.',
      ],
      [
        'DMIA',
        'Durée maximale d’interruption admissible : au-delà, les conséquences pour l’entreprise deviennent inacceptables (en anglais : MTPD). Le RTO doit lui être inférieur.',
      ],
      [
        'SPOF',
        'Point unique de défaillance (Single Point Of Failure) : un composant dont la seule panne arrête un service.',
      ],
      [
        '3-2-1-1-0',
        'La règle des sauvegardes : 3 copies des données, sur 2 supports différents, dont 1 hors site et 1 hors ligne ou immuable, et 0 erreur à la vérification des copies.',
      ],
      [
        'Bascule',
        'Le passage d’un service de ses moyens habituels à ses moyens de secours ; le retour s’appelle la rebascule.',
      ],
    ],
  });
  return b;
};
