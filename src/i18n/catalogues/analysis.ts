/** Messages of the analysis: each finding’s message and recommendation. */

import type { Advice } from '../../analysis/advice.ts';
import { count } from '../plural.ts';
import type { Translations } from '../types.ts';
import { deFr } from '../words.ts';

type Spof = { readonly component: string; readonly advice: Advice };

/** What to do about a single point of failure, by what it is (analysis/advice.ts). */
const ADVICE_EN: Readonly<Record<Advice, (c: string) => string>> = {
  payment: (c) =>
    `Keep a second payment provider ready beside ${c}, or a degraded mode (orders by bank transfer, payment taken later), so customers can still order when ${c} is down.`,
  email: (c) =>
    `Plan another way to reach people when ${c} is down: a second mail route or provider for what must go out, and a phone or SMS list for the team.`,
  office: (c) =>
    `Plan how the team works when ${c} is down: a fallback channel (phone or SMS list, another chat), and the documents needed in a crisis kept somewhere else too.`,
  network: (c) =>
    `Give ${c} a backup line from another operator (a 4G/5G router is enough for a small office), with automatic switch-over.`,
  dns: (c) =>
    `Add secondary DNS servers at another provider, kept in step with ${c} by zone transfer, and list them at the registrar.`,
  database: (c) =>
    `Give ${c} a replica at another provider or region, and off-site backups you have restored at least once.`,
  compute: (c) =>
    `Keep a standby of ${c} at another provider, with a failover (DNS or proxy) that does not need the failing one to switch.`,
  storage: (c) =>
    `Copy the data of ${c} to another provider (replication or scheduled copies), and test a restore.`,
  cdn: (c) =>
    `Keep a way around ${c}: a second CDN or a direct path to the origin, switched by DNS with a short TTL.`,
  auth: (c) =>
    `Plan how people sign in when ${c} is down: a second identity provider, or emergency accounts kept outside it.`,
  power: (c) =>
    `Give what ${c} protects a second power source (another UPS, a generator), and test it under load.`,
  queue: (c) =>
    `Make ${c} redundant across zones or providers, or let producers keep their messages and send them again later.`,
  saas: (c) =>
    `Export what ${c} holds on a schedule, to files kept elsewhere, and write down how the work gets done while it is down: the supplier's fallback procedure, or by hand for a few days.`,
  generic: (c) =>
    `Make ${c} redundant (a second instance in another zone or provider, declared with anyOf), or record the accepted risk in the continuity plan.`,
};

const ADVICE_FR: Readonly<Record<Advice, (c: string) => string>> = {
  payment: (c) =>
    `Gardez un second prestataire de paiement prêt à côté de ${c}, ou un mode dégradé (commande par virement, paiement encaissé plus tard), pour que les clients puissent commander quand ${c} est en panne.`,
  email: (c) =>
    `Prévoyez un autre moyen de joindre les gens quand ${c} est en panne : une seconde voie d’envoi pour les messages indispensables, et une liste de téléphones ou de SMS pour l’équipe.`,
  office: (c) =>
    `Prévoyez comment l’équipe travaille quand ${c} est en panne : un canal de secours (liste de téléphones ou de SMS, une autre messagerie) et les documents utiles en crise rangés aussi ailleurs.`,
  network: (c) =>
    `Doublez ${c} par une ligne de secours chez un autre opérateur (un routeur 4G/5G suffit pour un petit bureau), avec bascule automatique.`,
  dns: (c) =>
    `Ajoutez des serveurs DNS secondaires chez un autre fournisseur, synchronisés avec ${c} par transfert de zone, et déclarez-les chez le registrar.`,
  database: (c) =>
    `Donnez à ${c} une réplique chez un autre fournisseur ou dans une autre région, et des sauvegardes hors site que vous avez déjà restaurées au moins une fois.`,
  compute: (c) =>
    `Gardez une réserve ${deFr(c)} chez un autre fournisseur, avec une bascule (DNS ou proxy) qui n’a pas besoin de celui qui est en panne.`,
  storage: (c) =>
    `Copiez les données ${deFr(c)} chez un autre fournisseur (réplication ou copies planifiées), et testez une restauration.`,
  cdn: (c) =>
    `Gardez un chemin qui évite ${c} : un second CDN ou un accès direct à l’origine, aiguillé par le DNS avec un TTL court.`,
  auth: (c) =>
    `Prévoyez comment se connecter quand ${c} est en panne : un second fournisseur d’identité, ou des comptes de secours gérés en dehors.`,
  power: (c) =>
    `Prévoyez une seconde source d’alimentation pour ce que protège ${c} (un autre onduleur, un groupe électrogène), et testez-la en charge.`,
  queue: (c) =>
    `Rendez ${c} redondant entre zones ou fournisseurs, ou laissez les producteurs garder leurs messages pour les renvoyer plus tard.`,
  saas: (c) =>
    `Exportez régulièrement ce que contient ${c}, dans des fichiers gardés ailleurs, et notez comment faire le travail pendant qu’il est en panne : la procédure de secours de l’éditeur, ou à la main pendant quelques jours.`,
  generic: (c) =>
    `Rendez ${c} redondant (une seconde instance dans une autre zone ou chez un autre fournisseur, déclarée avec anyOf), ou consignez le risque accepté dans le plan de continuité.`,
};

type ProviderPath = { readonly provider: string; readonly service: string; readonly path: string };
type ServiceProviders = { readonly service: string; readonly providers: string };

type Component = { readonly component: string };
type Move = { readonly component: string; readonly place: string };

/** `de stripe`, `d’auth0`, `d’OVH`: French elides "de" before a vowel or a mute h. */
const de = (x: string) => (/^[aeiouyhàâéèêëîïôûù]/i.test(x) ? `d’${x}` : `de ${x}`);

/** `que checkout`, `qu’erp`. */
const que = (x: string) => (/^[aeiouyhàâéèêëîïôûù]/i.test(x) ? `qu’${x}` : `que ${x}`);
type Split = { readonly components: string; readonly service: string; readonly place: string };

type Decouple = {
  readonly shared: string;
  readonly members: string;
  readonly others: string;
  readonly count: number;
};

/** What a related finding adds to its root, in one short line (report/finding-groups.ts). */
type RelatedPlace = { readonly provider: string; readonly services: string };
type Counted = { readonly count: number };

type Many = {
  readonly component: string;
  readonly services: string;
  readonly more: number;
  readonly path: string;
};

type Missing = {
  readonly component: string;
  readonly kind: string;
  readonly services: string;
  readonly criticality: string;
};
type Replicas = {
  readonly group: string;
  readonly members: string;
  readonly services: string;
  readonly criticality: string;
};
type Colocated = {
  readonly dataset: string;
  readonly component: string;
  readonly copies: string;
  readonly place: string;
};
type Rpo = { readonly dataset: string; readonly every: string; readonly rpo: string };
type RpoService = Rpo & { readonly service: string };
type DataTargets = { readonly dataset: string; readonly targets: string; readonly count: number };
type DataAge = {
  readonly dataset: string;
  readonly targets: string;
  readonly every: string;
  readonly rpo: string;
};

export const en = {
  'action.replica.title': 'Give {component} a redundant copy at another provider',
  'action.replica.database.title': 'Give the database {component} a replica at another provider',
  'action.replica.dns.title': 'Add a secondary DNS to {component}, at another provider',
  'action.replica.payment.title': (p: Component) => `Add a second payment provider alongside ${p.component}`,
  'action.replica.email.title': (p: Component) => `Set up a fallback e-mail service alongside ${p.component}`,
  'action.replica.auth.title': (p: Component) =>
    `Set up a fallback sign-in alongside ${p.component}, at another provider`,
  'action.replica.network.title': (p: Component) => `Add a backup line alongside ${p.component}`,
  'action.replica.saas.title': (p: Component) =>
    `Plan how to work without ${p.component}: regular exports and a fallback procedure`,
  'action.split-region.title': (p: Split) =>
    `Run ${p.components} in a second region too, so that ${p.service} survives the loss of region ${p.place}`,
  'action.split-region.suppliers.title': (p: Split) =>
    `Keep a second supplier ready for each of ${p.components}, so that ${p.service} survives the loss of region ${p.place}, where they run`,
  'action.split-provider.title': (p: Split) =>
    `Give ${p.components} a standby at another provider, so that ${p.service} survives an outage at ${p.place}`,
  'action.decouple.title': (p: Decouple) =>
    `Give ${p.others} ${p.count === 1 ? 'its own copy' : 'each their own copy'} of ${p.shared}, so that ${p.members} no longer fail together`,
  'action.spread.title': 'Move {others} to another region, so that {members} no longer all run in {place}',
  'action.spread.zone.title': 'Move {others} to another zone, so that {members} no longer all run in {place}',
  'action.move.title': (p: Move) => `Move ${p.component} off ${p.place}: host it at another provider`,
  'actions.section': 'Top actions',
  'actions.line': '{title}: score {before} → {after}, for {services}',
  'actions.none': 'None of the changes tried raises the score.',
  'actions.capped':
    'Only {evaluated} of the {candidates} suggested changes were tried: the map is large ({nodes} nodes).',
  'actions.skipped':
    'Top actions not computed: the map is too large or too deep ({nodes} nodes) to re-analyse it once per change.',
  'actions.col.action': 'Action',
  'actions.col.score': 'Score',
  'actions.col.services': 'Services protected',
  'finding.single-point-of-failure.many.message': (p: Many) =>
    `${p.component} alone takes down ${p.services} and ${count('en', p.more, { one: 'other service', other: 'other services' })} (${p.path})`,
  'finding.single-point-of-failure.many.recommendation': (p: Spof) =>
    `Deal with ${p.component} first: it carries more services than any list can show. ${(ADVICE_EN[p.advice] ?? ADVICE_EN.generic)(p.component)}`,
  'finding.single-point-of-failure.message': '{component} alone takes down {services} ({path})',
  'finding.single-point-of-failure.recommendation': (p: Spof) =>
    (ADVICE_EN[p.advice] ?? ADVICE_EN.generic)(p.component),
  'finding.shared-dependency.message':
    'The redundancy {group} of {owner} is illusory: {members} all fail when {shared} fails ({path})',
  'finding.shared-dependency.recommendation':
    'Give each member its own {shared}, or make {shared} itself redundant on another provider.',
  'finding.shared-dependency.placement.message':
    'The redundancy {group} of {owner} is illusory: {members} all run in {shared}',
  'finding.shared-dependency.placement.recommendation':
    'Spread the members over different zones, regions or providers.',
  'finding.shared-dependency.placement-indirect.message':
    'The redundancy {group} of {owner} is illusory: {members} all fail when {shared} fails, through what they depend on',
  'finding.shared-dependency.placement-indirect.recommendation':
    'Find what the members depend on in {shared} (replay it with --fail) and give each member its own, outside {shared}.',
  'finding.shared-dependency.failover.message':
    'Failover {failover} from {primary} to {secondary} is illusory: all of them fail with {place}',
  'finding.shared-dependency.failover.recommendation':
    'Place a secondary of {failover} outside {place}: another region at least, another provider for provider-wide outages.',
  'finding.provider-concentration.message': (p: ProviderPath) =>
    `A failure of ${p.provider} takes ${p.service} down whole (${p.path})`,
  'finding.provider-concentration.recommendation': (p: { readonly provider: string }) =>
    `Add a standby of the path shown on another provider, with a failover that does not need ${p.provider} to switch.`,
  'finding.region-concentration.message': 'A failure of region {region} takes {service} down whole ({path})',
  'finding.region-concentration.recommendation':
    'Run a standby of the path shown in another region or on another provider.',
  'finding.control-plane-dependency.failover.message':
    'Failover {failover} away from {primary} goes through {via}, which fails with {place}: when {place} fails, the switch itself cannot be made',
  'finding.control-plane-dependency.failover.recommendation':
    "Move {via} off {place}: a DNS or proxy on another provider (or Bascule's own), pre-provisioned so that switching needs no call to {place}.",
  'finding.control-plane-dependency.steering.message':
    'Traffic to {group} is steered by {via}, which fails with {place}: losing {place} also loses the way to the surviving members',
  'finding.control-plane-dependency.steering.recommendation':
    'Host {via} outside {place}, or make it redundant across providers (for DNS: secondary name servers on another provider).',
  'finding.control-plane-dependency.bascule.message':
    'Bascule runs failover {failover} of {service} on {via}, which fails with {place} ({chain}): when {place} fails, {primary} fails with it and Bascule, down too, cannot switch to {secondary}',
  'finding.control-plane-dependency.bascule.recommendation':
    'Run the Bascule node (runtime.component) outside {place}: another provider than the endpoints it fails over from, or a node on each.',
  'finding.control-plane-dependency.bascule-unplaced.message':
    'Bascule runs failover {failover} of {service}, but the map does not say where Bascule runs: whether its proxy and DNS survive the outage they fail over from cannot be judged',
  'finding.control-plane-dependency.bascule-unplaced.recommendation':
    'Name in runtime.component the component that stands for the Bascule node (its provider and region), so the analysis can judge it.',
  'failover.switches': '{subject} switches to {to}',
  'failover.stuck': '{subject} cannot switch to {to}: {via}, which moves the traffic, fails too',
  'failover.noneLeft': '{subject}: no healthy endpoint left',
  'finding.monitoring-gap.none.message': '{service} ({criticality}) has no check watching it',
  'finding.monitoring-gap.none.recommendation': (p: ServiceProviders) =>
    `Add an HTTP or TCP check on ${p.service}, run from a vantage point outside ${p.providers}.`,
  'finding.monitoring-gap.inside.message':
    '{service} ({criticality}) is watched only from {vantages}, inside the providers it depends on ({providers})',
  'finding.monitoring-gap.inside.recommendation': (p: ServiceProviders) =>
    `Add a vantage point on a provider ${p.service} does not use, so an outage of ${p.providers} does not blind the monitor.`,
  'finding.monitoring-gap.unplaced.message':
    '{service} ({criticality}) is watched, but no vantage point says where it runs: it may fail with {providers}',
  'finding.monitoring-gap.unplaced.recommendation':
    'Declare vantages with their provider, and run at least one outside {providers}.',
  'finding.backup-missing.message': (p: Missing) =>
    `${p.component} (${p.kind}) holds the data of ${p.services} (${p.criticality}), and no backup protects it: if it is lost, so is its data`,
  'finding.backup-missing.recommendation': (p: Missing) =>
    `Back ${p.component} up: a dataset in backups: (docs/backups.md) with a target at another provider and in another region, and a restore test (verify: {restore: true}).`,
  'finding.backup-missing.replicas.message': (p: Replicas) =>
    `The replicas ${p.members} of ${p.group} hold the data of ${p.services} (${p.criticality}), and no backup protects them: replication copies a deletion or a corruption to every replica`,
  'finding.backup-missing.replicas.recommendation':
    'Back up one of them: a dataset in backups: on one replica, with a target at another provider, and a restore test.',
  'finding.backup-colocated.region.message': (p: Colocated) =>
    `Every copy of ${p.dataset} (${p.copies}) is in ${p.place}, like ${p.component} itself: one fire or flood there takes the data and its backups (OVHcloud Strasbourg, March 2021)`,
  'finding.backup-colocated.region.recommendation': (p: Colocated) =>
    `Add a copy of ${p.dataset} at another provider and in another region: a second target in its to: list (restic copy fills it from the first).`,
  'finding.backup-colocated.provider.message': (p: Colocated) =>
    `Every copy of ${p.dataset} (${p.copies}) is at ${p.place}, like ${p.component} itself: an outage of ${p.place}, or a closed account, takes the data and its backups`,
  'finding.backup-colocated.provider.recommendation': (p: Colocated) =>
    `Add a copy of ${p.dataset} at another provider: a second target in its to: list.`,
  'finding.rpo-unmet.message': (p: Rpo) =>
    `${p.dataset} is backed up every ${p.every}, but its RPO is ${p.rpo}: a loss can cost up to ${p.every} of data`,
  'finding.rpo-unmet.recommendation': (p: Rpo) =>
    `Back ${p.dataset} up at least every ${p.rpo} (every: in backups:), or agree to a longer RPO.`,
  'finding.rpo-unmet.service.message': (p: RpoService) =>
    `${p.dataset} is backed up every ${p.every}, but ${p.service} may lose at most ${p.rpo} of data (its RPO): a loss can cost up to ${p.every}`,
  'finding.rpo-unmet.service.recommendation': (p: RpoService) =>
    `Back ${p.dataset} up at least every ${p.rpo} (every: in backups:), or give ${p.service} a longer RPO if the business agrees.`,
  'data.lost': (p: DataTargets) =>
    p.count === 1
      ? `${p.dataset}: lost, its only copy (${p.targets}) goes down with it`
      : `${p.dataset}: lost, every copy (${p.targets}) goes down with it`,
  'data.stale': (p: DataAge) =>
    `${p.dataset}: restorable from ${p.targets} (up to ${p.every} old), beyond its RPO of ${p.rpo}`,
  'data.restorable': (p: DataAge) =>
    `${p.dataset}: restorable from ${p.targets} (up to ${p.every} old, within its RPO)`,
  'finding.assumed': 'assumed: {items}',
  'finding.assumed.item': '{component} {fields}',
  'finding.related.provider': (p: RelatedPlace) =>
    `also: a failure of ${p.provider} takes ${p.services} down through it`,
  'finding.related.region': 'also: a failure of region {region} takes {services} down through it',
  'finding.related.same-place': 'also: the same failure takes {services} down whole',
  'finding.related.shared-dependency':
    'also: it makes the redundancy {group} of {owner} illusory ({members} all fail with it)',
  'finding.related.other': 'also: {message}',
  'finding.related.more': (p: Counted) =>
    `also: ${count('en', p.count, { one: 'more related finding', other: 'more related findings' })}, in the JSON and HTML reports`,
  'finding.related.others': (p: Counted) => `and ${count('en', p.count, { one: 'other', other: 'others' })}`,
} as const;

export const fr = {
  'action.replica.title': 'Donnez à {component} une copie redondante chez un autre fournisseur',
  'action.replica.database.title':
    'Donnez à la base de données {component} une réplique chez un autre fournisseur',
  'action.replica.dns.title': 'Ajoutez à {component} un DNS secondaire, chez un autre fournisseur',
  'action.replica.payment.title': (p: Component) =>
    `Ajoutez un second prestataire de paiement à côté ${de(p.component)}`,
  'action.replica.email.title': (p: Component) =>
    `Prévoyez une messagerie de secours à côté ${de(p.component)}`,
  'action.replica.auth.title': (p: Component) =>
    `Prévoyez une connexion de secours à côté ${de(p.component)}, chez un autre fournisseur`,
  'action.replica.network.title': (p: Component) => `Ajoutez une ligne de secours à côté ${de(p.component)}`,
  'action.replica.saas.title': (p: Component) =>
    `Prévoyez de quoi travailler sans ${p.component} : des exports réguliers et une procédure de secours`,
  'action.split-region.title': (p: Split) =>
    `Faites aussi tourner ${p.components} dans une seconde région, pour ${que(p.service)} résiste à la perte de la région ${p.place}`,
  'action.split-region.suppliers.title': (p: Split) =>
    `Gardez un second fournisseur prêt pour ${p.components} (un pour chacun), pour ${que(p.service)} résiste à la perte de la région ${p.place}, où ils tournent`,
  'action.split-provider.title': (p: Split) =>
    `Donnez à ${p.components} une réserve chez un autre fournisseur, pour ${que(p.service)} résiste à une panne chez ${p.place}`,
  'action.decouple.title': (p: Decouple) =>
    `Donnez à ${p.others} ${p.count === 1 ? 'sa propre copie' : 'chacun sa propre copie'} ${de(p.shared)}, pour que ${p.members} ne tombent plus ensemble`,
  'action.spread.title':
    'Déplacez {others} dans une autre région, pour que {members} ne tournent plus tous dans {place}',
  'action.spread.zone.title':
    'Déplacez {others} dans une autre zone, pour que {members} ne tournent plus tous dans {place}',
  'action.move.title': (p: Move) =>
    `Sortez ${p.component} ${de(p.place)} : hébergez-le chez un autre fournisseur`,
  'actions.section': 'Actions prioritaires',
  'actions.line': '{title} : score {before} → {after}, pour {services}',
  'actions.none': 'Aucun des changements essayés n’améliore le score.',
  'actions.capped':
    'Seuls {evaluated} des {candidates} changements suggérés ont été essayés : la carte est grande ({nodes} nœuds).',
  'actions.skipped':
    'Actions prioritaires non calculées : la carte est trop grande ou trop profonde ({nodes} nœuds) pour être réanalysée une fois par changement.',
  'actions.col.action': 'Action',
  'actions.col.score': 'Score',
  'actions.col.services': 'Services protégés',
  'finding.single-point-of-failure.many.message': (p: Many) =>
    `${p.component} suffit à faire tomber ${p.services} et ${count('fr', p.more, { one: 'autre service', other: 'autres services' })} (${p.path})`,
  'finding.single-point-of-failure.many.recommendation': (p: Spof) =>
    `Traitez ${p.component} en priorité : il porte plus de services qu’une liste n’en peut montrer. ${(ADVICE_FR[p.advice] ?? ADVICE_FR.generic)(p.component)}`,
  'finding.single-point-of-failure.message': '{component} suffit à faire tomber {services} ({path})',
  'finding.single-point-of-failure.recommendation': (p: Spof) =>
    (ADVICE_FR[p.advice] ?? ADVICE_FR.generic)(p.component),
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
  'finding.provider-concentration.message': (p: ProviderPath) =>
    `Une panne ${deFr(p.provider)} fait tomber ${p.service} entièrement (${p.path})`,
  'finding.provider-concentration.recommendation': (p: { readonly provider: string }) =>
    `Ajoutez une réserve du chemin indiqué chez un autre fournisseur, avec une bascule qui n’a pas besoin ${deFr(p.provider)}.`,
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
  'finding.control-plane-dependency.bascule.message':
    'Bascule mène la bascule {failover} de {service} depuis {via}, qui tombe avec {place} ({chain}) : quand {place} tombe, {primary} tombe aussi et Bascule, tombé lui aussi, ne peut pas basculer vers {secondary}',
  'finding.control-plane-dependency.bascule.recommendation':
    'Faites tourner le nœud Bascule (runtime.component) hors de {place} : chez un autre fournisseur que les points d’accès qu’il quitte, ou un nœud chez chacun.',
  'finding.control-plane-dependency.bascule-unplaced.message':
    'Bascule mène la bascule {failover} de {service}, mais la carte ne dit pas où tourne Bascule : impossible de juger si son proxy et son DNS survivent à la panne qu’ils doivent contourner',
  'finding.control-plane-dependency.bascule-unplaced.recommendation':
    'Indiquez dans runtime.component le composant qui représente le nœud Bascule (son fournisseur et sa région), pour que l’analyse puisse en juger.',
  'failover.switches': '{subject} bascule vers {to}',
  'failover.stuck': '{subject} ne peut pas basculer vers {to} : {via}, qui aiguille le trafic, tombe aussi',
  'failover.noneLeft': '{subject} : plus aucun point d’accès sain',
  'finding.monitoring-gap.none.message': '{service} ({criticality}) n’est surveillé par aucune vérification',
  'finding.monitoring-gap.none.recommendation': (p: ServiceProviders) =>
    `Ajoutez une vérification HTTP ou TCP ${deFr(p.service)}, lancée depuis un point de vue hors ${deFr(p.providers)}.`,
  'finding.monitoring-gap.inside.message':
    '{service} ({criticality}) n’est surveillé que depuis {vantages}, chez les fournisseurs dont il dépend ({providers})',
  'finding.monitoring-gap.inside.recommendation': (p: ServiceProviders) =>
    `Ajoutez un point de vue chez un fournisseur que ${p.service} n’utilise pas, pour qu’une panne ${deFr(p.providers)} n’aveugle pas la surveillance.`,
  'finding.monitoring-gap.unplaced.message':
    '{service} ({criticality}) est surveillé, mais aucun point de vue ne dit où il tourne : il peut tomber avec {providers}',
  'finding.monitoring-gap.unplaced.recommendation':
    'Déclarez des points de vue (vantages) avec leur fournisseur, dont au moins un hors de {providers}.',
  'finding.backup-missing.message': (p: Missing) =>
    `${p.component} (${p.kind}) contient les données ${deFr(p.services)} (${p.criticality}), et aucune sauvegarde ne le protège : s’il est perdu, ses données le sont aussi`,
  'finding.backup-missing.recommendation': (p: Missing) =>
    `Sauvegardez ${p.component} : un jeu de données dans backups: (docs/backups.md), avec une cible chez un autre fournisseur et dans une autre région, et un test de restauration (verify: {restore: true}).`,
  'finding.backup-missing.replicas.message': (p: Replicas) =>
    `Les répliques ${p.members} ${deFr(p.group)} contiennent les données ${deFr(p.services)} (${p.criticality}), et aucune sauvegarde ne les protège : la réplication recopie une suppression ou une corruption sur chacune`,
  'finding.backup-missing.replicas.recommendation':
    'Sauvegardez l’une d’elles : un jeu de données dans backups: sur une réplique, avec une cible chez un autre fournisseur, et un test de restauration.',
  'finding.backup-colocated.region.message': (p: Colocated) =>
    `Toutes les copies ${deFr(p.dataset)} (${p.copies}) sont dans ${p.place}, comme ${p.component} lui-même : un incendie ou une inondation y emporte les données et leurs sauvegardes (OVHcloud Strasbourg, mars 2021)`,
  'finding.backup-colocated.region.recommendation': (p: Colocated) =>
    `Ajoutez une copie ${deFr(p.dataset)} chez un autre fournisseur et dans une autre région : une seconde cible dans sa liste to: (restic copy la remplit depuis la première).`,
  'finding.backup-colocated.provider.message': (p: Colocated) =>
    `Toutes les copies ${deFr(p.dataset)} (${p.copies}) sont chez ${p.place}, comme ${p.component} lui-même : une panne ${deFr(p.place)}, ou un compte fermé, emporte les données et leurs sauvegardes`,
  'finding.backup-colocated.provider.recommendation': (p: Colocated) =>
    `Ajoutez une copie ${deFr(p.dataset)} chez un autre fournisseur : une seconde cible dans sa liste to:.`,
  'finding.rpo-unmet.message': (p: Rpo) =>
    `${p.dataset} est sauvegardé à intervalle de ${p.every}, mais son RPO est de ${p.rpo} : une perte peut coûter jusqu’à ${p.every} de données`,
  'finding.rpo-unmet.recommendation': (p: Rpo) =>
    `Sauvegardez ${p.dataset} à intervalle d’au plus ${p.rpo} (every: dans backups:), ou convenez d’un RPO plus long.`,
  'finding.rpo-unmet.service.message': (p: RpoService) =>
    `${p.dataset} est sauvegardé à intervalle de ${p.every}, mais ${p.service} ne peut perdre plus de ${p.rpo} de données (son RPO) : une perte peut coûter jusqu’à ${p.every}`,
  'finding.rpo-unmet.service.recommendation': (p: RpoService) =>
    `Sauvegardez ${p.dataset} à intervalle d’au plus ${p.rpo} (every: dans backups:), ou donnez à ${p.service} un RPO plus long si le métier l’accepte.`,
  'data.lost': (p: DataTargets) =>
    p.count === 1
      ? `${p.dataset} : données perdues, leur seule copie (${p.targets}) tombe avec elles`
      : `${p.dataset} : données perdues, toutes leurs copies (${p.targets}) tombent avec elles`,
  'data.stale': (p: DataAge) =>
    `${p.dataset} : restaurable depuis ${p.targets} (copie d’au plus ${p.every}), au-delà de son RPO de ${p.rpo}`,
  'data.restorable': (p: DataAge) =>
    `${p.dataset} : restaurable depuis ${p.targets} (copie d’au plus ${p.every}, dans son RPO)`,
  'finding.assumed': 'supposé : {items}',
  'finding.assumed.item': '{fields} de {component}',
  'finding.related.provider': (p: RelatedPlace) =>
    `aussi : une panne ${de(p.provider)} fait tomber ${p.services} par son intermédiaire`,
  'finding.related.region':
    'aussi : une panne de la région {region} fait tomber {services} par son intermédiaire',
  'finding.related.same-place': 'aussi : la même panne fait tomber {services} entièrement',
  'finding.related.shared-dependency':
    'aussi : il rend illusoire la redondance {group} de {owner} ({members} tombent tous avec lui)',
  'finding.related.other': 'aussi : {message}',
  'finding.related.more': (p: Counted) =>
    `aussi : ${count('fr', p.count, { one: 'autre constat lié', other: 'autres constats liés' })}, dans les rapports JSON et HTML`,
  'finding.related.others': (p: Counted) => `et ${count('fr', p.count, { one: 'autre', other: 'autres' })}`,
} as const satisfies Translations<typeof en>;
