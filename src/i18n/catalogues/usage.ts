/** Messages of the command line’s errors: usage, files, --fail predicates, `notify` and `agent`. */
import type { ValueFormat } from '../../errors.ts';
import type { Translations } from '../types.ts';
import { FORMAT_EN, FORMAT_FR } from './config.ts';

type FlagFormatParams = { readonly flag: string; readonly value: string; readonly format: ValueFormat };

export const en = {
  BASCULE_E_USAGE_UNKNOWN_COMMAND: 'unknown command "{command}" (see "bascule --help")',
  BASCULE_E_USAGE_UNKNOWN_FLAG: 'unknown option {flag} for "bascule {command}"',
  BASCULE_E_USAGE_MISSING_VALUE: 'option {flag} needs a value',
  BASCULE_E_USAGE_UNEXPECTED_VALUE: 'option {flag} takes no value',
  BASCULE_E_USAGE_UNEXPECTED_ARGUMENT: 'unexpected argument "{arg}" for "bascule {command}"',
  BASCULE_E_USAGE_ARGUMENTS: 'cannot read the command line ({reason}); see "bascule {command} --help"',
  BASCULE_E_USAGE_FLAG_VALUE: 'invalid value "{value}" for {flag}: expected one of {allowed}',
  BASCULE_E_USAGE_FLAG_FORMAT: (p: FlagFormatParams) =>
    `invalid value "${p.value}" for ${p.flag}: expected ${FORMAT_EN[p.format]}`,
  BASCULE_E_USAGE_FLAG_RANGE: 'invalid value "{value}" for {flag}: expected from {min} to {max}',
  BASCULE_E_USAGE_SIMULATE_MODE:
    'give either --fail KEY=VALUE (repeatable) or --replay SCENARIO_ID, not both or neither',
  BASCULE_E_USAGE_NOTIFY: 'expected: bascule notify test CHANNEL',
  BASCULE_E_USAGE_AGENT_SERVER: '--server needs the daemon’s URL: http(s)://host:port',
  BASCULE_E_USAGE_URL_CREDENTIALS:
    '{flag} {url}: a user name or password in the URL is not used; Bascule authenticates with a bearer token (--token-file, or BASCULE_TOKEN or --token-env): remove them from the URL',
  BASCULE_E_USAGE_AGENT_VANTAGE: '--vantage needs the id of a vantage point declared in the daemon’s map',
  BASCULE_E_USAGE_AGENT_TOKEN:
    'give the vantage point’s token with exactly one of --token-file FILE or --token-env VAR',
  BASCULE_E_NOTIFY_NONE: 'this map declares no alert channel under notify',
  BASCULE_E_NOTIFY_UNKNOWN_CHANNEL: 'no alert channel "{channel}" under notify (channels: {channels})',
  BASCULE_E_AGENT_REFUSED:
    'the daemon at {server} refused this agent (HTTP {status}): check the token, and that its map declares vantage point "{vantage}"',
  BASCULE_E_FILE_NOT_FOUND: 'cannot read {file}: no such file',
  BASCULE_E_FILE_READ: 'cannot read {file} ({reason})',
  BASCULE_E_FILE_WRITE: 'cannot write {file} ({reason})',
  BASCULE_E_PREDICATE_SYNTAX: 'invalid predicate "{value}": expected key=value[,key=value...]',
  BASCULE_E_PREDICATE_KEY: 'invalid predicate "{value}": unknown key "{key}"; keys are {keys}',
  BASCULE_E_PREDICATE_EMPTY: 'invalid predicate "{value}": empty value for "{key}"',
  BASCULE_E_PREDICATE_DUPLICATE: 'invalid predicate "{value}": "{key}" given twice',
  BASCULE_E_CONFIG_MISSING: '{file} not found: create one with "bascule init", or name another with -c FILE',
  BASCULE_E_FILE_EXISTS: '{file} already exists; add --force to overwrite it',
  BASCULE_E_INIT_STOPPED: 'init stopped before the last question: nothing was written',
  BASCULE_E_INIT_ANSWER:
    'init gave up after {attempts} answers that were not valid, to: {question} (nothing was written)',
  BASCULE_E_SCENARIO_UNKNOWN: 'unknown scenario "{id}" (see "bascule scenarios")',
  BASCULE_E_USAGE_INCIDENT:
    'expected: bascule incident list [--open] | update ID --status investigating|identified|monitoring|resolved --message-fr TEXT and/or --message-en TEXT',
  BASCULE_E_USAGE_MAINTENANCE:
    'expected: bascule maintenance add --service ID [--service ID…] --title-fr TEXT and/or --title-en TEXT [--start TIME] (--end TIME | --duration D) [--no-silence] | list [--all] | end ID | delete ID',
} as const;

export const fr = {
  BASCULE_E_USAGE_UNKNOWN_COMMAND: 'commande « {command} » inconnue (voir « bascule --help »)',
  BASCULE_E_USAGE_UNKNOWN_FLAG: 'option {flag} inconnue pour « bascule {command} »',
  BASCULE_E_USAGE_MISSING_VALUE: 'l’option {flag} attend une valeur',
  BASCULE_E_USAGE_UNEXPECTED_VALUE: 'l’option {flag} ne prend pas de valeur',
  BASCULE_E_USAGE_UNEXPECTED_ARGUMENT: 'argument « {arg} » inattendu pour « bascule {command} »',
  BASCULE_E_USAGE_ARGUMENTS: 'ligne de commande illisible ({reason}) ; voir « bascule {command} --help »',
  BASCULE_E_USAGE_FLAG_VALUE: 'valeur « {value} » invalide pour {flag} : valeurs possibles : {allowed}',
  BASCULE_E_USAGE_FLAG_FORMAT: (p: FlagFormatParams) =>
    `valeur « ${p.value} » invalide pour ${p.flag} : forme attendue : ${FORMAT_FR[p.format]}`,
  BASCULE_E_USAGE_FLAG_RANGE: 'valeur « {value} » invalide pour {flag} : attendue entre {min} et {max}',
  BASCULE_E_USAGE_SIMULATE_MODE:
    'indiquez soit --fail CLÉ=VALEUR (répétable), soit --replay ID_SCENARIO, pas les deux ni aucun',
  BASCULE_E_USAGE_NOTIFY: 'forme attendue : bascule notify test CANAL',
  BASCULE_E_USAGE_AGENT_SERVER: '--server attend l’URL du démon : http(s)://hôte:port',
  BASCULE_E_USAGE_URL_CREDENTIALS:
    '{flag} {url} : un nom d’utilisateur ou un mot de passe dans l’URL ne sert pas ; Bascule s’authentifie par un jeton (--token-file, ou BASCULE_TOKEN ou --token-env) : retirez-les de l’URL',
  BASCULE_E_USAGE_AGENT_VANTAGE: '--vantage attend l’id d’un point de vue déclaré dans la carte du démon',
  BASCULE_E_USAGE_AGENT_TOKEN:
    'donnez le jeton du point de vue avec exactement un de --token-file FICHIER ou --token-env VARIABLE',
  BASCULE_E_NOTIFY_NONE: 'cette carte ne déclare aucun canal d’alerte sous notify',
  BASCULE_E_NOTIFY_UNKNOWN_CHANNEL: 'aucun canal d’alerte « {channel} » sous notify (canaux : {channels})',
  BASCULE_E_AGENT_REFUSED:
    'le démon de {server} refuse cet agent (HTTP {status}) : vérifiez le jeton, et que sa carte déclare bien le point de vue « {vantage} »',
  BASCULE_E_FILE_NOT_FOUND: 'impossible de lire {file} : fichier introuvable',
  BASCULE_E_FILE_READ: 'impossible de lire {file} ({reason})',
  BASCULE_E_FILE_WRITE: 'impossible d’écrire {file} ({reason})',
  BASCULE_E_PREDICATE_SYNTAX: 'prédicat « {value} » invalide : forme attendue : clé=valeur[,clé=valeur...]',
  BASCULE_E_PREDICATE_KEY: 'prédicat « {value} » invalide : clé « {key} » inconnue ; clés possibles : {keys}',
  BASCULE_E_PREDICATE_EMPTY: 'prédicat « {value} » invalide : valeur vide pour « {key} »',
  BASCULE_E_PREDICATE_DUPLICATE: 'prédicat « {value} » invalide : « {key} » indiqué deux fois',
  BASCULE_E_CONFIG_MISSING:
    '{file} introuvable : créez-le avec « bascule init », ou indiquez-en un autre avec -c FICHIER',
  BASCULE_E_FILE_EXISTS: '{file} existe déjà ; ajoutez --force pour l’écraser',
  BASCULE_E_INIT_STOPPED: 'init interrompu avant la dernière question : rien n’a été écrit',
  BASCULE_E_INIT_ANSWER:
    'init abandonne après {attempts} réponses non valables à : {question} (rien n’a été écrit)',
  BASCULE_E_SCENARIO_UNKNOWN: 'scénario « {id} » inconnu (voir « bascule scenarios »)',
  BASCULE_E_USAGE_INCIDENT:
    'forme attendue : bascule incident list [--open] | update ID --status investigating|identified|monitoring|resolved --message-fr TEXTE et/ou --message-en TEXTE',
  BASCULE_E_USAGE_MAINTENANCE:
    'forme attendue : bascule maintenance add --service ID [--service ID…] --title-fr TEXTE et/ou --title-en TEXTE [--start DATE] (--end DATE | --duration DURÉE) [--no-silence] | list [--all] | end ID | delete ID',
} as const satisfies Translations<typeof en>;
