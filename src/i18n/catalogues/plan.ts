/**
 * Messages of the continuity plan: `bascule plan`'s own lines, the errors of the plan's keys, and
 * the default messages of a crisis (status page, customer e-mail, internal message; an incident
 * that starts, an update, the end), with {company}, {services}, {start}, {next}, {end}. The plan
 * itself is a per-language document (i18n/documents/plan/).
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
    `the plan cannot fill "{${p.placeholder}}": a message may use ${p.allowed}`,
  BASCULE_E_CONFIG_PLAN_DEPUTY: 'a contact cannot be its own deputy, nor be listed twice among them',
  BASCULE_E_PLAN_PDF: (p: Reason) =>
    `the plan could not be printed to PDF (${p.reason}): install Chromium (apt-get install chromium), or write the HTML with --format html and print it from a browser`,
  'plan.lastSwitch': (p: Time) => `last measured switch ${p.time}`,
  'plan.planned': (p: Time) => `procedure planned at ${p.time}`,
  'plan.lastGood': (p: Age) => `last good snapshot ${p.age} old`,
  'plan.fill.start': 'time it started',
  'plan.fill.next': 'time of the next update',
  'plan.fill.end': 'time it ended',
  'plan.message.statusPage.started.subject': '{services}: service disruption',
  'plan.message.statusPage.started.body':
    'Since {start}, {services} is unavailable or disrupted. Our teams are on it and will post an update by {next}.',
  'plan.message.statusPage.update.subject': '{services}: recovery in progress',
  'plan.message.statusPage.update.body':
    'We have found the cause and are bringing {services} back. Next update by {next}.',
  'plan.message.statusPage.resolved.subject': '{services}: back to normal',
  'plan.message.statusPage.resolved.body':
    '{services} has been working normally again since {end}. We are sorry for the trouble this caused.',
  'plan.message.email.started.subject': '{company}: {services} currently unavailable',
  'plan.message.email.started.body':
    'Dear customer,\n\nSince {start}, {services} has been unavailable. We are working to restore it as quickly as possible and will write again by {next}. Your data is safe.\n\nPlease accept our apologies,\nThe {company} team',
  'plan.message.email.update.subject': '{company}: {services}, where we stand',
  'plan.message.email.update.body':
    'Dear customer,\n\n{services} is still unavailable. We know the cause and expect to be back by {next}. We will write again as soon as it is.\n\nThe {company} team',
  'plan.message.email.resolved.subject': '{company}: {services} is back',
  'plan.message.email.resolved.body':
    'Dear customer,\n\n{services} has been working normally again since {end}. Thank you for your patience, and our apologies for the disruption.\n\nThe {company} team',
  'plan.message.internal.started.subject': 'Incident: {services} down',
  'plan.message.internal.started.body':
    '{services} has been down since {start}. The crisis unit is meeting now; do not speak to customers or the press before you receive the agreed wording. Next update by {next}.',
  'plan.message.internal.update.subject': 'Incident: {services}, update',
  'plan.message.internal.update.body':
    'Where we stand on {services}: the cause is known and the recovery procedure is under way. Next update by {next}.',
  'plan.message.internal.resolved.subject': 'Incident closed: {services}',
  'plan.message.internal.resolved.body':
    '{services} has been back to normal since {end}. The crisis unit is stood down; the review of the incident will follow this week.',
} as const;

export const fr = {
  'cli.plan.summary':
    'Rédiger le plan de continuité d’activité à partir de la carte, de l’analyse et des mesures',
  BASCULE_E_USAGE_PLAN_OUT:
    'un PDF s’écrit dans un fichier : ajoutez --out FICHIER (bascule plan --format pdf --out plan.pdf)',
  BASCULE_E_CONFIG_PLAN_TEXT: 'donnez ce texte dans une langue au moins : « … », ou {en: "…", fr: "…"}',
  BASCULE_E_CONFIG_PLAN_PLACEHOLDER: (p: Placeholder) =>
    `le plan ne sait pas remplir « {${p.placeholder}} » : un message peut employer ${p.allowed}`,
  BASCULE_E_CONFIG_PLAN_DEPUTY:
    'un contact ne peut pas être son propre suppléant, ni figurer deux fois parmi ses suppléants',
  BASCULE_E_PLAN_PDF: (p: Reason) =>
    `impossible d’imprimer le plan en PDF (${p.reason}) : installez Chromium (apt-get install chromium), ou produisez le HTML avec --format html et imprimez-le depuis un navigateur`,
  'plan.lastSwitch': (p: Time) => `dernière bascule mesurée : ${p.time}`,
  'plan.planned': (p: Time) => `procédure prévue en ${p.time}`,
  'plan.lastGood': (p: Age) => `dernière sauvegarde valide vieille de ${p.age}`,
  'plan.fill.start': 'heure de début',
  'plan.fill.next': 'heure du prochain point',
  'plan.fill.end': 'heure de fin',
  'plan.message.statusPage.started.subject': '{services} : service perturbé',
  'plan.message.statusPage.started.body':
    'Depuis {start}, {services} est indisponible ou perturbé. Nos équipes sont mobilisées ; prochain point au plus tard à {next}.',
  'plan.message.statusPage.update.subject': '{services} : rétablissement en cours',
  'plan.message.statusPage.update.body':
    'La cause est identifiée et le rétablissement de {services} est en cours. Prochain point au plus tard à {next}.',
  'plan.message.statusPage.resolved.subject': '{services} : retour à la normale',
  'plan.message.statusPage.resolved.body':
    '{services} fonctionne de nouveau normalement depuis {end}. Nous vous prions de nous excuser pour la gêne occasionnée.',
  'plan.message.email.started.subject': '{company} : {services} momentanément indisponible',
  'plan.message.email.started.body':
    'Madame, Monsieur,\n\nDepuis {start}, {services} est indisponible. Nous mettons tout en œuvre pour le rétablir au plus vite et reviendrons vers vous au plus tard à {next}. Vos données ne sont pas en cause.\n\nNous vous prions de nous excuser pour ce désagrément.\nL’équipe {company}',
  'plan.message.email.update.subject': '{company} : point sur {services}',
  'plan.message.email.update.body':
    'Madame, Monsieur,\n\n{services} est toujours indisponible. La cause est identifiée et nous prévoyons un retour à la normale vers {next}. Nous vous écrirons dès que ce sera le cas.\n\nL’équipe {company}',
  'plan.message.email.resolved.subject': '{company} : {services} est rétabli',
  'plan.message.email.resolved.body':
    'Madame, Monsieur,\n\n{services} fonctionne de nouveau normalement depuis {end}. Merci de votre patience ; nous vous renouvelons nos excuses pour la gêne occasionnée.\n\nL’équipe {company}',
  'plan.message.internal.started.subject': 'Incident : {services} à l’arrêt',
  'plan.message.internal.started.body':
    '{services} est à l’arrêt depuis {start}. La cellule de crise se réunit maintenant ; ne répondez ni aux clients ni à la presse avant d’avoir reçu les éléments de langage. Prochain point au plus tard à {next}.',
  'plan.message.internal.update.subject': 'Incident : point sur {services}',
  'plan.message.internal.update.body':
    'Point de situation sur {services} : la cause est identifiée et la procédure de reprise est engagée. Prochain point au plus tard à {next}.',
  'plan.message.internal.resolved.subject': 'Fin d’incident : {services}',
  'plan.message.internal.resolved.body':
    '{services} est revenu à la normale depuis {end}. La cellule de crise est levée ; le retour d’expérience suivra dans la semaine.',
} as const satisfies Translations<typeof en>;
