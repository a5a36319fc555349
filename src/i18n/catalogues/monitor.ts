/** Messages of live monitoring: failure reasons, states, transitions, causes, the store and the daemon. */
import type { ServiceCause } from '../../monitor/service-causes.ts';
import type { FailureReason, TransitionReason, Warning } from '../../monitor/types.ts';
import { count, plural } from '../plural.ts';
import type { Translations } from '../types.ts';
import { prefixed, word } from '../words.ts';

type Seen = { readonly down: number; readonly reporting: number };
/** How each kind of transition reason reads, one function per code (a new code fails to compile until worded). */
type ReasonTexts = {
  readonly [C in TransitionReason['code']]: (p: Extract<TransitionReason, { code: C }>) => string;
};

const REASON_EN = {
  timeout: 'timeout',
  refused: 'connection refused',
  reset: 'connection reset',
  unreachable: 'host unreachable',
  'dns-nxdomain': 'DNS: no such name (NXDOMAIN)',
  'dns-servfail': 'DNS: resolution failed',
  'dns-refused': 'DNS: query refused',
  'dns-mismatch': 'DNS: unexpected answer',
  'tls-error': 'TLS handshake failed',
  'tls-untrusted': 'TLS: untrusted certificate',
  'tls-expired': 'TLS: certificate expired',
  'tls-hostname': 'TLS: certificate does not match the host',
  status: 'bad status',
  body: 'unexpected body',
  json: 'unexpected JSON value',
  'too-slow': 'too slow',
  'too-large': 'answer too large',
  'too-many-redirects': 'too many redirects',
  'bad-redirect': 'redirect to an address Bascule does not follow',
  protocol: 'protocol error',
  local: 'Bascule could not probe: its own machine ran out of resources',
  error: 'error',
} as const satisfies Record<FailureReason, string>;
const REASON_FR = {
  timeout: 'délai dépassé',
  refused: 'connexion refusée',
  reset: 'connexion interrompue',
  unreachable: 'hôte injoignable',
  'dns-nxdomain': 'DNS : nom inexistant (NXDOMAIN)',
  'dns-servfail': 'DNS : échec de résolution',
  'dns-refused': 'DNS : requête refusée',
  'dns-mismatch': 'DNS : réponse inattendue',
  'tls-error': 'échec de la négociation TLS',
  'tls-untrusted': 'TLS : certificat non reconnu',
  'tls-expired': 'TLS : certificat expiré',
  'tls-hostname': 'TLS : certificat d’un autre hôte',
  status: 'statut inattendu',
  body: 'contenu inattendu',
  json: 'valeur JSON inattendue',
  'too-slow': 'trop lent',
  'too-large': 'réponse trop volumineuse',
  'too-many-redirects': 'trop de redirections',
  'bad-redirect': 'redirection vers une adresse que Bascule ne suit pas',
  protocol: 'erreur de protocole',
  local: 'Bascule n’a pas pu sonder : sa propre machine est à court de ressources',
  error: 'erreur',
} as const satisfies Record<FailureReason, string>;
const WARNING_EN: Readonly<Record<Warning, string>> = { 'cert-expiring': 'certificate expiring soon' };
const WARNING_FR: Readonly<Record<Warning, string>> = { 'cert-expiring': 'certificat bientôt expiré' };

const seenEn = (p: Seen) =>
  `${p.down}/${p.reporting} ${plural('en', p.reporting, { one: 'vantage point', other: 'vantage points' })}`;
const seenFr = (p: Seen) =>
  `${p.down}/${p.reporting} ${plural('fr', p.reporting, { one: 'point de vue', other: 'points de vue' })}`;
const detail = (d: string | undefined) => (d ? ` (${d})` : '');

const TRANSITION_EN: ReasonTexts = {
  'check-failed': (p) => `${word(REASON_EN, p.reason)}${detail(p.detail)} — ${p.down}/${p.reporting}`,
  'check-warning': (p) => word(WARNING_EN, p.warning),
  dependency: (p) => `dependency ${p.via}`,
  legacy: (p) => p.text,
};
const TRANSITION_FR: ReasonTexts = {
  'check-failed': (p) => `${word(REASON_FR, p.reason)}${detail(p.detail)} — ${p.down}/${p.reporting}`,
  'check-warning': (p) => word(WARNING_FR, p.warning),
  dependency: (p) => `dépendance ${p.via}`,
  legacy: (p) => p.text,
};

/** The reason in words; a code this version does not know (written by a newer one) shows as its JSON. */
function reasonText(texts: ReasonTexts, p: TransitionReason): string {
  const text = texts[p.code] as ((r: TransitionReason) => string) | undefined;
  return text ? text(p) : JSON.stringify(p);
}

/** `api-aws: DOWN — timeout (2s) — 2/3 vantage points` */
function causeText(
  reasons: Readonly<Record<string, string>>,
  warnings: Readonly<Record<string, string>>,
  seen: (p: Seen) => string,
  c: ServiceCause,
): string {
  const why = c.reason ? word(reasons, c.reason) : c.warning ? word(warnings, c.warning) : '';
  return `${c.check}: ${c.state}${why ? ` — ${why}${detail(c.detail)}` : ''} — ${seen(c)}`;
}

export const en = {
  ...prefixed('reason.', REASON_EN),
  'monitor.transition': (p: TransitionReason) => reasonText(TRANSITION_EN, p),
  'monitor.cause': (p: ServiceCause) => causeText(REASON_EN, WARNING_EN, seenEn, p),
  'warning.cert-expiring': (p: { readonly days: number }) =>
    `certificate expires in ${count('en', p.days, { one: 'day', other: 'days' })}`,
  'monitor.cause.vantages': seenEn,
  'state.UP': 'UP',
  'state.DEGRADED': 'DEGRADED',
  'state.DOWN': 'DOWN',
  'state.UNKNOWN': 'UNKNOWN',
  BASCULE_E_RUNTIME_LISTEN: 'cannot listen on {address} ({reason}); give another address with {key}',
  BASCULE_E_STORE_UNKNOWN: 'unknown store "{store}": use sqlite, sqlite:FILE, a postgres:// URL or memory',
  BASCULE_E_STORE_OPEN: 'cannot open the SQLite store {file} ({reason}); is its directory writable?',
  BASCULE_E_DATA_DIR: 'cannot write the data directory {dir} ({reason}); choose another with --data-dir',
  BASCULE_E_DATA_DIR_READONLY:
    'the data directory {dir} is read-only; give a writable one with --data-dir or runtime.dataDir',
  BASCULE_E_DATA_DIR_LOCKED:
    'another Bascule daemon (PID {pid}) already uses the data directory {dir}; stop it, or give this one another --data-dir',
  BASCULE_E_STORE_UNREACHABLE: 'cannot connect to the store {store} ({reason})',
  BASCULE_E_STORE_MIGRATE: 'cannot bring the schema of the store {store} up to date ({reason})',
  BASCULE_E_DAEMON_UNREACHABLE: 'no Bascule daemon answers at {url} ({reason}); start it with "bascule run"',
  BASCULE_E_DAEMON_STATUS: '{url} answered HTTP {status} instead of the status: is it a Bascule daemon?',
} as const;

export const fr = {
  ...prefixed('reason.', REASON_FR),
  'monitor.transition': (p: TransitionReason) => reasonText(TRANSITION_FR, p),
  'monitor.cause': (p: ServiceCause) => causeText(REASON_FR, WARNING_FR, seenFr, p),
  'warning.cert-expiring': (p: { readonly days: number }) =>
    `le certificat expire dans ${count('fr', p.days, { one: 'jour', other: 'jours' })}`,
  'monitor.cause.vantages': seenFr,
  'state.UP': 'DISPONIBLE',
  'state.DEGRADED': 'DÉGRADÉ',
  'state.DOWN': 'EN PANNE',
  'state.UNKNOWN': 'INCONNU',
  BASCULE_E_RUNTIME_LISTEN:
    'impossible d’écouter sur {address} ({reason}) ; indiquez une autre adresse avec {key}',
  BASCULE_E_STORE_UNKNOWN:
    'stockage « {store} » inconnu : indiquez sqlite, sqlite:FICHIER, une URL postgres:// ou memory',
  BASCULE_E_STORE_OPEN:
    'impossible d’ouvrir la base SQLite {file} ({reason}) ; son dossier est-il accessible en écriture ?',
  BASCULE_E_DATA_DIR:
    'impossible d’écrire dans le répertoire de données {dir} ({reason}) ; choisissez-en un autre avec --data-dir',
  BASCULE_E_DATA_DIR_READONLY:
    'le répertoire de données {dir} est en lecture seule ; indiquez-en un accessible en écriture avec --data-dir ou runtime.dataDir',
  BASCULE_E_DATA_DIR_LOCKED:
    'un autre démon Bascule (PID {pid}) utilise déjà le répertoire de données {dir} ; arrêtez-le, ou donnez à celui-ci un autre --data-dir',
  BASCULE_E_STORE_UNREACHABLE: 'connexion impossible à la base {store} ({reason})',
  BASCULE_E_STORE_MIGRATE: 'impossible de mettre à jour le schéma de la base {store} ({reason})',
  BASCULE_E_DAEMON_UNREACHABLE:
    'aucun démon Bascule ne répond à {url} ({reason}) ; lancez-le avec « bascule run »',
  BASCULE_E_DAEMON_STATUS: '{url} a répondu HTTP {status} au lieu de l’état : est-ce bien un démon Bascule ?',
} as const satisfies Translations<typeof en>;
