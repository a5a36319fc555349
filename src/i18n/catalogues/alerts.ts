/** Messages of alerts: titles, texts, durations and criticalities as channels show them. */
import { count } from '../plural.ts';
import type { Translations } from '../types.ts';

export const en = {
  'alert.opened.title': '{service} is {state}',
  'alert.worsened.title': '{service} is now {state}',
  'alert.repeat.title': 'Reminder: {service} is still {state} after {duration}',
  'alert.resolved.title': '{service} is back UP after {duration}',
  'alert.test.title': 'Bascule test alert for channel {channel}',
  'alert.test.text': 'This is a test alert from Bascule: if you read it, channel "{channel}" works.',
  'alert.text.open': 'Criticality: {criticality} · since {since}',
  'alert.text.resolved': 'Criticality: {criticality} · from {since} to {until}, worst state {worst}',
  'alert.text.causes': 'Causes:',
  'alert.text.noCause': 'No cause known yet.',
  'alert.text.incident': 'Incident {id}',
  'alert.text.suppressed': (p: { readonly count: number }) =>
    `${count('en', p.count, { one: 'earlier alert was', other: 'earlier alerts were' })} dropped by the rate limit of this channel.`,
  'alert.self.opened.title': 'Bascule itself: {problem}',
  'alert.self.resolved.title': 'Bascule itself is back to normal after {duration}',
  'alert.self.store-failing':
    'its store is failing ({detail}): it still watches and alerts, but what it learns is not kept, and a restart now would lose it',
  'alert.self.probes-local':
    'its own machine is short of open files, memory or ports ({detail}): its probes cannot run, so what they watch is not judged',
  'alert.self.text.open': 'Since {since}. This is about Bascule, not about what it watches.',
  'alert.self.text.resolved': 'From {since} to {until}: {problem}.',
  'alert.failover.switched.title': 'Failover {group}: traffic moved from {from} to {to}',
  'alert.failover.switched.text': 'At {since}: {reason}.',
  'alert.failover.all-down.title': 'Failover {group}: no endpoint is healthy',
  'alert.failover.all-down.text':
    'Since {since}. Traffic stays on {active}, the last active endpoint: Bascule does not switch to an endpoint that is not healthy.',
  'alert.failover.recovered.title': 'Failover {group}: {endpoint} is healthy again and has the traffic',
  'alert.failover.recovered.text': 'At {since}.',
  'alert.failover.actuator.title': 'Failover {group}: the {actuator} actuator failed to apply the routing',
  'alert.failover.actuator.text':
    'At {since}: {reason}, while sending the traffic to {endpoint}. Bascule retries with backoff; the decision is kept.',
  'alert.failover.reason.down': 'the active endpoint is down, by quorum',
  'alert.failover.reason.passive': 'the proxy saw the active endpoint fail on live traffic',
  'alert.failover.reason.failback': 'the preferred endpoint has been healthy long enough (failback)',
  'alert.failover.reason.drain': 'an operator drained the active endpoint',
  'alert.failover.reason.pin': 'an operator pinned the traffic',
  'alert.failover.reason.config': 'the map no longer has the active endpoint',
  'alert.backup.run-failed.title': 'Backup of {dataset} failed ({target})',
  'alert.backup.run-failed.text': 'At {since}: {reason}. No new copy was made; the last good one is kept.',
  'alert.backup.verify-failed.title': 'Verification of the backup of {dataset} failed ({target})',
  'alert.backup.verify-failed.text':
    'At {since}: {reason}. The copies may not restore: check the repository before you need it.',
  'alert.backup.breach.title': 'Backup of {dataset} is beyond its RPO',
  'alert.backup.breach.text':
    'Since {since}: with an RPO of {rpo}, the last good copies are too old or failed ({targets}). A loss now would cost more data than allowed.',
  'alert.backup.recovered.title': 'Backup of {dataset} is within its RPO again',
  'alert.backup.recovered.text': 'At {since}: every copy is fresh again.',
  'alert.backup.missed.title': 'Backup of {dataset} did not run on schedule',
  'alert.backup.missed.text':
    'No good backup recorded since {last}; one was due by {deadline}. The job may be hanging, not started, or Bascule’s scheduler stopped.',
  'alert.backup.missed.never':
    'No good backup recorded yet; one was due by {deadline}. The job may be hanging, not started, or Bascule’s scheduler stopped.',
  'alert.backup.noSnapshot': 'no good copy',
  'alert.criticality.critical': 'critical',
  'alert.criticality.high': 'high',
  'alert.criticality.medium': 'medium',
  'alert.criticality.low': 'low',
  'alert.unit.s': '{n}s',
  'alert.unit.m': '{n}m',
  'alert.unit.h': '{n}h',
  'alert.unit.d': '{n}d',
} as const;

export const fr = {
  'alert.opened.title': '{service} est {state}',
  'alert.worsened.title': '{service} est maintenant {state}',
  'alert.repeat.title': 'Rappel : {service} est toujours {state} depuis {duration}',
  'alert.resolved.title': '{service} est de nouveau UP après {duration}',
  'alert.test.title': 'Alerte de test Bascule pour le canal {channel}',
  'alert.test.text':
    'Ceci est une alerte de test de Bascule : si vous la lisez, le canal « {channel} » fonctionne.',
  'alert.text.open': 'Criticité : {criticality} · depuis le {since}',
  'alert.text.resolved': 'Criticité : {criticality} · du {since} au {until}, pire état {worst}',
  'alert.text.causes': 'Causes :',
  'alert.text.noCause': 'Cause encore inconnue.',
  'alert.text.incident': 'Incident {id}',
  'alert.text.suppressed': (p: { readonly count: number }) =>
    `${count('fr', p.count, { one: 'alerte précédente a été écartée', other: 'alertes précédentes ont été écartées' })} par la limite de débit de ce canal.`,
  'alert.self.opened.title': 'Bascule lui-même : {problem}',
  'alert.self.resolved.title': 'Bascule fonctionne de nouveau normalement, après {duration}',
  'alert.self.store-failing':
    'sa base de données est en échec ({detail}) : il surveille et alerte toujours, mais ce qu’il apprend n’est pas conservé, et un redémarrage maintenant le perdrait',
  'alert.self.probes-local':
    'sa propre machine manque de fichiers ouverts, de mémoire ou de ports ({detail}) : ses sondes ne peuvent plus tourner, ce qu’elles surveillent n’est donc plus jugé',
  'alert.self.text.open': 'Depuis le {since}. Il s’agit de Bascule lui-même, pas de ce qu’il surveille.',
  'alert.self.text.resolved': 'Du {since} au {until} : {problem}.',
  'alert.failover.switched.title': 'Bascule {group} : le trafic est passé de {from} à {to}',
  'alert.failover.switched.text': 'Le {since} : {reason}.',
  'alert.failover.all-down.title': 'Bascule {group} : aucun point d’accès n’est sain',
  'alert.failover.all-down.text':
    'Depuis le {since}. Le trafic reste sur {active}, le dernier point d’accès actif : Bascule ne bascule pas vers un point d’accès qui n’est pas sain.',
  'alert.failover.recovered.title': 'Bascule {group} : {endpoint} est de nouveau sain et reçoit le trafic',
  'alert.failover.recovered.text': 'Le {since}.',
  'alert.failover.actuator.title':
    'Bascule {group} : l’actionneur {actuator} n’a pas pu appliquer le routage',
  'alert.failover.actuator.text':
    'Le {since} : {reason}, en envoyant le trafic vers {endpoint}. Bascule réessaie en espaçant les tentatives ; la décision est conservée.',
  'alert.failover.reason.down': 'le point d’accès actif est en panne, selon le quorum',
  'alert.failover.reason.passive': 'le proxy a vu le point d’accès actif échouer sur le trafic réel',
  'alert.failover.reason.failback': 'le point d’accès préféré est sain depuis assez longtemps (retour)',
  'alert.failover.reason.drain': 'un opérateur a retiré le point d’accès actif du service',
  'alert.failover.reason.pin': 'un opérateur a fixé le trafic',
  'alert.failover.reason.config': 'la carte n’a plus le point d’accès actif',
  'alert.backup.run-failed.title': 'La sauvegarde de {dataset} a échoué ({target})',
  'alert.backup.run-failed.text':
    'Le {since} : {reason}. Aucune nouvelle copie n’a été faite ; la dernière copie valable est conservée.',
  'alert.backup.verify-failed.title': 'La vérification de la sauvegarde de {dataset} a échoué ({target})',
  'alert.backup.verify-failed.text':
    'Le {since} : {reason}. Les copies risquent de ne pas se restaurer : vérifiez le dépôt avant d’en avoir besoin.',
  'alert.backup.breach.title': 'La sauvegarde de {dataset} dépasse son RPO',
  'alert.backup.breach.text':
    'Depuis le {since} : pour un RPO de {rpo}, les dernières copies valables sont trop anciennes ou en échec ({targets}). Une perte maintenant coûterait plus de données que permis.',
  'alert.backup.recovered.title': 'La sauvegarde de {dataset} respecte de nouveau son RPO',
  'alert.backup.recovered.text': 'Le {since} : toutes les copies sont de nouveau à jour.',
  'alert.backup.missed.title': 'La sauvegarde de {dataset} n’a pas tourné à l’heure prévue',
  'alert.backup.missed.text':
    'Aucune sauvegarde valable enregistrée depuis le {last} ; il en fallait une avant le {deadline}. La tâche est peut-être bloquée, pas lancée, ou le planificateur de Bascule est arrêté.',
  'alert.backup.missed.never':
    'Aucune sauvegarde valable enregistrée pour l’instant ; il en fallait une avant le {deadline}. La tâche est peut-être bloquée, pas lancée, ou le planificateur de Bascule est arrêté.',
  'alert.backup.noSnapshot': 'aucune copie valable',
  'alert.criticality.critical': 'critique',
  'alert.criticality.high': 'haute',
  'alert.criticality.medium': 'moyenne',
  'alert.criticality.low': 'faible',
  'alert.unit.s': '{n} s',
  'alert.unit.m': '{n} min',
  'alert.unit.h': '{n} h',
  'alert.unit.d': '{n} j',
} as const satisfies Translations<typeof en>;
