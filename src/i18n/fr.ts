/** Messages en français. Mêmes clés que en.ts. */
import type { MessageKey } from './en.ts';
import { cliErrorsFr } from './parts/cli-errors.ts';
import { httpFr } from './parts/http.ts';
import { monitorFr } from './parts/monitor.ts';
import { notifyFr } from './parts/notify.ts';

export const fr = {
  ...cliErrorsFr,
  ...monitorFr,
  ...httpFr,
  ...notifyFr,
  'hint.didYouMean': ' — vouliez-vous dire « {suggestion} » ?',

  BASCULE_E_YAML_SYNTAX: 'erreur de syntaxe YAML : {detail}',
  BASCULE_E_YAML_DUPLICATE_KEY: 'clé « {key} » en double',
  BASCULE_E_CONFIG_EMPTY:
    'le fichier est vide : il doit commencer par « version: 1 » (voir « bascule init »)',
  BASCULE_E_CONFIG_UNKNOWN_KEY: 'clé inconnue « {key} »',
  BASCULE_E_CONFIG_REQUIRED: 'clé obligatoire « {key} » manquante',
  BASCULE_E_CONFIG_TYPE: '{expected} attendu, trouvé {received}',
  BASCULE_E_CONFIG_VALUE: 'valeur {value} invalide : valeurs possibles : {values}',
  BASCULE_E_CONFIG_MIN: '{value} est trop petit : le minimum est {min}',
  BASCULE_E_CONFIG_MAX: '{value} est trop grand : le maximum est {max}',
  BASCULE_E_CONFIG_TOO_FEW: 'au moins {min} élément(s) requis',
  BASCULE_E_CONFIG_INVALID: 'valeur {value} invalide',
  BASCULE_E_CONFIG_ID:
    'identifiant « {value} » invalide : lettres, chiffres, « . », « _ » et « - », en commençant par une lettre ou un chiffre',
  BASCULE_E_CONFIG_DURATION: 'durée {value} invalide : écrivez-la comme 30s, 15m, 4h, 2d ou 1h30m',
  BASCULE_E_CONFIG_VERSION: 'version {value} non prise en charge : ce Bascule lit « version: 1 »',
  BASCULE_E_CONFIG_DEPENDENCY:
    'un identifiant, {anyOf: [a, b]} ou {quorum: {need: 2, of: [a, b, c]}} est attendu',
  BASCULE_E_CONFIG_UNKNOWN_REF: '{what} « {id} » inconnu',
  BASCULE_E_CONFIG_DUPLICATE_ID:
    '« {id} » est à la fois un service et un composant ; les identifiants doivent être uniques',
  BASCULE_E_CONFIG_SERVICE_REF:
    'un composant ne peut pas dépendre du service « {id} » (seuls les services dépendent de services)',
  BASCULE_E_CONFIG_CYCLE: 'cycle de dépendances : {cycle}',
  BASCULE_E_CONFIG_GROUP_EMPTY: 'groupe de redondance vide : indiquez au moins un membre',
  BASCULE_E_CONFIG_GROUP_NEED:
    'need doit être compris entre 1 et {size} (le nombre de membres), trouvé {need}',
  BASCULE_E_CONFIG_GROUP_DUPLICATE: '« {id} » figure deux fois dans ce groupe',
  BASCULE_E_CONFIG_CHECK_TARGET:
    'une vérification surveille une seule chose : indiquez « component » ou « service »',
  BASCULE_E_CONFIG_CHECK_PROBE: 'une vérification a exactement une sonde, parmi : {types}',
  BASCULE_E_CONFIG_CHECK_OPTION:
    '« {option} » ne s’applique qu’aux vérifications {applies}, pas à une vérification {probe}',
  BASCULE_E_CONFIG_URL: '« {value} » n’est pas une URL http:// ou https://',
  BASCULE_E_CONFIG_REGEX: 'expression régulière invalide : {detail}',
  BASCULE_E_CONFIG_HEADER: 'en-tête « {name} » : {detail}',
  'header.name': "nom d’en-tête invalide (lettres, chiffres et !#$%&'*+.^_`|~- seulement)",
  'header.value': 'sa valeur contient un saut de ligne ou un caractère de contrôle',
  'header.reserved': 'fixé par la sonde elle-même (une connexion neuve à chaque sonde, la longueur du corps)',
  BASCULE_E_CONFIG_NOTIFY_CHANNEL: 'un canal d’alerte a exactement un type, parmi : {types}',
  BASCULE_E_CONFIG_NOTIFY_OPTION:
    '« {option} » ne s’applique qu’aux canaux {applies}, pas à un canal {channel}',
  BASCULE_E_CONFIG_CHECK_INTERVAL: 'l’intervalle {value} est trop court : le minimum est 1s',
  BASCULE_E_CONFIG_CHECK_TIMEOUT: 'le délai ({timeout}) dépasse l’intervalle ({interval})',
  BASCULE_E_CONFIG_FORMAT: 'valeur {value} invalide : attendu {format}',
  'format.hostPort': 'hôte:port (ou [IPv6]:port)',
  'format.statusRange': 'une plage de statuts comme « 200-299 »',
  BASCULE_E_CONFIG_MISSING:
    '{file} introuvable : créez-le avec « bascule init », ou indiquez-en un autre avec -c FICHIER',
  BASCULE_E_FILE_EXISTS: '{file} existe déjà ; ajoutez --force pour l’écraser',
  BASCULE_E_SCENARIO_UNKNOWN: 'scénario « {id} » inconnu (voir « bascule scenarios »)',

  'finding.single-point-of-failure.message': '{component} suffit à faire tomber {services} ({path})',
  'finding.single-point-of-failure.recommendation':
    'Rendez {component} redondant (une seconde instance dans une autre zone ou chez un autre fournisseur, déclarée avec anyOf), ou consignez le risque accepté dans le plan de continuité.',
  'finding.shared-dependency.message':
    'La redondance {group} de {owner} est illusoire : {members} tombent tous quand {shared} tombe ({path})',
  'finding.shared-dependency.recommendation':
    'Donnez à chaque membre son propre {shared}, ou rendez {shared} lui-même redondant chez un autre fournisseur.',
  'finding.shared-dependency.placement.message':
    'La redondance {group} de {owner} est illusoire : {members} tournent tous dans {shared}',
  'finding.shared-dependency.placement.recommendation':
    'Répartissez les membres entre plusieurs zones, régions ou fournisseurs.',
  'finding.shared-dependency.placement-indirect.message':
    'La redondance {group} de {owner} est illusoire : {members} tombent tous quand {shared} tombe, par ce dont ils dépendent',
  'finding.shared-dependency.placement-indirect.recommendation':
    'Cherchez ce dont les membres dépendent dans {shared} (rejouez-le avec --fail) et donnez à chacun le sien, hors de {shared}.',
  'finding.shared-dependency.failover.message':
    'La bascule {failover} de {primary} vers {secondary} est illusoire : tous tombent avec {place}',
  'finding.shared-dependency.failover.recommendation':
    'Placez une réserve de {failover} hors de {place} : au moins une autre région, un autre fournisseur pour les pannes globales.',
  'finding.provider-concentration.message':
    'Une panne de {provider} fait tomber {service} entièrement ({path})',
  'finding.provider-concentration.recommendation':
    'Ajoutez une réserve du chemin indiqué chez un autre fournisseur, avec une bascule qui n’a pas besoin de {provider}.',
  'finding.region-concentration.message':
    'Une panne de la région {region} fait tomber {service} entièrement ({path})',
  'finding.region-concentration.recommendation':
    'Faites tourner une réserve du chemin indiqué dans une autre région ou chez un autre fournisseur.',
  'finding.control-plane-dependency.failover.message':
    'La bascule {failover} depuis {primary} passe par {via}, qui tombe avec {place} : quand {place} tombe, la bascule elle-même est impossible',
  'finding.control-plane-dependency.failover.recommendation':
    'Sortez {via} de {place} : un DNS ou un proxy chez un autre fournisseur (ou celui de Bascule), prêt à l’avance pour que la bascule n’exige aucun appel à {place}.',
  'finding.control-plane-dependency.steering.message':
    'Le trafic vers {group} est aiguillé par {via}, qui tombe avec {place} : perdre {place} fait aussi perdre l’accès aux membres restants',
  'finding.control-plane-dependency.steering.recommendation':
    'Hébergez {via} hors de {place}, ou rendez-le redondant entre fournisseurs (pour le DNS : des serveurs secondaires chez un autre fournisseur).',
  'finding.monitoring-gap.none.message': '{service} ({criticality}) n’est surveillé par aucune vérification',
  'finding.monitoring-gap.none.recommendation':
    'Ajoutez une vérification HTTP ou TCP de {service}, lancée depuis un point de vue hors de {providers}.',
  'finding.monitoring-gap.inside.message':
    '{service} ({criticality}) n’est surveillé que depuis {vantages}, chez les fournisseurs dont il dépend ({providers})',
  'finding.monitoring-gap.inside.recommendation':
    'Ajoutez un point de vue chez un fournisseur que {service} n’utilise pas, pour qu’une panne de {providers} n’aveugle pas la surveillance.',
  'finding.monitoring-gap.unplaced.message':
    '{service} ({criticality}) est surveillé, mais aucun point de vue ne dit où il tourne : il peut tomber avec {providers}',
  'finding.monitoring-gap.unplaced.recommendation':
    'Déclarez des points de vue (vantages) avec leur fournisseur, dont au moins un hors de {providers}.',

  'cli.help.intro': 'Bascule : savoir ce qui casse quand un fournisseur cloud tombe, et continuer à tourner.',
  'cli.help.usage': 'Usage :',
  'cli.help.more':
    'Lancez « bascule <commande> --help » pour ses options. Documentation : docs/ dans le dépôt.',
  'cli.errorCount': '{count} erreurs',
  'cli.wrote': '{file} écrit',
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
  'cli.col.COMPONENT': 'COMPOSANT',
  'cli.col.COMPONENTS': 'COMPOSANTS TOMBÉS',
  'cli.col.CHAIN': 'CHAÎNE',
  'cli.col.CAUSE': 'CAUSE PREMIÈRE',
  'cli.validate.summary': 'vérifier bascule.yaml et signaler chaque erreur avec sa ligne et sa colonne',
  'cli.validate.ok':
    '{file} : valide — « {name} », {services} services, {components} composants, {groups} groupes de redondance, {checks} vérifications',
  'cli.schema.summary': 'afficher le schéma JSON de bascule.yaml (pour la complétion dans l’éditeur)',
  'cli.scenarios.summary': 'lister les pannes historiques que Bascule sait rejouer, avec dates et sources',
  'cli.scenarios.hint': 'Rejouez-en une sur votre carte : bascule simulate --replay ID',
  'cli.analyze.summary':
    'trouver points uniques de défaillance, dépendances partagées, concentration ; rejouer les pannes passées',
  'cli.analyze.title': '{name} — analyse de résilience',
  'cli.analyze.counts': '{services} services · {components} composants · fournisseurs : {providers}',
  'cli.analyze.score': 'Score de résilience',
  'cli.analyze.scoreDetail':
    '{spofs} points uniques de défaillance · {survived} rejeux service-panne survécus sur {total}',
  'cli.analyze.services': 'Services',
  'cli.analyze.findings': 'Constats ({count})',
  'cli.analyze.noFindings': 'Aucun constat.',
  'cli.analyze.more': '… et {count} de plus (utilisez --format json ou html pour tout voir)',
  'cli.analyze.outages': 'Pannes historiques rejouées',
  'cli.analyze.noOutages': 'Aucun scénario chargé.',
  'cli.analyze.survives': 'tous les services tiennent',
  'cli.analyze.untouched': 'ne touche pas cette carte (non comptée)',
  'cli.analyze.blast': 'Plus grands rayons d’impact',
  'cli.analyze.noBlast': 'Aucun composant n’en fait tomber d’autre.',
  'cli.analyze.method': 'Score : {method}.',
  'cli.simulate.summary':
    'jouer une panne (--fail provider=aws,region=us-east-1) ou une panne passée (--replay ID)',
  'cli.simulate.scenario': 'Scénario : {fail}',
  'cli.simulate.sources': 'Sources : {sources}',
  'cli.simulate.simplifies': 'Simplifications : {text}',
  'cli.simulate.nothingMatched': 'Aucun composant de la carte ne correspond à ce scénario.',
  'cli.simulate.allUp': 'Tous les services restent disponibles.',
  'cli.simulate.down': '{count} service(s) tombé(s)',
  'cli.simulate.matched': '{id} [{predicate}, {via}]',
  'cli.simulate.componentsDown': '{count} composant(s) tombé(s)',
  'cli.simulate.degraded': 'Redondance perdue mais toujours disponible',
  'cli.init.summary': 'écrire un bascule.yaml de départ commenté',
  'cli.init.askName': 'Nom de l’entreprise ?',
  'cli.init.askProviders': 'Fournisseurs cloud utilisés (séparés par des virgules) ?',
  'cli.init.askServices': 'Services utilisés par vos clients (séparés par des virgules) ?',
  'cli.init.askSuppliers':
    'Fournisseurs tiers (paiement, authentification, SaaS ; séparés par des virgules) ?',
  'cli.init.done':
    '{file} écrit ; modifiez-le, puis lancez : bascule validate -c {file} && bascule analyze -c {file}',

  'html.title.analysis': '{name} — rapport de résilience',
  'html.title.simulation': '{name} — simulation de panne',
  'html.generated': 'Produit par Bascule le {date} à partir de {file}.',
  'html.section.map': 'Carte des dépendances',
  'html.section.services': 'Services',
  'html.section.findings': 'Constats',
  'html.section.outages': 'Pannes historiques rejouées sur cette carte',
  'html.section.blast': 'Plus grands rayons d’impact',
  'html.section.scenario': 'Scénario',
  'html.section.down': 'Services tombés, et pourquoi',
  'html.section.componentsDown': 'Composants tombés',
  'html.section.degraded': 'Redondance perdue, service toujours disponible',
  'html.spofs': 'points uniques de défaillance',
  'html.outagesSurvived': 'rejeux service-panne survécus',
  'html.servicesDown': 'services tombés',
  'html.componentsDown': 'composants tombés',
  'html.mapNote':
    'Les flèches vont de ce qui dépend vers ce dont il dépend. Les fournisseurs sont des cadres colorés, les régions des cadres pointillés à l’intérieur.',
  'html.tooBig':
    'Cette carte compte {count} nœuds, trop pour un dessin lisible (limite : {limit}) ; les tableaux donnent tout.',
  'html.legend.service': 'service',
  'html.legend.component': 'composant',
  'html.legend.group': 'groupe de redondance',
  'html.legend.spof': 'point unique de défaillance',
  'html.legend.down': 'tombé dans ce scénario',
  'html.legend.hit': 'touché directement par le scénario',
  'html.legend.degraded': 'a perdu des membres, tient encore',
  'html.badge.spof': 'SPOF',
  'html.badge.down': 'EN PANNE',
  'html.badge.hit': 'TOUCHÉ',
  'html.group.anyOf': 'l’un des {count}',
  'html.group.quorum': '{need} sur {count}',
  'html.runsOn': 'tourne sur {places}',
  'html.logical': 'logique',
  'html.survived': 'tient',
  'html.col.severity': 'Gravité',
  'html.col.finding': 'Constat',
  'html.col.recommendation': 'Recommandation',
  'html.col.outagesDown': 'Pannes qui le font tomber',
  'html.none': 'Aucun.',

  'type.string': 'une chaîne',
  'type.number': 'un nombre',
  'type.integer': 'un entier',
  'type.boolean': 'true ou false',
  'type.object': 'un dictionnaire',
  'type.array': 'une liste',
  'type.undefined': 'rien',
  'type.null': 'null',
  'ref.component': 'composant',
  'ref.componentOrService': 'composant ou service',
  'ref.service': 'service',
  'ref.vantage': 'point de vue',
} as const satisfies Record<MessageKey, string>;
