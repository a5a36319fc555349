/**
 * The crisis messages, one source for everything that tells people of an incident: the plan's
 * Communication section prints them (times left in brackets), the status page posts the status
 * page's "started" and "resolved" ones as its automatic updates, and the alerts open with the
 * internal ones (i18n/crisis.ts fills them; the map's `communications:` replaces any of them).
 * Placeholders: {company}, {services}, {start}, {next}, {end}; the messages Bascule posts itself
 * (status page and internal, started and resolved) cannot know {next}, so they do not use it.
 */
import type { Translations } from '../types.ts';

export const en = {
  'crisis.statusPage.started.subject': '{services}: service disruption',
  'crisis.statusPage.started.body':
    'Since {start}, {services} is unavailable or disrupted. Our teams are on it; we will post each new development here.',
  'crisis.statusPage.update.subject': '{services}: recovery in progress',
  'crisis.statusPage.update.body':
    'We have found the cause and are bringing {services} back. Next update by {next}.',
  'crisis.statusPage.resolved.subject': '{services}: back to normal',
  'crisis.statusPage.resolved.body':
    '{services} has been working normally again since {end}. We are sorry for the trouble this caused.',
  'crisis.email.started.subject': '{company}: {services} currently unavailable',
  'crisis.email.started.body':
    'Dear customer,\n\nSince {start}, {services} has been unavailable. We are working to restore it as quickly as possible and will write again by {next}. Your data is safe.\n\nPlease accept our apologies,\nThe {company} team',
  'crisis.email.update.subject': '{company}: {services}, where we stand',
  'crisis.email.update.body':
    'Dear customer,\n\n{services} is still unavailable. We know the cause and expect to be back by {next}. We will write again as soon as it is.\n\nThe {company} team',
  'crisis.email.resolved.subject': '{company}: {services} is back',
  'crisis.email.resolved.body':
    'Dear customer,\n\n{services} has been working normally again since {end}. Thank you for your patience, and our apologies for the disruption.\n\nThe {company} team',
  'crisis.internal.started.subject': 'Incident: {services} down',
  'crisis.internal.started.body':
    '{services} has been down since {start}. Whoever is on call takes charge and follows the continuity plan; say nothing to customers or the press before the agreed wording is out.',
  'crisis.internal.update.subject': 'Incident: {services}, update',
  'crisis.internal.update.body':
    'Where we stand on {services}: the cause is known and the recovery procedure is under way. Next update by {next}.',
  'crisis.internal.resolved.subject': 'Incident closed: {services}',
  'crisis.internal.resolved.body':
    '{services} has been back to normal since {end}. If a crisis was declared, it can be stood down; the review of the incident will follow this week.',
} as const;

export const fr = {
  'crisis.statusPage.started.subject': '{services} : service perturbé',
  'crisis.statusPage.started.body':
    'Depuis {start}, {services} est indisponible ou perturbé. Nos équipes sont mobilisées ; nous publierons ici chaque nouvel élément.',
  'crisis.statusPage.update.subject': '{services} : rétablissement en cours',
  'crisis.statusPage.update.body':
    'La cause est identifiée et le rétablissement de {services} est en cours. Prochain point au plus tard à {next}.',
  'crisis.statusPage.resolved.subject': '{services} : retour à la normale',
  'crisis.statusPage.resolved.body':
    '{services} fonctionne de nouveau normalement depuis {end}. Nous vous prions de nous excuser pour la gêne occasionnée.',
  'crisis.email.started.subject': '{company} : {services} momentanément indisponible',
  'crisis.email.started.body':
    'Madame, Monsieur,\n\nDepuis {start}, {services} est indisponible. Nous mettons tout en œuvre pour le rétablir au plus vite et reviendrons vers vous au plus tard à {next}. Vos données ne sont pas en cause.\n\nNous vous prions de nous excuser pour ce désagrément.\nL’équipe {company}',
  'crisis.email.update.subject': '{company} : point sur {services}',
  'crisis.email.update.body':
    'Madame, Monsieur,\n\n{services} est toujours indisponible. La cause est identifiée et nous prévoyons un retour à la normale vers {next}. Nous vous écrirons dès que ce sera le cas.\n\nL’équipe {company}',
  'crisis.email.resolved.subject': '{company} : {services} est rétabli',
  'crisis.email.resolved.body':
    'Madame, Monsieur,\n\n{services} fonctionne de nouveau normalement depuis {end}. Merci de votre patience ; nous vous renouvelons nos excuses pour la gêne occasionnée.\n\nL’équipe {company}',
  'crisis.internal.started.subject': 'Incident : {services} à l’arrêt',
  'crisis.internal.started.body':
    '{services} est à l’arrêt depuis {start}. La personne d’astreinte prend la main et suit le plan de continuité ; ne répondez ni aux clients ni à la presse avant d’avoir reçu les éléments de langage.',
  'crisis.internal.update.subject': 'Incident : point sur {services}',
  'crisis.internal.update.body':
    'Point de situation sur {services} : la cause est identifiée et la procédure de reprise est engagée. Prochain point au plus tard à {next}.',
  'crisis.internal.resolved.subject': 'Fin d’incident : {services}',
  'crisis.internal.resolved.body':
    '{services} est revenu à la normale depuis {end}. Si une crise avait été déclarée, la cellule de crise peut être levée ; le retour d’expérience suivra dans la semaine.',
} as const satisfies Translations<typeof en>;
