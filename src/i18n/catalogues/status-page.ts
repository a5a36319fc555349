/** Messages of the public status page (HTML, feed, badges), its export command and its errors. */
import { count } from '../plural.ts';
import type { Translations } from '../types.ts';

type Days = { readonly days: number };
type Counted = { readonly count: number };
type Wrote = { readonly count: number; readonly dir: string };

export const en = {
  'status.overall.UP': 'All services are operational',
  'status.overall.DEGRADED': 'Some services are disrupted',
  'status.overall.DOWN': 'Some services are down',
  'status.overall.UNKNOWN': 'The state of some services cannot be checked right now',
  'status.state.UP': 'Operational',
  'status.state.DEGRADED': 'Disrupted',
  'status.state.DOWN': 'Outage',
  'status.state.UNKNOWN': 'Unknown',
  'status.inMaintenance': 'under maintenance',
  'status.section.active': 'Current incidents',
  'status.section.services': 'Services',
  'status.section.maintenance': 'Scheduled maintenance',
  'status.section.past': (p: Days) =>
    `Past incidents (last ${count('en', p.days, { one: 'day', other: 'days' })})`,
  'status.noPast': 'No incident in this period.',
  'status.public.investigating': 'Investigating',
  'status.public.identified': 'Identified',
  'status.public.monitoring': 'Monitoring',
  'status.public.resolved': 'Resolved',
  'status.auto.DOWN': '{name} is unavailable. We are looking into it.',
  'status.auto.DEGRADED': '{name} still answers, but not everywhere or not fully. We are looking into it.',
  'status.auto.UNKNOWN': 'We cannot check the state of {name} at the moment.',
  'status.auto.UP': '{name} is available again.',
  'status.incident.DOWN': '{name}: outage',
  'status.incident.DEGRADED': '{name}: disruption',
  'status.incident.started': 'Started {date}',
  'status.incident.ended': 'Resolved {date}',
  'status.uptime': '{ratio} available over {days} days',
  'status.uptime.none': 'No data over {days} days',
  'status.bars.today': 'Today',
  'status.bars.ago': '{days} days ago',
  'status.bars.day': '{date}: {ratio} available',
  'status.bars.dayPartial': '{date}: {ratio} available (no data for part of the day)',
  'status.bars.dayNone': '{date}: no data',
  'status.bars.summary': 'Last {days} days: {ratio} available.',
  'status.bars.summaryNone': 'Last {days} days: no data.',
  'status.bars.down': 'Outages: {dates}.',
  'status.bars.degraded': 'Disruptions: {dates}.',
  'status.bars.noData': (p: Counted) => `No data for ${count('en', p.count, { one: 'day', other: 'days' })}.`,
  'status.maintenance.active': 'In progress until {end}',
  'status.maintenance.upcoming': 'From {start} to {end}',
  'status.maintenance.services': 'Affects: {services}',
  'status.maintenance.entry': 'Maintenance: {title}',
  'status.updated': 'Updated {date}',
  'status.zone': 'Time zone: {zone}.',
  'status.feed': 'Atom feed',
  'status.json': 'JSON',
  'status.languages': 'Language',
  'status.poweredBy': 'Services monitored from several places by Bascule.',
  'cli.statusPage.summary':
    'write the public status page (HTML, Atom feed, JSON, badges) as static files, to publish on another provider',
  'cli.statusPage.wrote': (p: Wrote) =>
    `wrote the status page to ${p.dir} (${count('en', p.count, { one: 'file', other: 'files' })})`,
  BASCULE_E_CONFIG_STATUS_TEXT: 'give this text in one language at least: "…", or {en: "…", fr: "…"}',
  BASCULE_E_USAGE_STATUS_PAGE:
    'expected: bascule status-page export [DIR] (DIR: the folder to write; default statusPage.export.dir)',
  BASCULE_E_STATUS_PAGE_NONE:
    'this map has no statusPage section: there is no page to export (see docs/status-page.md)',
  BASCULE_E_STATUS_PAGE_NO_DATA:
    'no monitoring data in {dir}: run "bascule run" with this map first, or name its data directory with --data-dir',
} as const;

export const fr = {
  'status.overall.UP': 'Tous les services fonctionnent normalement',
  'status.overall.DEGRADED': 'Certains services sont perturbés',
  'status.overall.DOWN': 'Certains services sont en panne',
  'status.overall.UNKNOWN': 'L’état de certains services ne peut pas être vérifié pour le moment',
  'status.state.UP': 'Opérationnel',
  'status.state.DEGRADED': 'Perturbé',
  'status.state.DOWN': 'En panne',
  'status.state.UNKNOWN': 'Inconnu',
  'status.inMaintenance': 'en maintenance',
  'status.section.active': 'Incidents en cours',
  'status.section.services': 'Services',
  'status.section.maintenance': 'Maintenances programmées',
  'status.section.past': (p: Days) =>
    p.days === 1 ? 'Incidents passés (dernier jour)' : `Incidents passés (${p.days} derniers jours)`,
  'status.noPast': 'Aucun incident sur cette période.',
  'status.public.investigating': 'Analyse en cours',
  'status.public.identified': 'Cause identifiée',
  'status.public.monitoring': 'Sous surveillance',
  'status.public.resolved': 'Résolu',
  'status.auto.DOWN': '{name} : service indisponible. Nous en recherchons la cause.',
  'status.auto.DEGRADED':
    '{name} : le service répond encore, mais pas partout ou pas complètement. Nous en recherchons la cause.',
  'status.auto.UNKNOWN': '{name} : nous ne pouvons pas vérifier son état pour le moment.',
  'status.auto.UP': '{name} : service rétabli.',
  'status.incident.DOWN': '{name} : panne',
  'status.incident.DEGRADED': '{name} : perturbation',
  'status.incident.started': 'Début : {date}',
  'status.incident.ended': 'Résolu : {date}',
  'status.uptime': '{ratio} de disponibilité sur {days} jours',
  'status.uptime.none': 'Aucune donnée sur {days} jours',
  'status.bars.today': 'Aujourd’hui',
  'status.bars.ago': 'il y a {days} jours',
  'status.bars.day': '{date} : {ratio} de disponibilité',
  'status.bars.dayPartial': '{date} : {ratio} de disponibilité (sans données pour une partie de la journée)',
  'status.bars.dayNone': '{date} : aucune donnée',
  'status.bars.summary': '{days} derniers jours : {ratio} de disponibilité.',
  'status.bars.summaryNone': '{days} derniers jours : aucune donnée.',
  'status.bars.down': 'Pannes : {dates}.',
  'status.bars.degraded': 'Perturbations : {dates}.',
  'status.bars.noData': (p: Counted) =>
    `Aucune donnée pour ${count('fr', p.count, { one: 'jour', other: 'jours' })}.`,
  'status.maintenance.active': 'En cours, jusqu’au {end}',
  'status.maintenance.upcoming': 'Du {start} au {end}',
  'status.maintenance.services': 'Concerne : {services}',
  'status.maintenance.entry': 'Maintenance : {title}',
  'status.updated': 'Mis à jour le {date}',
  'status.zone': 'Fuseau horaire : {zone}.',
  'status.feed': 'Flux Atom',
  'status.json': 'JSON',
  'status.languages': 'Langue',
  'status.poweredBy': 'Services surveillés depuis plusieurs points par Bascule.',
  'cli.statusPage.summary':
    'écrire la page d’état publique (HTML, flux Atom, JSON, badges) en fichiers statiques, à publier chez un autre fournisseur',
  'cli.statusPage.wrote': (p: Wrote) =>
    `page d’état écrite dans ${p.dir} (${count('fr', p.count, { one: 'fichier', other: 'fichiers' })})`,
  BASCULE_E_CONFIG_STATUS_TEXT: 'donnez ce texte dans une langue au moins : « … », ou {en: "…", fr: "…"}',
  BASCULE_E_USAGE_STATUS_PAGE:
    'attendu : bascule status-page export [DOSSIER] (DOSSIER : où écrire ; par défaut statusPage.export.dir)',
  BASCULE_E_STATUS_PAGE_NONE:
    'cette carte n’a pas de section statusPage : il n’y a pas de page à exporter (voir docs/status-page.md)',
  BASCULE_E_STATUS_PAGE_NO_DATA:
    'aucune donnée de supervision dans {dir} : lancez d’abord « bascule run » avec cette carte, ou indiquez son dossier de données avec --data-dir',
} as const satisfies Translations<typeof en>;
