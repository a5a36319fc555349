/** Messages of live monitoring: failure reasons, states, transitions, the store and the daemon. */
import { count, plural } from '../plural.ts';
import type { Translations } from '../types.ts';

type Seen = { readonly down: number; readonly reporting: number };

export const en = {
  'reason.timeout': 'timeout',
  'reason.refused': 'connection refused',
  'reason.reset': 'connection reset',
  'reason.unreachable': 'host unreachable',
  'reason.dns-nxdomain': 'DNS: no such name (NXDOMAIN)',
  'reason.dns-servfail': 'DNS: resolution failed',
  'reason.dns-refused': 'DNS: query refused',
  'reason.dns-mismatch': 'DNS: unexpected answer',
  'reason.tls-error': 'TLS handshake failed',
  'reason.tls-untrusted': 'TLS: untrusted certificate',
  'reason.tls-expired': 'TLS: certificate expired',
  'reason.tls-hostname': 'TLS: certificate does not match the host',
  'reason.status': 'bad status',
  'reason.body': 'unexpected body',
  'reason.json': 'unexpected JSON value',
  'reason.too-slow': 'too slow',
  'reason.too-large': 'answer too large',
  'reason.protocol': 'protocol error',
  'reason.error': 'error',
  'warning.cert-expiring': (p: { readonly days: number }) =>
    `certificate expires in ${count('en', p.days, { one: 'day', other: 'days' })}`,
  'monitor.cause.vantages': (p: Seen) =>
    `${p.down}/${p.reporting} ${plural('en', p.reporting, { one: 'vantage point', other: 'vantage points' })}`,
  'state.UP': 'UP',
  'state.DEGRADED': 'DEGRADED',
  'state.DOWN': 'DOWN',
  'state.UNKNOWN': 'UNKNOWN',
  BASCULE_E_RUNTIME_LISTEN:
    'cannot listen on {address} ({reason}); give another address with --listen or runtime.listen',
  BASCULE_E_STORE_UNKNOWN: 'unknown store "{store}": use sqlite, sqlite:FILE or a postgres:// URL',
  BASCULE_E_STORE_OPEN: 'cannot open the SQLite store {file} ({reason}); is its directory writable?',
  BASCULE_E_STORE_UNREACHABLE: 'cannot connect to the store {store} ({reason})',
  BASCULE_E_STORE_MIGRATE: 'cannot bring the schema of the store {store} up to date ({reason})',
  BASCULE_E_DAEMON_UNREACHABLE: 'no Bascule daemon answers at {url} ({reason}); start it with "bascule run"',
  BASCULE_E_DAEMON_STATUS: '{url} answered HTTP {status} instead of the status: is it a Bascule daemon?',
} as const;

export const fr = {
  'reason.timeout': 'délai dépassé',
  'reason.refused': 'connexion refusée',
  'reason.reset': 'connexion interrompue',
  'reason.unreachable': 'hôte injoignable',
  'reason.dns-nxdomain': 'DNS : nom inexistant (NXDOMAIN)',
  'reason.dns-servfail': 'DNS : échec de résolution',
  'reason.dns-refused': 'DNS : requête refusée',
  'reason.dns-mismatch': 'DNS : réponse inattendue',
  'reason.tls-error': 'échec de la négociation TLS',
  'reason.tls-untrusted': 'TLS : certificat non reconnu',
  'reason.tls-expired': 'TLS : certificat expiré',
  'reason.tls-hostname': 'TLS : certificat d’un autre hôte',
  'reason.status': 'statut inattendu',
  'reason.body': 'contenu inattendu',
  'reason.json': 'valeur JSON inattendue',
  'reason.too-slow': 'trop lent',
  'reason.too-large': 'réponse trop volumineuse',
  'reason.protocol': 'erreur de protocole',
  'reason.error': 'erreur',
  'warning.cert-expiring': (p: { readonly days: number }) =>
    `le certificat expire dans ${count('fr', p.days, { one: 'jour', other: 'jours' })}`,
  'monitor.cause.vantages': (p: Seen) =>
    `${p.down}/${p.reporting} ${plural('fr', p.reporting, { one: 'point de vue', other: 'points de vue' })}`,
  'state.UP': 'DISPONIBLE',
  'state.DEGRADED': 'DÉGRADÉ',
  'state.DOWN': 'EN PANNE',
  'state.UNKNOWN': 'INCONNU',
  BASCULE_E_RUNTIME_LISTEN:
    'impossible d’écouter sur {address} ({reason}) ; indiquez une autre adresse avec --listen ou runtime.listen',
  BASCULE_E_STORE_UNKNOWN:
    'stockage « {store} » inconnu : indiquez sqlite, sqlite:FICHIER ou une URL postgres://',
  BASCULE_E_STORE_OPEN:
    'impossible d’ouvrir la base SQLite {file} ({reason}) ; son dossier est-il accessible en écriture ?',
  BASCULE_E_STORE_UNREACHABLE: 'connexion impossible à la base {store} ({reason})',
  BASCULE_E_STORE_MIGRATE: 'impossible de mettre à jour le schéma de la base {store} ({reason})',
  BASCULE_E_DAEMON_UNREACHABLE:
    'aucun démon Bascule ne répond à {url} ({reason}) ; lancez-le avec « bascule run »',
  BASCULE_E_DAEMON_STATUS: '{url} a répondu HTTP {status} au lieu de l’état : est-ce bien un démon Bascule ?',
} as const satisfies Translations<typeof en>;
