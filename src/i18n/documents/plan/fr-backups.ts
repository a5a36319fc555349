/** Les sauvegardes dans le plan en français : où vit chaque copie, son âge au regard du RPO, le dernier test de restauration, la règle 3-2-1-1-0. */
import type { DocumentHelpers } from '../document.ts';
import type { BackupView, Block, Cell, CopyPlace, CopyState, PlanRestoreTest } from '../plan.ts';
import { para, texte, ton, verdict } from './fr-words.ts';

const LIEU: Readonly<Record<CopyPlace, string>> = {
  region: 'même site que les données',
  provider: 'même hébergeur, autre région',
  offsite: 'hors site',
  unplaced: 'non placée sur la carte',
};
const ETAT: Readonly<Record<CopyState, string>> = {
  ok: 'dans le RPO',
  warn: 'en retard',
  breach: 'hors délai',
};
const TON = { ok: 'ok', warn: 'warn', breach: 'bad' } as const;

function origineRpo(b: BackupView): string {
  if (b.rpoFrom.from === 'service') return ` (celui de ${b.rpoFrom.service})`;
  if (b.rpoFrom.from === 'every') return ' (aucun RPO fixé : seule la fréquence est jugée)';
  return '';
}

export function blocsSauvegarde(b: BackupView, h: DocumentHelpers): Block[] {
  const out: Block[] = [
    {
      kind: 'p',
      text: `Sauvegarde ${b.id} de ${b.component} : toutes les ${b.every}, vers ${h.count(b.targets.length, { one: 'copie', other: 'copies' })} ; RPO ${b.rpo}${origineRpo(b)}.`,
    },
    {
      kind: 'table',
      head: ['Copie', 'Où elle se trouve', 'Emplacement', 'Dernière copie valide', 'État'],
      rows: b.targets.map((t): Cell[] => [
        t.id,
        t.component
          ? `${t.component} (${[t.provider ?? 'sans hébergeur', t.region].filter(Boolean).join(', ')})`
          : 'sans composant',
        t.place === 'offsite' ? { text: LIEU[t.place], tone: 'ok' } : LIEU[t.place],
        t.age ? `il y a ${t.age}` : b.measured ? { text: 'aucune', tone: 'bad' } : '—',
        b.measured
          ? { text: t.reason ? `${ETAT[t.state]} : ${t.reason}` : ETAT[t.state], tone: TON[t.state] }
          : { text: 'non mesuré', tone: 'muted' },
      ]),
    },
  ];
  const c = verdict(b.verdict, h.date);
  out.push(para(`RPO : ${texte(c)}.`, ton(c)));
  if (b.lastRunFailed) out.push(para('Sa dernière exécution a échoué.', 'bad'));
  const r = b.lastRestoreTest;
  if (r)
    out.push(
      para(
        `Dernier test de restauration : le ${h.date(r.at)}, depuis ${r.target} — ${r.ok ? 'restaurée et conforme à ce qui avait été sauvegardé' : 'EN ÉCHEC'}.`,
        r.ok ? 'ok' : 'bad',
      ),
    );
  else
    out.push(
      para(
        `Restauration : jamais vérifiée${b.restoreOn ? '' : ' (verify.restore est désactivé : aucune restauration n’est jamais testée)'}.`,
        'bad',
      ),
    );
  const regle = `${h.count(b.rule.copies, { one: 'copie', other: 'copies' })}, ${h.count(b.rule.media, { one: 'support', other: 'supports' })}, ${b.rule.offsite} hors site, ${b.rule.immutable} immuable, ${b.rule.verified ? 'vérifiée' : 'non vérifiée'}`;
  out.push(
    para(
      b.rule.ok
        ? `Règle 3-2-1-1-0 : ${regle} — respectée.`
        : `Règle 3-2-1-1-0 : ${regle} — NON respectée : ${b.ruleReasons.join(' ; ')}.`,
      b.rule.ok ? 'ok' : 'bad',
    ),
  );
  return out;
}

/** Les tests de restauration enregistrés, pour les exercices. */
export function tableauRestaurations(tests: readonly PlanRestoreTest[], h: DocumentHelpers): Block {
  return {
    kind: 'table',
    head: ['Test de restauration', 'Sauvegarde', 'Depuis', 'Instantané', 'Résultat'],
    rows: tests.map((x) => [
      h.date(x.at),
      x.dataset,
      x.target,
      x.snapshot,
      x.ok ? { text: 'restaurée', tone: 'ok' } : { text: 'en échec', tone: 'bad' },
    ]),
  };
}
