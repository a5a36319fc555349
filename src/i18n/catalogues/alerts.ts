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
  'alert.criticality.critical': 'critique',
  'alert.criticality.high': 'haute',
  'alert.criticality.medium': 'moyenne',
  'alert.criticality.low': 'faible',
  'alert.unit.s': '{n} s',
  'alert.unit.m': '{n} min',
  'alert.unit.h': '{n} h',
  'alert.unit.d': '{n} j',
} as const satisfies Translations<typeof en>;
