/** Messages of the HTTP API (its error answers) and of the operator token on the CLI side. */
import type { Translations } from '../types.ts';

export const en = {
  BASCULE_E_DAEMON_UNAUTHORIZED:
    'the daemon at {url} refused the operator token ({source}); give the right one with --token-file FILE, BASCULE_TOKEN or runtime.token',
  BASCULE_E_HTTP_UNAUTHORIZED: 'this endpoint needs the operator token: "Authorization: Bearer <token>"',
  BASCULE_E_HTTP_VANTAGE_UNAUTHORIZED: 'missing or wrong token for this vantage point',
  BASCULE_E_HTTP_NOT_FOUND: 'no such endpoint: {path}',
  BASCULE_E_HTTP_METHOD: '{method} is not allowed on {path}; use {allowed}',
  BASCULE_E_HTTP_TOO_LARGE: 'the body exceeds {limit} bytes',
  BASCULE_E_HTTP_MEDIA_TYPE: 'send the body as application/json',
  BASCULE_E_HTTP_BAD_JSON: 'the body is not valid JSON',
  BASCULE_E_HTTP_BAD_REQUEST: '{field}: {detail}',
  BASCULE_E_HTTP_INCIDENT_UNKNOWN: 'no incident "{id}"',
  BASCULE_E_HTTP_UNAVAILABLE: 'results could not be stored; retry later',
  BASCULE_E_HTTP_BUSY: 'too many live event streams are open ({limit}); retry later',
  BASCULE_E_HTTP_INTERNAL: 'internal error',
  'token.none': 'none found: no --token-file, BASCULE_TOKEN, runtime.token or {file}',
} as const;

export const fr = {
  BASCULE_E_DAEMON_UNAUTHORIZED:
    'le démon de {url} refuse le jeton d’opérateur ({source}) ; donnez le bon avec --token-file FICHIER, BASCULE_TOKEN ou runtime.token',
  BASCULE_E_HTTP_UNAUTHORIZED:
    'ce point d’accès demande le jeton d’opérateur : « Authorization: Bearer <jeton> »',
  BASCULE_E_HTTP_VANTAGE_UNAUTHORIZED: 'jeton absent ou erroné pour ce point de vue',
  BASCULE_E_HTTP_NOT_FOUND: 'point d’accès inexistant : {path}',
  BASCULE_E_HTTP_METHOD: '{method} n’est pas accepté sur {path} ; utilisez {allowed}',
  BASCULE_E_HTTP_TOO_LARGE: 'le corps dépasse {limit} octets',
  BASCULE_E_HTTP_MEDIA_TYPE: 'envoyez le corps en application/json',
  BASCULE_E_HTTP_BAD_JSON: 'le corps n’est pas du JSON valide',
  BASCULE_E_HTTP_BAD_REQUEST: '{field} : {detail}',
  BASCULE_E_HTTP_INCIDENT_UNKNOWN: 'aucun incident « {id} »',
  BASCULE_E_HTTP_UNAVAILABLE: 'les résultats n’ont pas pu être enregistrés ; réessayez plus tard',
  BASCULE_E_HTTP_BUSY: 'trop de flux d’événements en direct sont ouverts ({limit}) ; réessayez plus tard',
  BASCULE_E_HTTP_INTERNAL: 'erreur interne',
  'token.none': 'aucun trouvé : ni --token-file, ni BASCULE_TOKEN, ni runtime.token, ni {file}',
} as const satisfies Translations<typeof en>;
