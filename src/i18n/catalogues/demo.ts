/** Messages of `bascule demo`: what it starts, where to look, and the story it tells as it happens. */
import { count } from '../plural.ts';
import type { Translations } from '../types.ts';

type Load = { readonly requests: number; readonly byBackend: string; readonly errors: number };
type Live = Load & { readonly active: string };
type RoundLoad = Load & { readonly round: number };

export const en = {
  'cli.demo.summary':
    'a failover, live on this machine: two local providers, Bascule in front, the primary killed and brought back',
  BASCULE_E_DEMO_BACKEND:
    'the demo cannot start its {provider} backend on {address} ({reason}); Linux answers on all of 127.0.0.0/8, elsewhere add that address to the loopback interface',
  BASCULE_E_DEMO_NOT_READY:
    'the two providers did not pass their probes within {seconds} s: is something on this machine blocking loopback traffic?',
  'demo.title':
    'Bascule demo: a shop whose api runs at two providers, {primary} and {secondary}, on this machine',
  'demo.starting': 'Starting the two providers, the daemon, its proxy and its DNS…',
  'demo.label.map': 'the map (read it)',
  'demo.label.dashboard': 'dashboard',
  'demo.label.statusPage': 'status page',
  'demo.label.proxy': 'proxy',
  'demo.label.dns': 'DNS',
  'demo.label.token': 'operator token',
  'demo.label.providers': 'providers',
  'demo.label.log': 'daemon log',
  'demo.label.cli': 'in another terminal',
  'demo.providers': '{primary} on {primaryAddress} (preferred), {secondary} on {secondaryAddress} (standby)',
  'demo.waiting': 'Waiting for both providers to pass their probes…',
  'demo.ready':
    'Ready: the traffic goes to {endpoint} and {name} answers {address}. A client sends {rate} requests a second through the proxy.',
  'demo.round': 'Round {round} of {rounds}',
  'demo.killIn':
    '{endpoint} will be killed in {duration}: press Enter to kill it now, Ctrl-C to end the demo.',
  'demo.killed': '{endpoint} killed (SIGKILL to pid {pid}): its provider is gone',
  'demo.probeFailed': 'probe {check} from {vantage} failed: {reason}',
  'demo.check': '{check} is {state}',
  'demo.switch': 'switch {from} → {to} ({reason})',
  'demo.switch.detectedPassive': 'detection: the proxy saw {from} fail under traffic',
  'demo.switch.detectedProbe': 'detection: the first failed probe of {from}',
  'demo.switch.down': '{from} DOWN by quorum',
  'demo.switch.decided': 'decision, {ms} after the detection',
  'demo.switch.confirmed': '{actuator}: routing confirmed',
  'demo.switch.unconfirmed': '{actuator}: no confirmation yet',
  'demo.switch.served': 'first response from {to} through the proxy',
  'demo.dns': '{name} now answers {address} (TTL {ttl} s)',
  'demo.incidentOpened': 'incident opened: {service} {state} ({id}), shown on the status page',
  'demo.incidentResolved': 'incident resolved: {service} back UP after {duration}',
  'demo.restarted':
    '{endpoint} started again (pid {pid}); traffic goes back to it once it has been healthy for {duration}',
  'demo.timeout.switch': 'no switch away from {endpoint} within {duration}',
  'demo.timeout.failback': 'no failback to {endpoint} within {duration}',
  'demo.load': (p: Load) =>
    `since the kill: ${count('en', p.requests, { one: 'request', other: 'requests' })} through the proxy (${p.byBackend}), ${count('en', p.errors, { one: 'client error', other: 'client errors' })}`,
  'demo.roundLoad': (p: RoundLoad) =>
    `Round ${p.round}: ${count('en', p.requests, { one: 'request', other: 'requests' })} through the proxy (${p.byBackend}), ${count('en', p.errors, { one: 'client error', other: 'client errors' })}`,
  'demo.live': (p: Live) =>
    `${count('en', p.requests, { one: 'request', other: 'requests' })} · ${p.byBackend} · ${count('en', p.errors, { one: 'client error', other: 'client errors' })} · traffic on ${p.active}`,
  'demo.lastRound':
    'That was the last round. Everything keeps running for you to look around; Ctrl-C ends the demo.',
  'demo.stopping': 'Stopping the client, the daemon (API, proxy, DNS) and the two providers…',
  'demo.stopped': 'Stopped: nothing left running, {dir} removed.',
} as const;

export const fr = {
  'cli.demo.summary':
    'une bascule en direct sur cette machine : deux fournisseurs locaux, Bascule devant, le principal tué puis relancé',
  BASCULE_E_DEMO_BACKEND:
    'la démo ne peut pas lancer son serveur {provider} sur {address} ({reason}) ; Linux répond sur tout 127.0.0.0/8, ailleurs ajoutez cette adresse à l’interface de bouclage',
  BASCULE_E_DEMO_NOT_READY:
    'les deux fournisseurs n’ont pas passé leurs sondes en {seconds} s : quelque chose bloque-t-il le trafic local sur cette machine ?',
  'demo.title':
    'Démo de Bascule : une boutique dont l’api tourne chez deux fournisseurs, {primary} et {secondary}, sur cette machine',
  'demo.starting': 'Démarrage des deux fournisseurs, du démon, de son proxy et de son DNS…',
  'demo.label.map': 'la carte (à lire)',
  'demo.label.dashboard': 'tableau de bord',
  'demo.label.statusPage': 'page de statut',
  'demo.label.proxy': 'proxy',
  'demo.label.dns': 'DNS',
  'demo.label.token': 'jeton opérateur',
  'demo.label.providers': 'fournisseurs',
  'demo.label.log': 'journal du démon',
  'demo.label.cli': 'dans un autre terminal',
  'demo.providers': '{primary} sur {primaryAddress} (préféré), {secondary} sur {secondaryAddress} (secours)',
  'demo.waiting': 'Attente que les deux fournisseurs passent leurs sondes…',
  'demo.ready':
    'Prêt : le trafic va vers {endpoint} et {name} renvoie {address}. Un client envoie {rate} requêtes par seconde à travers le proxy.',
  'demo.round': 'Tour {round} sur {rounds}',
  'demo.killIn':
    '{endpoint} sera tué dans {duration} : Entrée pour le tuer tout de suite, Ctrl-C pour arrêter la démo.',
  'demo.killed': '{endpoint} tué (SIGKILL au pid {pid}) : son fournisseur a disparu',
  'demo.probeFailed': 'la sonde {check} depuis {vantage} échoue : {reason}',
  'demo.check': '{check} est {state}',
  'demo.switch': 'bascule {from} → {to} ({reason})',
  'demo.switch.detectedPassive': 'détection : le proxy a vu {from} échouer sous le trafic',
  'demo.switch.detectedProbe': 'détection : la première sonde en échec de {from}',
  'demo.switch.down': '{from} EN PANNE selon le quorum',
  'demo.switch.decided': 'décision, {ms} après la détection',
  'demo.switch.confirmed': '{actuator} : aiguillage confirmé',
  'demo.switch.unconfirmed': '{actuator} : pas encore de confirmation',
  'demo.switch.served': 'première réponse de {to} à travers le proxy',
  'demo.dns': '{name} renvoie maintenant {address} (TTL {ttl} s)',
  'demo.incidentOpened': 'incident ouvert : {service} {state} ({id}), affiché sur la page de statut',
  'demo.incidentResolved': 'incident résolu : {service} de nouveau disponible après {duration}',
  'demo.restarted': '{endpoint} relancé (pid {pid}) ; le trafic y revient après {duration} de bonne santé',
  'demo.timeout.switch': 'pas de bascule hors de {endpoint} en {duration}',
  'demo.timeout.failback': 'pas de retour vers {endpoint} en {duration}',
  'demo.load': (p: Load) =>
    `depuis la panne : ${count('fr', p.requests, { one: 'requête', other: 'requêtes' })} à travers le proxy (${p.byBackend}), ${count('fr', p.errors, { one: 'erreur côté client', other: 'erreurs côté client' })}`,
  'demo.roundLoad': (p: RoundLoad) =>
    `Tour ${p.round} : ${count('fr', p.requests, { one: 'requête', other: 'requêtes' })} à travers le proxy (${p.byBackend}), ${count('fr', p.errors, { one: 'erreur côté client', other: 'erreurs côté client' })}`,
  'demo.live': (p: Live) =>
    `${count('fr', p.requests, { one: 'requête', other: 'requêtes' })} · ${p.byBackend} · ${count('fr', p.errors, { one: 'erreur côté client', other: 'erreurs côté client' })} · trafic sur ${p.active}`,
  'demo.lastRound':
    'C’était le dernier tour. Tout continue de tourner pour que vous puissiez regarder ; Ctrl-C arrête la démo.',
  'demo.stopping': 'Arrêt du client, du démon (API, proxy, DNS) et des deux fournisseurs…',
  'demo.stopped': 'Arrêté : plus rien ne tourne, {dir} supprimé.',
} as const satisfies Translations<typeof en>;
