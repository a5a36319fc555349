/** Le plan de continuité d'activité en français, tel qu'un responsable de la continuité le rédige. */
import type {
  Block,
  Cell,
  ContactView,
  NextTest,
  PlanTemplate,
  PlanView,
  ServiceView,
  Tone,
  Verdict,
} from '../plan.ts';

const qui = (c: ContactView): string => `${c.name} (${c.role})`;

function verdict(v: Verdict, date: (ms: number) => string): Cell {
  switch (v.kind) {
    case 'met':
      return { text: `${v.objective} — ${v.measured} : respecté`, tone: 'ok' };
    case 'not-met':
      return { text: `${v.objective} — ${v.measured} : NON respecté`, tone: 'bad' };
    case 'never-measured':
      return { text: `${v.objective} — jamais mesuré`, tone: 'warn' };
    default:
      return {
        text: v.measured
          ? `aucun objectif fixé — ${v.measured}${v.at ? ` (le ${date(v.at)})` : ''}`
          : 'aucun objectif fixé',
        tone: 'muted',
      };
  }
}
const texte = (c: Cell): string => (typeof c === 'string' ? c : c.text);
const para = (t: string, tone?: Tone): Block =>
  tone ? { kind: 'p', text: t, tone } : { kind: 'p', text: t };
const ton = (c: Cell): Tone | undefined => (typeof c === 'string' ? undefined : c.tone);

const EVENEMENT: Readonly<Record<string, string>> = {
  started: 'Début d’incident',
  update: 'Point de situation',
  resolved: 'Fin d’incident',
};
const CANAL: Readonly<Record<string, string>> = {
  statusPage: 'Page d’état',
  email: 'E-mail aux clients',
  internal: 'Message interne',
};

function prochainTest(t: NextTest, date: (ms: number) => string): string {
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

function sectionService(s: ServiceView, v: PlanView, h: Parameters<PlanTemplate>[1]): Block[] {
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
  for (const b of s.backups) {
    const ou = h.list(b.targets.map((t) => `${t.id} (${[t.provider, t.region].filter(Boolean).join(' ')})`));
    const c = verdict(b.verdict, h.date);
    const restauration = b.lastRestoreTest
      ? `dernier test de restauration le ${h.date(b.lastRestoreTest.at)}${b.lastRestoreTest.ok ? '' : ', en échec'}`
      : 'aucun test de restauration à ce jour';
    out.push({
      kind: 'p',
      text: `Sauvegarde ${b.id} de ${b.component} : toutes les ${b.every}, copies sur ${ou} ; ${restauration}. RPO : ${texte(c)}. Règle 3-2-1-1-0 : ${b.rule.copies} copies, ${b.rule.media} supports, ${b.rule.offsite} hors site, ${b.rule.immutable} hors ligne ou immuable, ${b.rule.errors} erreur(s) — ${b.ruleMet ? 'respectée' : 'NON respectée'}.`,
      tone: b.ruleMet && b.verdict.kind === 'met' ? 'ok' : 'bad',
    });
  }
  return out;
}

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
          ? `enregistrements de bascule lus dans ${v.measured.where}`
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
  const restaurations = (v.backups ?? []).filter((x) => x.lastRestoreTest);
  if (restaurations.length)
    b.push({
      kind: 'table',
      head: ['Test de restauration', 'Sauvegarde', 'Résultat'],
      rows: restaurations.map((x) => [
        h.date(x.lastRestoreTest!.at),
        `${x.id} (${x.component})`,
        x.lastRestoreTest!.ok ? { text: 'restaurée', tone: 'ok' } : { text: 'en échec', tone: 'bad' },
      ]),
    });
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
