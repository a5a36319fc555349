/** Messages of the built-in proxy: the error answers its clients read, and the reasons they name. */
import type { Translations } from '../types.ts';

export const en = {
  BASCULE_E_PROXY_NO_ROUTE: 'no server is in service for {group} yet; retry in a moment',
  BASCULE_E_PROXY_UNREACHABLE: 'no server for {group} could take the request ({reason})',
  BASCULE_E_PROXY_TIMEOUT: 'the server for {group} did not answer in time ({reason})',
  BASCULE_E_PROXY_BAD_RESPONSE: 'the server for {group} sent an invalid HTTP response',
  BASCULE_E_PROXY_NOT_REPLAYED:
    'the server for {group} failed after receiving the request ({reason}); the request may have taken effect, so it was not sent again: check before you retry it',
  BASCULE_E_PROXY_HEADERS_TOO_LARGE: 'the request line and headers exceed {limit} bytes',
  BASCULE_E_PROXY_BODY_TOO_LARGE: 'the request body exceeds {limit} bytes',
  BASCULE_E_PROXY_BAD_REQUEST: 'the request is not valid HTTP/1.1',
  BASCULE_E_PROXY_REQUEST_TIMEOUT: 'the request was not received in time',
  'proxy.reason.refused': 'connection refused',
  'proxy.reason.unreachable': 'host unreachable',
  'proxy.reason.connect-timeout': 'no connection within the time allowed',
  'proxy.reason.reset': 'connection closed before the response',
  'proxy.reason.timeout': 'no response within the time allowed',
  'proxy.reason.garbage': 'invalid response',
  'proxy.reason.status': 'the server answered {status}',
} as const;

export const fr = {
  BASCULE_E_PROXY_NO_ROUTE: 'aucun serveur n’est encore en service pour {group} ; réessayez dans un instant',
  BASCULE_E_PROXY_UNREACHABLE: 'aucun serveur pour {group} n’a pu traiter la requête ({reason})',
  BASCULE_E_PROXY_TIMEOUT: 'le serveur pour {group} n’a pas répondu à temps ({reason})',
  BASCULE_E_PROXY_BAD_RESPONSE: 'le serveur pour {group} a renvoyé une réponse HTTP invalide',
  BASCULE_E_PROXY_NOT_REPLAYED:
    'le serveur pour {group} a échoué après avoir reçu la requête ({reason}) ; elle a pu prendre effet, elle n’a donc pas été renvoyée : vérifiez avant de la relancer',
  BASCULE_E_PROXY_HEADERS_TOO_LARGE: 'la ligne de requête et les en-têtes dépassent {limit} octets',
  BASCULE_E_PROXY_BODY_TOO_LARGE: 'le corps de la requête dépasse {limit} octets',
  BASCULE_E_PROXY_BAD_REQUEST: 'la requête n’est pas du HTTP/1.1 valide',
  BASCULE_E_PROXY_REQUEST_TIMEOUT: 'la requête n’a pas été reçue à temps',
  'proxy.reason.refused': 'connexion refusée',
  'proxy.reason.unreachable': 'hôte injoignable',
  'proxy.reason.connect-timeout': 'pas de connexion dans le délai imparti',
  'proxy.reason.reset': 'connexion fermée avant la réponse',
  'proxy.reason.timeout': 'pas de réponse dans le délai imparti',
  'proxy.reason.garbage': 'réponse invalide',
  'proxy.reason.status': 'le serveur a répondu {status}',
} as const satisfies Translations<typeof en>;
