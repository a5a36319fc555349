/**
 * Messages of the continuity plan: `bascule plan`'s own lines, the errors of the plan's keys, and
 * its words for the backups' evidence. The crisis messages it prints are in crisis.ts (shared with
 * the status page and the alerts); the plan itself is a per-language document (i18n/documents/plan/).
 */
import type { Translations } from '../types.ts';

type Placeholder = { readonly placeholder: string; readonly allowed: string };
type Reason = { readonly reason: string };
type Time = { readonly time: string };
type Age = { readonly age: string };

export const en = {
  'cli.plan.summary': 'Write the business continuity plan from the map, the analysis and what was measured',
  BASCULE_E_USAGE_PLAN_OUT:
    'a PDF is written to a file: add --out FILE (bascule plan --format pdf --out plan.pdf)',
  BASCULE_E_CONFIG_PLAN_TEXT: 'give this text in one language at least: "…", or {en: "…", fr: "…"}',
  BASCULE_E_CONFIG_PLAN_PLACEHOLDER: (p: Placeholder) =>
    `this message cannot fill "{${p.placeholder}}": it may use ${p.allowed}`,
  BASCULE_E_CONFIG_PLAN_DEPUTY: 'a contact cannot be its own deputy, nor be listed twice among them',
  BASCULE_E_PLAN_PDF: (p: Reason) =>
    `the plan could not be printed to PDF (${p.reason}): install Chromium (apt-get install chromium), or write the HTML with --format html and print it from a browser`,
  BASCULE_E_HTTP_PLAN_PDF: (p: Reason) =>
    `the plan cannot be printed to PDF here (${p.reason}): ask for format=html and print it from your browser, or install Chromium where the daemon runs`,
  BASCULE_E_HTTP_PLAN_FAILED: (p: Reason) =>
    `the plan could not be written (${p.reason}); try again in a moment`,
  'plan.lastSwitch': (p: Time) => `last measured switch ${p.time}`,
  'plan.planned': (p: Time) => `procedure planned at ${p.time}`,
  'plan.lastGood': (p: Age) => `last good copy ${p.age} old`,
  'plan.lastGoodOffsite': (p: Age) => `last good off-site copy ${p.age} old`,
  'plan.noGoodCopy': 'no good copy recorded',
  'plan.fill.start': 'time it started',
  'plan.fill.next': 'time of the next update',
  'plan.fill.end': 'time it ended',
} as const;

export const fr = {
  'cli.plan.summary':
    'Rédiger le plan de continuité d’activité à partir de la carte, de l’analyse et des mesures',
  BASCULE_E_USAGE_PLAN_OUT:
    'un PDF s’écrit dans un fichier : ajoutez --out FICHIER (bascule plan --format pdf --out plan.pdf)',
  BASCULE_E_CONFIG_PLAN_TEXT: 'donnez ce texte dans une langue au moins : « … », ou {en: "…", fr: "…"}',
  BASCULE_E_CONFIG_PLAN_PLACEHOLDER: (p: Placeholder) =>
    `ce message ne peut pas remplir « {${p.placeholder}} » : il peut employer ${p.allowed}`,
  BASCULE_E_CONFIG_PLAN_DEPUTY:
    'un contact ne peut pas être son propre suppléant, ni figurer deux fois parmi ses suppléants',
  BASCULE_E_PLAN_PDF: (p: Reason) =>
    `impossible d’imprimer le plan en PDF (${p.reason}) : installez Chromium (apt-get install chromium), ou produisez le HTML avec --format html et imprimez-le depuis un navigateur`,
  BASCULE_E_HTTP_PLAN_PDF: (p: Reason) =>
    `impossible d’imprimer le plan en PDF ici (${p.reason}) : demandez format=html et imprimez-le depuis votre navigateur, ou installez Chromium là où tourne le démon`,
  BASCULE_E_HTTP_PLAN_FAILED: (p: Reason) =>
    `le plan n’a pas pu être rédigé (${p.reason}) ; réessayez dans un instant`,
  'plan.lastSwitch': (p: Time) => `dernière bascule mesurée : ${p.time}`,
  'plan.planned': (p: Time) => `procédure prévue en ${p.time}`,
  'plan.lastGood': (p: Age) => `dernière copie valide vieille de ${p.age}`,
  'plan.lastGoodOffsite': (p: Age) => `dernière copie hors site valide vieille de ${p.age}`,
  'plan.noGoodCopy': 'aucune copie valide enregistrée',
  'plan.fill.start': 'heure de début',
  'plan.fill.next': 'heure du prochain point',
  'plan.fill.end': 'heure de fin',
} as const satisfies Translations<typeof en>;
