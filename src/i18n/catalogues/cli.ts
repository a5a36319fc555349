/** Messages of the command line: help, command summaries, table headers and reports. */
import { count } from '../plural.ts';

import type { Translations } from '../types.ts';

type NotEvaluatedLine = {
  readonly scenario: string;
  readonly components: string;
  readonly why: 'no-region' | 'unknown-region';
};
type Valid = {
  readonly file: string;
  readonly name: string;
  readonly services: number;
  readonly components: number;
  readonly groups: number;
  readonly checks: number;
};
type Counts = { readonly services: number; readonly components: number; readonly providers: string };
type FindingCounts = { readonly count: number; readonly roots: number };
type ScoreDetail = { readonly spofs: number; readonly survived: number; readonly total: number };

export const en = {
  'cli.run.summary': 'run the monitoring daemon: probes, quorum, incidents, alerts, API and /metrics',
  'cli.run.started': 'Bascule is watching; API at {url} (status: bascule status; stop: Ctrl-C)',
  'cli.status.summary': 'show the live state of checks, services and incidents from the running daemon',
  'cli.status.noIncident': 'No open incident.',
  'cli.agent.summary': 'probe from another place (another provider, the office) and report to the daemon',
  'cli.agent.started': 'probing as vantage point "{vantage}" for {server} (stop: Ctrl-C)',
  'cli.status.since': 'since {at}',
  'cli.notify.summary': 'send a test alert to one alert channel of the map (bascule notify test CHANNEL)',
  'cli.notify.sent': 'test alert delivered to "{channel}" ({type})',
  'cli.notify.failed': 'the test alert to "{channel}" failed: {detail}',
  'cli.col.STATE': 'STATE',
  'cli.col.CHECK': 'CHECK',
  'cli.col.VANTAGES': 'VANTAGE POINTS',
  'cli.col.REASON': 'REASON',
  'cli.help.intro': 'Bascule: know what breaks when a cloud provider fails, and keep running.',
  'cli.help.usage': 'Usage:',
  'cli.help.more': 'Run "bascule <command> --help" for its options. Docs: docs/ in the repository.',
  'cli.errorCount': (p: { readonly count: number }) =>
    count('en', p.count, { one: 'error', other: 'errors' }),
  'cli.wrote': 'wrote {file}',
  'cli.moreWarnings': (p: { readonly count: number }) =>
    `… and ${count('en', p.count, { one: 'more warning', other: 'more warnings' })} (BASCULE_ERRORS=json lists them all)`,
  'cli.col.ID': 'ID',
  'cli.col.DATE': 'DATE',
  'cli.col.DURATION': 'DURATION',
  'cli.col.TITLE': 'TITLE',
  'cli.col.SOURCE': 'SOURCE',
  'cli.col.SERVICE': 'SERVICE',
  'cli.col.CRITICALITY': 'CRITICALITY',
  'cli.col.SCORE': 'SCORE',
  'cli.col.OUTAGES': 'OUTAGES SURVIVED',
  'cli.col.SPOFS': 'SPOFS',
  'cli.col.OUTAGE': 'OUTAGE',
  'cli.col.DOWN': 'SERVICES DOWN',
  'cli.col.FAILOVER': 'FAILOVER',
  'cli.col.DATA': 'DATA',
  'cli.col.COMPONENT': 'COMPONENT',
  'cli.col.COMPONENTS': 'COMPONENTS DOWN',
  'cli.col.CHAIN': 'CHAIN',
  'cli.col.CAUSE': 'ROOT CAUSE',
  'cli.validate.summary': 'check bascule.yaml and report every error with its line and column',
  'cli.validate.ok': (p: Valid) =>
    `${p.file}: valid — "${p.name}", ${count('en', p.services, { one: 'service', other: 'services' })}, ${count('en', p.components, { one: 'component', other: 'components' })}, ${count('en', p.groups, { one: 'redundancy group', other: 'redundancy groups' })}, ${count('en', p.checks, { one: 'check', other: 'checks' })}`,
  'cli.schema.summary': 'print the JSON Schema of bascule.yaml (for editor completion)',
  'cli.scenarios.summary': 'list the historical outages Bascule can replay, with dates and sources',
  'cli.scenarios.hint': 'Replay one against your map: bascule simulate --replay ID',
  'cli.analyze.summary':
    'find single points of failure, shared dependencies, concentration; replay past outages',
  'cli.analyze.title': '{name} — resilience analysis',
  'cli.analyze.counts': (p: Counts) =>
    `${count('en', p.services, { one: 'service', other: 'services' })} · ${count('en', p.components, { one: 'component', other: 'components' })} · providers: ${p.providers}`,
  'cli.analyze.score': 'Resilience score',
  'severity.critical': 'critical',
  'severity.high': 'high',
  'severity.medium': 'medium',
  'severity.low': 'low',
  'severity.info': 'info',
  'finding.title.single-point-of-failure': 'single point of failure',
  'finding.title.shared-dependency': 'shared dependency',
  'finding.title.provider-concentration': 'provider concentration',
  'finding.title.region-concentration': 'region concentration',
  'finding.title.control-plane-dependency': 'failover that depends on the outage',
  'finding.title.monitoring-gap': 'monitoring gap',
  'finding.title.backup-missing': 'data with no backup',
  'finding.title.backup-colocated': 'backups next to their data',
  'finding.title.rpo-unmet': 'backups too far apart for the RPO',
  'cli.analyze.scoreDetail': (p: ScoreDetail) =>
    `${count('en', p.spofs, { one: 'single point of failure', other: 'single points of failure' })} · ${p.total === 0 ? 'no outage of the library touches this map' : `${p.survived} of ${count('en', p.total, { one: 'service-outage replay', other: 'service-outage replays' })} survived`}`,
  'cli.analyze.services': 'Services',
  'cli.analyze.findings': (p: FindingCounts) =>
    p.count === 0
      ? 'Findings: none'
      : `Findings: ${p.count}, from ${count('en', p.roots, { one: 'root cause', other: 'root causes' })}`,
  'cli.analyze.noFindings': 'No findings.',
  'cli.analyze.more': '… and {count} more (use --format json or html for all of them)',
  'cli.analyze.outages': 'Historical outages replayed',
  'cli.analyze.noOutages': 'No scenarios loaded.',
  'cli.analyze.survives': 'all services survive',
  'cli.analyze.untouched': 'does not touch this map (not counted)',
  'cli.analyze.notEvaluated': (p: NotEvaluatedLine) =>
    `Outage ${p.scenario} not evaluated for ${p.components}: ${p.why === 'no-region' ? 'no region given' : 'a region the provider catalogue does not know'} (see the warnings)`,
  'cli.analyze.blast': 'Largest blast radius',
  'cli.analyze.noBlast': 'No component takes anything else down.',
  'cli.analyze.method':
    'Score: service = 60 × (outages survived / outages that hit the map) + 40 / (1 + single points of failure); overall = mean of the services weighted critical 8, high 4, medium 2, low 1; A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else E.',
  'cli.simulate.summary':
    'play a failure (--fail provider=aws,region=us-east-1) or a past outage (--replay ID)',
  'cli.simulate.scenario': 'Scenario: {fail}',
  'cli.simulate.sources': 'Sources: {sources}',
  'cli.simulate.simplifies': 'Simplifications: {text}',
  'cli.simulate.nothingMatched': 'No component of the map matches this scenario.',
  'cli.simulate.allUp': 'All services stay up.',
  'cli.simulate.down': (p: { readonly count: number }) =>
    count('en', p.count, { one: 'service down', other: 'services down' }),
  'cli.simulate.matched': '{id} ({predicate}: {via})',
  'cli.simulate.via.own': 'where it runs',
  'cli.simulate.via.component': 'named',
  'cli.simulate.via.runsOn': 'through its {entry}',
  'cli.simulate.componentsDown': (p: { readonly count: number }) =>
    count('en', p.count, { one: 'component down', other: 'components down' }),
  'cli.simulate.degraded': 'Redundancy lost but still up',
  'cli.simulate.failover': 'Failover',
  'cli.simulate.data': 'Data (backups)',
  'cli.init.summary': 'write a commented starter bascule.yaml',
  'cli.init.intro':
    'A few questions to write {file}. Enter takes the answer in [brackets]; Ctrl-D stops without writing anything.',
  'cli.init.askName': 'Company name?',
  'cli.init.badName': '"{name}" is not a name: give names with letters or digits, separated by commas',
  'cli.init.needName': 'A name is needed: it heads every report.',
  'cli.init.askServices': 'Services your customers use?',
  'cli.init.hintServices': 'comma-separated, e.g. web shop, orders, customer e-mail',
  'cli.init.needServices': 'Name at least one service.',
  'cli.init.tooMany': 'At most {max} names: give the main ones, you can add the others to the file later.',
  'cli.init.providers': 'Providers Bascule knows:',
  'cli.init.askRunsOn': 'What does "{service}" run on?',
  'cli.init.hintRunsOn': 'a number from the list, a provider’s name, or ? if you don’t know',
  'cli.init.notInCatalogue':
    '"{answer}" is not in the catalogue (did you mean "{suggestion}"?): give the same answer again to keep it as written.',
  'cli.init.badNumber': 'There is no number {number} in the list (1 to {max}).',
  'cli.init.askRegion': 'Which {provider} region does "{what}" run in?',
  'cli.init.hintRegion': '{examples}…: an id or a city; “list” shows them all; ? if you don’t know',
  'cli.init.regions': '{provider} regions: {regions}',
  'cli.init.unknownRegion': '{provider} has no region "{region}".',
  'cli.init.askSuppliers': 'SaaS suppliers you use?',
  'cli.init.hintSuppliers':
    'payment, e-mail, office suite, payroll…, comma-separated, e.g. Stripe, Microsoft 365',
  'cli.init.catalogued': '"{supplier}" is in the provider catalogue: {provider}.',
  'cli.init.cataloguedHosted':
    '"{supplier}" is in the provider catalogue: {provider}, which runs on {hostedOn} (written as assumed).',
  'cli.init.askKind': 'What kind of supplier is "{supplier}"?',
  'cli.init.badKind': 'Answer with a number from 1 to {max}, or one of the kinds listed.',
  'cli.init.askSupplierRunsOn': 'Where does "{supplier}" itself run, if you know?',
  'cli.init.hintSupplierRunsOn': 'a number from the list or a provider’s name, or ? if you don’t know',
  'cli.init.askUsedBy': 'Which services use "{supplier}"?',
  'cli.init.hintUsedBy': '{services}: numbers or names, comma-separated; all or none',
  'cli.init.badService': 'No service "{service}" among {services}.',
  'cli.init.all': 'all',
  'cli.init.none': 'none',
  'cli.init.kind.payment': 'payment',
  'cli.init.kind.email': 'e-mail',
  'cli.init.kind.office-suite': 'office suite',
  'cli.init.kind.payroll': 'payroll',
  'cli.init.kind.accounting': 'accounting',
  'cli.init.kind.crm': 'CRM',
  'cli.init.kind.auth': 'sign-in',
  'cli.init.kind.storage': 'storage',
  'cli.init.kind.dns': 'DNS',
  'cli.init.kind.cdn': 'CDN',
  'cli.init.kind.other': 'other',
  'cli.init.done': 'wrote {file}; edit it, then run: bascule validate -c {file} && bascule analyze -c {file}',
  'cli.incident.summary':
    'list the incidents of the running daemon with their public status, and post an update on one',
  'cli.incident.none': 'No incident.',
  'cli.incident.updated': '{id}: update posted; public status: {status}.',
  'cli.incident.status.investigating': 'investigating',
  'cli.incident.status.identified': 'identified',
  'cli.incident.status.monitoring': 'monitoring',
  'cli.incident.status.resolved': 'resolved',
  'cli.maintenance.summary':
    'plan, list, end or delete maintenance windows (their alerts silenced meanwhile) on the running daemon',
  'cli.maintenance.added': 'Maintenance {id} planned for {services}, from {start} to {end}.',
  'cli.maintenance.silenced': 'Their alerts are silenced meanwhile (recorded, not sent).',
  'cli.maintenance.ended': 'Maintenance {id} ended at {end}; alerts for {services} are no longer silenced.',
  'cli.maintenance.deleted': 'Maintenance {id} deleted.',
  'cli.maintenance.none': 'No maintenance planned or under way.',
  'cli.maintenance.state.planned': 'planned',
  'cli.maintenance.state.active': 'under way',
  'cli.maintenance.state.over': 'over',
  'cli.maintenance.silence.yes': 'yes',
  'cli.maintenance.silence.no': 'no',
  'cli.col.STATUS': 'STATUS',
  'cli.col.OPENED': 'OPENED',
  'cli.col.UPDATES': 'UPDATES',
  'cli.col.START': 'START',
  'cli.col.END': 'END',
  'cli.col.SERVICES': 'SERVICES',
  'cli.col.SILENCE': 'ALERTS SILENCED',
} as const;

export const fr = {
  'cli.run.summary': 'lancer le démon de supervision : sondes, quorum, incidents, alertes, API et /metrics',
  'cli.run.started': 'Bascule surveille ; API sur {url} (état : bascule status ; arrêt : Ctrl-C)',
  'cli.status.summary':
    'afficher l’état en direct des vérifications, services et incidents, demandé au démon',
  'cli.status.noIncident': 'Aucun incident ouvert.',
  'cli.agent.summary':
    'sonder depuis un autre lieu (un autre fournisseur, le bureau) et rendre compte au démon',
  'cli.agent.started': 'sonde en tant que point de vue « {vantage} » pour {server} (arrêt : Ctrl-C)',
  'cli.status.since': 'depuis {at}',
  'cli.notify.summary':
    'envoyer une alerte de test à un canal d’alerte de la carte (bascule notify test CANAL)',
  'cli.notify.sent': 'alerte de test remise à « {channel} » ({type})',
  'cli.notify.failed': 'l’alerte de test à « {channel} » a échoué : {detail}',
  'cli.col.STATE': 'ÉTAT',
  'cli.col.CHECK': 'VÉRIFICATION',
  'cli.col.VANTAGES': 'POINTS DE VUE',
  'cli.col.REASON': 'RAISON',
  'cli.help.intro': 'Bascule : savoir ce qui casse quand un fournisseur cloud tombe, et continuer à tourner.',
  'cli.help.usage': 'Usage :',
  'cli.help.more':
    'Lancez « bascule <commande> --help » pour ses options. Documentation : docs/ dans le dépôt.',
  'cli.errorCount': (p: { readonly count: number }) =>
    count('fr', p.count, { one: 'erreur', other: 'erreurs' }),
  'cli.wrote': '{file} écrit',
  'cli.moreWarnings': (p: { readonly count: number }) =>
    `… et ${count('fr', p.count, { one: 'autre avertissement', other: 'autres avertissements' })} (BASCULE_ERRORS=json les donne tous)`,
  'cli.col.ID': 'ID',
  'cli.col.DATE': 'DATE',
  'cli.col.DURATION': 'DURÉE',
  'cli.col.TITLE': 'TITRE',
  'cli.col.SOURCE': 'SOURCE',
  'cli.col.SERVICE': 'SERVICE',
  'cli.col.CRITICALITY': 'CRITICITÉ',
  'cli.col.SCORE': 'SCORE',
  'cli.col.OUTAGES': 'PANNES SURVÉCUES',
  'cli.col.SPOFS': 'POINTS UNIQUES',
  'cli.col.OUTAGE': 'PANNE',
  'cli.col.DOWN': 'SERVICES TOMBÉS',
  'cli.col.FAILOVER': 'BASCULE',
  'cli.col.DATA': 'DONNÉES',
  'cli.col.COMPONENT': 'COMPOSANT',
  'cli.col.COMPONENTS': 'COMPOSANTS TOMBÉS',
  'cli.col.CHAIN': 'CHAÎNE',
  'cli.col.CAUSE': 'CAUSE PREMIÈRE',
  'cli.validate.summary': 'vérifier bascule.yaml et signaler chaque erreur avec sa ligne et sa colonne',
  'cli.validate.ok': (p: Valid) =>
    `${p.file} : valide — « ${p.name} », ${count('fr', p.services, { one: 'service', other: 'services' })}, ${count('fr', p.components, { one: 'composant', other: 'composants' })}, ${count('fr', p.groups, { one: 'groupe de redondance', other: 'groupes de redondance' })}, ${count('fr', p.checks, { one: 'vérification', other: 'vérifications' })}`,
  'cli.schema.summary': 'afficher le schéma JSON de bascule.yaml (pour la complétion dans l’éditeur)',
  'cli.scenarios.summary': 'lister les pannes historiques que Bascule sait rejouer, avec dates et sources',
  'cli.scenarios.hint': 'Rejouez-en une sur votre carte : bascule simulate --replay ID',
  'cli.analyze.summary':
    'trouver points uniques de défaillance, dépendances partagées, concentration ; rejouer les pannes passées',
  'cli.analyze.title': '{name} — analyse de résilience',
  'cli.analyze.counts': (p: Counts) =>
    `${count('fr', p.services, { one: 'service', other: 'services' })} · ${count('fr', p.components, { one: 'composant', other: 'composants' })} · fournisseurs : ${p.providers}`,
  'cli.analyze.score': 'Score de résilience',
  'severity.critical': 'critique',
  'severity.high': 'élevée',
  'severity.medium': 'moyenne',
  'severity.low': 'faible',
  'severity.info': 'info',
  'finding.title.single-point-of-failure': 'point unique de défaillance',
  'finding.title.shared-dependency': 'dépendance partagée',
  'finding.title.provider-concentration': 'concentration sur un fournisseur',
  'finding.title.region-concentration': 'concentration sur une région',
  'finding.title.control-plane-dependency': 'bascule qui dépend de la panne',
  'finding.title.monitoring-gap': 'angle mort de la surveillance',
  'finding.title.backup-missing': 'données sans sauvegarde',
  'finding.title.backup-colocated': 'sauvegardes à côté des données',
  'finding.title.rpo-unmet': 'sauvegardes trop espacées pour le RPO',
  'cli.analyze.scoreDetail': (p: ScoreDetail) =>
    `${count('fr', p.spofs, { one: 'point unique de défaillance', other: 'points uniques de défaillance' })} · ${p.total === 0 ? 'aucune panne de la bibliothèque ne touche cette carte' : `${p.survived} ${p.survived > 1 ? 'cas tenus' : 'cas tenu'} sur ${p.total} (chaque service face à chaque panne rejouée)`}`,
  'cli.analyze.services': 'Services',
  'cli.analyze.findings': (p: FindingCounts) =>
    p.count === 0
      ? 'Constats : aucun'
      : p.roots === 1
        ? `Constats : ${p.count}, ${p.count > 1 ? 'issus d’une même cause première' : 'issu d’une cause première'}`
        : `Constats : ${p.count}, issus de ${p.roots} causes premières`,
  'cli.analyze.noFindings': 'Aucun constat.',
  'cli.analyze.more': '… et {count} de plus (utilisez --format json ou html pour tout voir)',
  'cli.analyze.outages': 'Pannes historiques rejouées',
  'cli.analyze.noOutages': 'Aucun scénario chargé.',
  'cli.analyze.survives': 'tous les services tiennent',
  'cli.analyze.untouched': 'ne touche pas cette carte (non comptée)',
  'cli.analyze.notEvaluated': (p: NotEvaluatedLine) =>
    `Panne ${p.scenario} non évaluée pour ${p.components} : ${p.why === 'no-region' ? 'aucune région indiquée' : 'une région que le catalogue des fournisseurs ne connaît pas'} (voir les avertissements)`,
  'cli.analyze.blast': 'Plus grands rayons d’impact',
  'cli.analyze.noBlast': 'Aucun composant n’en fait tomber d’autre.',
  'cli.analyze.method':
    'Score : service = 60 × (pannes tenues / pannes qui touchent la carte) + 40 / (1 + points uniques de défaillance) ; global = moyenne des services pondérée critique 8, haute 4, moyenne 2, faible 1 ; A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, sinon E.',
  'cli.simulate.summary':
    'jouer une panne (--fail provider=aws,region=us-east-1) ou une panne passée (--replay ID)',
  'cli.simulate.scenario': 'Scénario : {fail}',
  'cli.simulate.sources': 'Sources : {sources}',
  'cli.simulate.simplifies': 'Simplifications : {text}',
  'cli.simulate.nothingMatched': 'Aucun composant de la carte ne correspond à ce scénario.',
  'cli.simulate.allUp': 'Tous les services restent disponibles.',
  'cli.simulate.down': (p: { readonly count: number }) =>
    count('fr', p.count, { one: 'service tombé', other: 'services tombés' }),
  'cli.simulate.matched': '{id} ({predicate} : {via})',
  'cli.simulate.via.own': 'là où il tourne',
  'cli.simulate.via.component': 'désigné par son nom',
  'cli.simulate.via.runsOn': 'par son {entry}',
  'cli.simulate.componentsDown': (p: { readonly count: number }) =>
    count('fr', p.count, { one: 'composant tombé', other: 'composants tombés' }),
  'cli.simulate.degraded': 'Redondance perdue mais toujours disponible',
  'cli.simulate.failover': 'Bascule',
  'cli.simulate.data': 'Données (sauvegardes)',
  'cli.init.summary': 'écrire un bascule.yaml de départ commenté',
  'cli.init.intro':
    'Quelques questions pour écrire {file}. Entrée prend la réponse entre [crochets] ; Ctrl-D arrête sans rien écrire.',
  'cli.init.askName': 'Nom de l’entreprise ?',
  'cli.init.badName':
    '« {name} » n’est pas un nom : donnez des noms faits de lettres ou de chiffres, séparés par des virgules',
  'cli.init.needName': 'Il faut un nom : il figure en tête de chaque rapport.',
  'cli.init.askServices': 'Services utilisés par vos clients ?',
  'cli.init.hintServices':
    'séparés par des virgules, par ex. boutique en ligne, commandes, messagerie clients',
  'cli.init.needServices': 'Indiquez au moins un service.',
  'cli.init.tooMany':
    'Au plus {max} noms : donnez les principaux, vous pourrez ajouter les autres dans le fichier ensuite.',
  'cli.init.providers': 'Fournisseurs connus de Bascule :',
  'cli.init.askRunsOn': 'Sur quoi tourne « {service} » ?',
  'cli.init.hintRunsOn': 'un numéro de la liste, le nom d’un fournisseur, ou ? si vous ne savez pas',
  'cli.init.notInCatalogue':
    '« {answer} » n’est pas dans le catalogue (vouliez-vous dire « {suggestion} » ?) : redonnez la même réponse pour la garder telle quelle.',
  'cli.init.badNumber': 'Il n’y a pas de numéro {number} dans la liste (de 1 à {max}).',
  'cli.init.askRegion': 'Dans quelle région de {provider} tourne « {what} » ?',
  'cli.init.hintRegion':
    '{examples}… : un identifiant ou une ville ; « liste » les montre toutes ; ? si vous ne savez pas',
  'cli.init.regions': 'Régions de {provider} : {regions}',
  'cli.init.unknownRegion': '{provider} n’a pas de région « {region} ».',
  'cli.init.askSuppliers': 'Fournisseurs SaaS utilisés ?',
  'cli.init.hintSuppliers':
    'paiement, messagerie, suite bureautique, paie…, séparés par des virgules, par ex. Stripe, Microsoft 365',
  'cli.init.catalogued': '« {supplier} » est dans le catalogue des fournisseurs : {provider}.',
  'cli.init.cataloguedHosted':
    '« {supplier} » est dans le catalogue des fournisseurs : {provider}, qui tourne sur {hostedOn} (noté comme supposé).',
  'cli.init.askKind': 'Quel type de fournisseur est « {supplier} » ?',
  'cli.init.badKind': 'Répondez par un numéro de 1 à {max}, ou par l’un des types proposés.',
  'cli.init.askSupplierRunsOn': 'Sur quoi tourne « {supplier} » lui-même, si vous le savez ?',
  'cli.init.hintSupplierRunsOn':
    'un numéro de la liste ou le nom d’un fournisseur, ou ? si vous ne savez pas',
  'cli.init.askUsedBy': 'Quels services utilisent « {supplier} » ?',
  'cli.init.hintUsedBy': '{services} : numéros ou noms, séparés par des virgules ; tous ou aucun',
  'cli.init.badService': 'Aucun service « {service} » parmi {services}.',
  'cli.init.all': 'tous',
  'cli.init.none': 'aucun',
  'cli.init.kind.payment': 'paiement',
  'cli.init.kind.email': 'messagerie',
  'cli.init.kind.office-suite': 'suite bureautique',
  'cli.init.kind.payroll': 'paie',
  'cli.init.kind.accounting': 'comptabilité',
  'cli.init.kind.crm': 'CRM',
  'cli.init.kind.auth': 'authentification',
  'cli.init.kind.storage': 'stockage',
  'cli.init.kind.dns': 'DNS',
  'cli.init.kind.cdn': 'CDN',
  'cli.init.kind.other': 'autre',
  'cli.init.done':
    '{file} écrit ; modifiez-le, puis lancez : bascule validate -c {file} && bascule analyze -c {file}',
  'cli.incident.summary':
    'lister les incidents du démon avec leur statut public, et publier une mise à jour sur l’un d’eux',
  'cli.incident.none': 'Aucun incident.',
  'cli.incident.updated': '{id} : mise à jour publiée ; statut public : {status}.',
  'cli.incident.status.investigating': 'enquête en cours',
  'cli.incident.status.identified': 'cause identifiée',
  'cli.incident.status.monitoring': 'sous surveillance',
  'cli.incident.status.resolved': 'résolu',
  'cli.maintenance.summary':
    'prévoir, lister, terminer ou supprimer des fenêtres de maintenance (leurs alertes mises en sourdine) sur le démon',
  'cli.maintenance.added': 'Maintenance {id} prévue pour {services}, du {start} au {end}.',
  'cli.maintenance.silenced':
    'Leurs alertes sont mises en sourdine pendant ce temps (consignées, pas envoyées).',
  'cli.maintenance.ended':
    'Maintenance {id} terminée à {end} ; les alertes de {services} ne sont plus en sourdine.',
  'cli.maintenance.deleted': 'Maintenance {id} supprimée.',
  'cli.maintenance.none': 'Aucune maintenance prévue ni en cours.',
  'cli.maintenance.state.planned': 'prévue',
  'cli.maintenance.state.active': 'en cours',
  'cli.maintenance.state.over': 'terminée',
  'cli.maintenance.silence.yes': 'oui',
  'cli.maintenance.silence.no': 'non',
  'cli.col.STATUS': 'STATUT',
  'cli.col.OPENED': 'OUVERT',
  'cli.col.UPDATES': 'MISES À JOUR',
  'cli.col.START': 'DÉBUT',
  'cli.col.END': 'FIN',
  'cli.col.SERVICES': 'SERVICES',
  'cli.col.SILENCE': 'ALERTES EN SOURDINE',
} as const satisfies Translations<typeof en>;
