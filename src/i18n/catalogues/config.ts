/** Messages of bascule.yaml’s diagnostics: YAML, schema, references, checks and channels. */
import type {
  DnsProblem,
  HeaderProblem,
  PatternProblem,
  QuoteKind,
  RefKind,
  SecondaryProblem,
  TsigKeyProblem,
  ValueFormat,
  ValueType,
  YamlProblem,
} from '../../errors.ts';
import { count } from '../plural.ts';
import type { Translations } from '../types.ts';
import { word } from '../words.ts';

type DnsRecordParams = {
  readonly type: string;
  readonly value: string;
  readonly problem: DnsProblem;
};
type DnsConflictParams = {
  readonly name: string;
  readonly why: 'failover' | 'outside';
  readonly group: string;
  readonly zone: string;
};
type DnsSecondaryParams = {
  readonly value: string;
  readonly problem: SecondaryProblem;
  /** The host part as written (a host name, a broken IPv4 address). */
  readonly host?: string;
  /** A bare IPv6 address whose last group may be the port: `[2001:db8::1]:53`. */
  readonly alternative?: string;
};
const SECONDARY_EXAMPLE = '192.0.2.80:53, [2001:db8::1]:53';
const dnsSecondaryEn = (p: DnsSecondaryParams): string => {
  const at = `secondary address "${p.value}"`;
  switch (p.problem) {
    case 'name':
      return `${at} is a host name: write the secondary’s IP address, with an optional port (53 by default): ${SECONDARY_EXAMPLE}; the server sends NOTIFY to that address and allows zone transfers only from it`;
    case 'ipv6':
      return `${at}: an IPv6 address goes in brackets, followed by the port${p.alternative ? ` (if the last group is the port: "${p.alternative}")` : ''}`;
    case 'ipv4':
      return `${at}: "${p.host}" is not an IPv4 address (four numbers from 0 to 255, such as 192.0.2.80)`;
    case 'port':
      return `${at}: the port must be from 1 to 65535 (53 when left out)`;
    default:
      return `invalid ${at}: write an IP address with an optional port (192.0.2.80, ${SECONDARY_EXAMPLE})`;
  }
};
const dnsSecondaryFr = (p: DnsSecondaryParams): string => {
  const at = `l’adresse du secondaire « ${p.value} »`;
  switch (p.problem) {
    case 'name':
      return `${at} est un nom d’hôte : écrivez l’adresse IP du secondaire, suivie ou non d’un port (53 par défaut) : ${SECONDARY_EXAMPLE} ; le serveur envoie les NOTIFY à cette adresse et n’autorise les transferts de zone que depuis elle`;
    case 'ipv6':
      return `${at} : une adresse IPv6 s’écrit entre crochets, suivie du port${p.alternative ? ` (si le dernier groupe est le port : « ${p.alternative} »)` : ''}`;
    case 'ipv4':
      return `${at} : « ${p.host} » n’est pas une adresse IPv4 (quatre nombres de 0 à 255, comme 192.0.2.80)`;
    case 'port':
      return `${at} : le port doit être compris entre 1 et 65535 (53 s’il est omis)`;
    default:
      return `${at} est invalide : écrivez une adresse IP, suivie ou non d’un port (192.0.2.80, ${SECONDARY_EXAMPLE})`;
  }
};

const DNS_PROBLEM_EN: Record<DnsProblem, string> = {
  ipv4: 'write an IPv4 address (192.0.2.1)',
  ipv6: 'write an IPv6 address (2001:db8::1)',
  name: 'write a host name of letters, digits, "-" and "_", labels of at most 63 characters',
  mx: 'write a preference from 0 to 65535 and a host name: "10 mail.example.com"',
  caa: 'write flags from 0 to 255, a tag and a value: "0 issue \\"letsencrypt.org\\""',
};
const DNS_PROBLEM_FR: Record<DnsProblem, string> = {
  ipv4: 'écrivez une adresse IPv4 (192.0.2.1)',
  ipv6: 'écrivez une adresse IPv6 (2001:db8::1)',
  name: 'écrivez un nom d’hôte fait de lettres, de chiffres, de « - » et de « _ », en labels de 63 caractères au plus',
  mx: 'écrivez une préférence de 0 à 65535 et un nom d’hôte : « 10 mail.example.com »',
  caa: 'écrivez des drapeaux de 0 à 255, une étiquette et une valeur : « 0 issue \\"letsencrypt.org\\" »',
};

const TYPE_EN: Readonly<Record<ValueType, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  undefined: 'nothing',
  null: 'null',
};
const TYPE_FR: Readonly<Record<ValueType, string>> = {
  string: 'une chaîne',
  number: 'un nombre',
  integer: 'un entier',
  boolean: 'true ou false',
  object: 'un dictionnaire',
  array: 'une liste',
  undefined: 'rien',
  null: 'null',
};
/** "a list expected", agreed in gender: « une liste attendue », « un entier attendu ». */
const EXPECTED_FR: Readonly<Record<ValueType, string>> = {
  string: 'une chaîne attendue',
  number: 'un nombre attendu',
  integer: 'un entier attendu',
  boolean: 'true ou false attendu',
  object: 'un dictionnaire attendu',
  array: 'une liste attendue',
  undefined: 'rien attendu',
  null: 'null attendu',
};
const YAML_EN: Readonly<Record<YamlProblem, string>> = {
  escape:
    'an escape sequence a double-quoted string cannot hold (write \\ for a backslash, or use single quotes)',
  start: 'a value cannot start with this character unquoted (put it in quotes)',
  token: 'a character that has no place here',
  documents: 'several documents in one file (a line "---" or "..."): keep one',
  'key-length': 'a key longer than 1024 characters',
  alias: 'an alias (*name) that no anchor (&name) defines, or one used wrongly',
  anchor: 'two anchors (&name) on one value',
  tag: 'a tag (!name) that is not understood',
  directive: 'a directive (%…) that is not understood',
  other: 'the structure cannot be read here',
};
const YAML_FR: Readonly<Record<YamlProblem, string>> = {
  escape:
    'une séquence d’échappement interdite entre guillemets doubles (écrivez \\ pour une barre oblique inverse, ou utilisez des apostrophes)',
  start: 'une valeur ne peut pas commencer par ce caractère sans guillemets (mettez-la entre guillemets)',
  token: 'un caractère qui n’a pas sa place ici',
  documents: 'plusieurs documents dans un même fichier (une ligne « --- » ou « ... ») : n’en gardez qu’un',
  'key-length': 'une clé de plus de 1024 caractères',
  alias: 'un alias (*nom) qu’aucune ancre (&nom) ne définit, ou mal employé',
  anchor: 'deux ancres (&nom) sur une même valeur',
  tag: 'une étiquette (!nom) incomprise',
  directive: 'une directive (%…) incomprise',
  other: 'la structure est illisible à cet endroit',
};
const QUOTE_EN: Readonly<Record<QuoteKind, string>> = {
  double: 'closing double quote (")',
  single: "closing single quote (')",
};
const QUOTE_FR: Readonly<Record<QuoteKind, string>> = {
  double: 'le guillemet fermant (")',
  single: "l’apostrophe fermante (')",
};

/** A value the loader quoted as `"x"`, in French quotation marks; other values as they are. */
function quotedFr(value: string): string {
  return /^".*"$/s.test(value) ? `« ${value.slice(1, -1)} »` : value;
}

const REF_EN: Readonly<Record<RefKind, string>> = {
  component: 'component',
  componentOrService: 'component or service',
  service: 'service',
  vantage: 'vantage point',
  check: 'check',
  backupTarget: 'backup target',
  contact: 'contact',
  provider: 'provider',
};
const REF_FR: Readonly<Record<RefKind, string>> = {
  component: 'composant',
  componentOrService: 'composant ou service',
  service: 'service',
  vantage: 'point de vue',
  check: 'vérification',
  backupTarget: 'cible de sauvegarde',
  contact: 'contact',
  provider: 'fournisseur',
};
/** "unknown" agrees with the noun: « composant inconnu », « vérification inconnue ». */
const UNKNOWN_FR: Readonly<Record<RefKind, (id: string) => string>> = {
  component: (id) => `composant « ${id} » inconnu`,
  componentOrService: (id) => `composant ou service « ${id} » inconnu`,
  service: (id) => `service « ${id} » inconnu`,
  vantage: (id) => `point de vue « ${id} » inconnu`,
  check: (id) => `vérification « ${id} » inconnue`,
  backupTarget: (id) => `cible de sauvegarde « ${id} » inconnue`,
  contact: (id) => `contact « ${id} » inconnu`,
  provider: (id) => `fournisseur « ${id} » inconnu`,
};
const HEADER_EN: Readonly<Record<HeaderProblem, string>> = {
  name: "not a valid header name (letters, digits and !#$%&'*+.^_`|~- only)",
  value: 'its value has a line break or a control character',
  reserved: 'set by the probe itself (a fresh connection per probe, the body’s length)',
};
const HEADER_FR: Readonly<Record<HeaderProblem, string>> = {
  name: "nom d’en-tête invalide (lettres, chiffres et !#$%&'*+.^_`|~- seulement)",
  value: 'sa valeur contient un saut de ligne ou un caractère de contrôle',
  reserved: 'fixé par la sonde elle-même (une connexion neuve à chaque sonde, la longueur du corps)',
};
const PATTERN_EN: Readonly<Record<PatternProblem, string>> = {
  escape: 'an escape RE2 does not know (backreferences such as \\1 do not exist in RE2)',
  unsupported:
    'syntax RE2 does not support (lookahead (?=…) or (?!…), atomic groups, possessive quantifiers)',
  'group-name':
    'an invalid or repeated group name, or a lookbehind (?<=…) or (?<!…), which RE2 does not support',
  bracket: 'a character class [ ] not closed, or with a range backwards',
  paren: 'parentheses that do not pair up',
  repeat: 'a repetition with nothing to repeat, nested, or counted past 1000',
  'too-large': 'an expression too large or nested too deeply',
  other: 'a syntax error',
};
const PATTERN_FR: Readonly<Record<PatternProblem, string>> = {
  escape: 'un échappement que RE2 ne connaît pas (les références arrière comme \\1 n’existent pas en RE2)',
  unsupported:
    'une syntaxe que RE2 ne prend pas en charge (assertion avant (?=…) ou (?!…), groupe atomique, quantificateur possessif)',
  'group-name':
    'un nom de groupe invalide ou répété, ou une assertion arrière (?<=…) ou (?<!…), que RE2 ne prend pas en charge',
  bracket: 'une classe de caractères [ ] non fermée, ou un intervalle à l’envers',
  paren: 'des parenthèses qui ne vont pas par paires',
  repeat: 'une répétition qui ne porte sur rien, imbriquée, ou au-delà de 1000',
  'too-large': 'une expression trop grande ou trop imbriquée',
  other: 'une erreur de syntaxe',
};
export const FORMAT_EN: Readonly<Record<ValueFormat, string>> = {
  hostPort: 'host:port (or [IPv6]:port)',
  statusRange: 'a status range such as "200-299"',
  httpUrl: 'an http:// or https:// URL',
  dateTime: 'an ISO 8601 date and time with its offset, such as 2026-12-24T22:00:00+01:00, or "now"',
  duration: 'a duration such as 500ms, 20s, 45m or 1h30m',
  date: 'a date written YYYY-MM-DD, such as 2026-03-01',
  phone: 'a telephone number such as +33 6 12 34 56 78',
  email: 'an e-mail address such as claire@example.fr',
};
export const FORMAT_FR: Readonly<Record<ValueFormat, string>> = {
  hostPort: 'hôte:port (ou [IPv6]:port)',
  statusRange: 'une plage de statuts comme « 200-299 »',
  httpUrl: 'une URL http:// ou https://',
  dateTime:
    'une date et une heure ISO 8601 avec leur décalage horaire, comme 2026-12-24T22:00:00+01:00, ou « now »',
  duration: 'une durée comme 500ms, 20s, 45m ou 1h30m',
  date: 'une date écrite AAAA-MM-JJ, comme 2026-03-01',
  phone: 'un numéro de téléphone comme +33 6 12 34 56 78',
  email: 'une adresse e-mail comme claire@example.fr',
};

const TSIG_EN: Readonly<Record<TsigKeyProblem, string>> = {
  'not-a-key': 'neither a base64 secret nor a key statement (key "name" { algorithm …; secret "…"; };)',
  comment: 'a comment that is never closed',
  quote: 'a quoted string that is never closed',
  'expected-key': 'expected "key"',
  'expected-name': 'expected the key’s name',
  'expected-open': 'expected "{"',
  'expected-option': 'expected "algorithm" or "secret"',
  'expected-algorithm': 'expected the algorithm’s name',
  'expected-secret': 'expected the secret, in quotes',
  'expected-semicolon': 'expected ";"',
  'expected-close': 'expected "}"',
  'expected-end': 'nothing may follow the key statement',
  'missing-algorithm': 'the key statement has no algorithm',
  'missing-secret': 'the key statement has no secret',
  base64: 'the secret is not base64',
  algorithm: 'this algorithm is not supported (hmac-sha256, hmac-sha512 or hmac-sha1)',
  'other-algorithm': 'the key statement’s algorithm is not the one bascule.yaml gives',
  'other-name': 'the key statement names another key',
};
const TSIG_FR: Readonly<Record<TsigKeyProblem, string>> = {
  'not-a-key': 'ni un secret en base64, ni une instruction key (key "nom" { algorithm …; secret "…"; };)',
  comment: 'un commentaire qui n’est jamais fermé',
  quote: 'une chaîne entre guillemets qui n’est jamais fermée',
  'expected-key': '« key » attendu',
  'expected-name': 'nom de la clé attendu',
  'expected-open': 'accolade ouvrante « { » attendue',
  'expected-option': '« algorithm » ou « secret » attendu',
  'expected-algorithm': 'nom de l’algorithme attendu',
  'expected-secret': 'secret entre guillemets attendu',
  'expected-semicolon': 'point-virgule « ; » attendu',
  'expected-close': 'accolade fermante « } » attendue',
  'expected-end': 'rien ne peut suivre l’instruction key',
  'missing-algorithm': 'l’instruction key n’a pas d’algorithme',
  'missing-secret': 'l’instruction key n’a pas de secret',
  base64: 'le secret n’est pas en base64',
  algorithm: 'cet algorithme n’est pas pris en charge (hmac-sha256, hmac-sha512 ou hmac-sha1)',
  'other-algorithm': 'l’algorithme de l’instruction key n’est pas celui que donne bascule.yaml',
  'other-name': 'l’instruction key nomme une autre clé',
};
/** What was found instead, for the problems that show it. */
function tsigFound(p: TsigKeyParams, lang: 'en' | 'fr'): string {
  if (p.problem.startsWith('expected-'))
    return lang === 'en'
      ? p.found === ''
        ? ', found the end of the file'
        : `, found "${p.found}"`
      : p.found === ''
        ? ', au lieu de la fin du fichier'
        : `, au lieu de « ${p.found} »`;
  if (p.problem === 'algorithm' || p.problem === 'other-algorithm' || p.problem === 'other-name')
    return lang === 'en' ? ` ("${p.found}")` : ` (« ${p.found} »)`;
  return '';
}

type TypeParams = { readonly expected: ValueType; readonly received: ValueType };
type RefParams = { readonly what: RefKind; readonly id: string };
type HeaderParams = { readonly name: string; readonly problem: HeaderProblem };
type FormatParams = { readonly value: string; readonly format: ValueFormat };
type PatternParams = { readonly problem: PatternProblem; readonly fragment: string };
type ValueParams = { readonly value: string };
type FailoverCheckParams = {
  readonly check: string;
  readonly what: RefKind;
  readonly target: string;
  readonly service: string;
};
type YamlParams = { readonly problem: YamlProblem };
type TsigKeyParams = {
  readonly problem: TsigKeyProblem;
  readonly found: string;
  readonly name: string;
  readonly algorithm: string;
};
type NamedValueParams = { readonly name: string; readonly value: string };
type QuoteParams = { readonly quote: QuoteKind };

export const en = {
  BASCULE_E_TSIG_KEY: (p: TsigKeyParams) =>
    `TSIG key "${p.name}" (${p.algorithm}): ${word(TSIG_EN, p.problem)}${tsigFound(p, 'en')}`,
  BASCULE_E_SECRET_MISSING: '{where}: the secret {source} is not set or cannot be read',
  'hint.didYouMean': ' — did you mean "{suggestion}"?',
  BASCULE_E_YAML_SYNTAX: (p: YamlParams) => `invalid YAML: ${word(YAML_EN, p.problem)}`,
  BASCULE_E_YAML_INDENT:
    'unexpected indentation: "{key}" does not line up with the lines above (keys and list items at one level start in the same column, indented with spaces)',
  BASCULE_E_YAML_TAB: 'a tab in the indentation: YAML indents with spaces only',
  BASCULE_E_YAML_COLON: 'missing ":" in "{text}": write the key, a colon, a space, then the value',
  BASCULE_E_YAML_QUOTE: (p: QuoteParams) =>
    `unclosed string: the one that starts here has no ${word(QUOTE_EN, p.quote)}`,
  BASCULE_E_YAML_BRACKET: '"{open}" opened here is never closed: "{close}" is missing',
  BASCULE_E_YAML_DUPLICATE_KEY: 'duplicate key "{key}"',
  BASCULE_E_CONFIG_EMPTY: 'the file is empty: it should start with "version: 1" (see "bascule init")',
  BASCULE_E_CONFIG_UNKNOWN_KEY: 'unknown key "{key}"',
  BASCULE_E_CONFIG_REQUIRED: 'missing required key "{key}"',
  BASCULE_E_CONFIG_TYPE: (p: TypeParams) =>
    `expected ${word(TYPE_EN, p.expected)}, got ${word(TYPE_EN, p.received)}`,
  BASCULE_E_CONFIG_VALUE: (p: ValueParams & { readonly values: string }) =>
    `invalid value ${p.value}: expected one of ${p.values}`,
  BASCULE_E_CONFIG_MIN: (p: ValueParams & { readonly min: number }) =>
    `${p.value} is too small: the minimum is ${p.min}`,
  BASCULE_E_CONFIG_MAX: (p: ValueParams & { readonly max: number }) =>
    `${p.value} is too large: the maximum is ${p.max}`,
  BASCULE_E_CONFIG_TOO_FEW: (p: { readonly min: number }) =>
    `needs at least ${count('en', p.min, { one: 'item', other: 'items' })}`,
  BASCULE_E_CONFIG_INVALID: (p: ValueParams) => `invalid value ${p.value}`,
  BASCULE_E_CONFIG_SECRET_VALUE: (p: { readonly key: string }) =>
    `${p.key} is a secret: write {env: VARIABLE} or {file: PATH}, never the secret itself (what is written here is not shown)`,
  BASCULE_E_CONFIG_ID:
    'invalid id "{value}": use letters, digits, ".", "_" and "-", starting with a letter or digit',
  BASCULE_E_CONFIG_ID_LENGTH: (p: {
    readonly value: string;
    readonly length: number;
    readonly max: number;
  }) => `id "${p.value}" is ${p.length} characters long: a check id has at most ${p.max}`,
  BASCULE_E_CONFIG_DURATION: (p: ValueParams) =>
    `invalid duration ${p.value}: write it like 30s, 15m, 4h, 2d or 1h30m`,
  BASCULE_E_CONFIG_VERSION: (p: ValueParams) =>
    `unsupported version ${p.value}: this Bascule reads "version: 1"`,
  BASCULE_E_CONFIG_DEPENDENCY: 'expected an id, {anyOf: [a, b]} or {quorum: {need: 2, of: [a, b, c]}}',
  BASCULE_E_CONFIG_RUNS_ON:
    'expected a place {provider: aws, region: us-east-1}, {anyOf: [place, place]} or {quorum: {need: 2, of: [place, place, place]}}',
  BASCULE_E_CONFIG_PLACE_KIND:
    'a place has no kind: "kind" describes the component itself, so write it on the component',
  BASCULE_W_CATALOGUE_ALIAS: '"{value}" read as "{canonical}"',
  BASCULE_W_CATALOGUE_REGION:
    '"{region}" is not a region of {provider} in the catalogue: regional outages cannot be checked against it',
  BASCULE_W_CATALOGUE_ZONE:
    '"{zone}" is not a zone of {provider} {region} in the catalogue: zone outages cannot be checked against it',
  BASCULE_W_CATALOGUE_NO_REGION:
    'no region for this {provider} component: regional outages cannot be checked against it (give its region, or "global")',
  BASCULE_W_CATALOGUE_HOSTED_ON:
    'read as running on {hosts}, as the provider catalogue says {provider} does (write runsOn to say otherwise)',
  BASCULE_E_CATALOGUE_ALIAS: '"{alias}" names both {provider} and {other}: a name belongs to one provider',
  BASCULE_E_CONFIG_UNKNOWN_REF: (p: RefParams) => `unknown ${word(REF_EN, p.what)} "${p.id}"`,
  BASCULE_E_CONFIG_DUPLICATE_ID: '"{id}" is both a service and a component; ids must be unique',
  BASCULE_E_CONFIG_SERVICE_REF:
    'a component cannot depend on service "{id}" (only services depend on services)',
  BASCULE_E_CONFIG_CYCLE: 'dependency cycle: {cycle}',
  BASCULE_E_CONFIG_GROUP_EMPTY: 'empty redundancy group: list at least one member',
  BASCULE_E_CONFIG_GROUP_NEED: 'need must be between 1 and {size} (the number of members), got {need}',
  BASCULE_E_CONFIG_GROUP_DUPLICATE: '"{id}" is listed twice in this group',
  BASCULE_E_CONFIG_CHECK_TARGET: 'a check watches exactly one thing: give "component" or "service"',
  BASCULE_E_CONFIG_CHECK_PROBE: 'a check needs exactly one probe, one of: {types}',
  BASCULE_E_CONFIG_CHECK_OPTION: '"{option}" applies to {applies} checks only, not to a {probe} check',
  BASCULE_E_CONFIG_URL: '"{value}" is not an http:// or https:// URL',
  BASCULE_E_CONFIG_TIMEZONE: '"{value}" is not a time zone: give an IANA name such as Europe/Paris, or UTC',
  BASCULE_E_CONFIG_CHANNEL_URL:
    'not an http:// or https:// URL (not shown: a channel’s address holds its secret)',
  BASCULE_E_CONFIG_REGEX: (p: PatternParams) =>
    `invalid regular expression for RE2, whose syntax Bascule uses (see docs/monitoring.md): ${word(PATTERN_EN, p.problem)}, at "${p.fragment}"`,
  BASCULE_E_CONFIG_HEADER: (p: HeaderParams) => `header "${p.name}": ${word(HEADER_EN, p.problem)}`,
  BASCULE_E_CONFIG_NOTIFY_CHANNEL: 'an alert channel needs exactly one of {types}',
  BASCULE_E_CONFIG_NOTIFY_OPTION: '"{option}" applies to {applies} channels only, not to a {channel} channel',
  BASCULE_E_CONFIG_FAILOVER_SHAPE:
    'a failover is either {primary, secondary, via} (run by something else) or {service, endpoints} (run by Bascule), not both: here "{run}" and "{bascule}"',
  BASCULE_E_CONFIG_FAILOVER_ENDPOINTS: (p: { readonly count: number }) =>
    `a failover group needs at least two endpoints to switch between, and has ${p.count}`,
  BASCULE_E_CONFIG_FAILOVER_DUPLICATE: 'two endpoints are named "{name}": each needs its own name',
  BASCULE_E_CONFIG_FAILOVER_ADDRESS:
    'invalid endpoint address "{value}": write host:port or [IPv6]:port, with a port from 1 to 65535',
  BASCULE_E_CONFIG_FAILOVER_IP: (p: NamedValueParams) =>
    `endpoint "${p.name}" has the address "${p.value}": with rfc2136 its host must be an IP address (the record written is an A or AAAA record)`,
  BASCULE_E_CONFIG_FAILOVER_HAPROXY:
    'haproxy needs exactly one of socket (the path of a UNIX socket) and address (host:port)',
  BASCULE_E_CONFIG_FAILOVER_SERVER: '"{endpoint}" is not an endpoint of this group',
  BASCULE_E_CONFIG_DNS_RECORD: (p: DnsRecordParams) =>
    `invalid ${p.type} value "${p.value}": ${DNS_PROBLEM_EN[p.problem]}`,
  BASCULE_E_CONFIG_DNS_CONFLICT: (p: DnsConflictParams) =>
    p.why === 'failover'
      ? `"${p.name}" is answered by failover group "${p.group}": a record cannot be there too`
      : `"${p.name}" is not in zone "${p.zone}"`,
  BASCULE_E_CONFIG_DNS_SECONDARY: dnsSecondaryEn,
  BASCULE_E_CONFIG_FAILOVER_CHECK: (p: FailoverCheckParams) =>
    `check "${p.check}" watches ${word(REF_EN, p.what)} "${p.target}", which is not a component of service "${p.service}" (directly or through its dependsOn): it cannot tell whether this endpoint is healthy`,
  BASCULE_E_CONFIG_CHECK_INTERVAL: 'interval {value} is too short: the minimum is 1s',
  BASCULE_E_CONFIG_CHECK_TIMEOUT: 'the timeout ({timeout}) is longer than the interval ({interval})',
  BASCULE_E_CONFIG_FORMAT: (p: FormatParams) =>
    `invalid value ${p.value}: expected ${word(FORMAT_EN, p.format)}`,
} as const;

export const fr = {
  BASCULE_E_TSIG_KEY: (p: TsigKeyParams) =>
    `clé TSIG « ${p.name} » (${p.algorithm}) : ${word(TSIG_FR, p.problem)}${tsigFound(p, 'fr')}`,
  BASCULE_E_SECRET_MISSING: '{where} : le secret {source} n’est pas défini ou illisible',
  'hint.didYouMean': ' — vouliez-vous dire « {suggestion} » ?',
  BASCULE_E_YAML_SYNTAX: (p: YamlParams) => `YAML invalide : ${word(YAML_FR, p.problem)}`,
  BASCULE_E_YAML_INDENT:
    'indentation inattendue : « {key} » n’est pas aligné sur les lignes du dessus (les clés et les éléments de liste d’un même niveau commencent à la même colonne, indentés par des espaces)',
  BASCULE_E_YAML_TAB: 'tabulation dans l’indentation : YAML n’indente qu’avec des espaces',
  BASCULE_E_YAML_COLON:
    '« : » manquant dans « {text} » : écrivez la clé, deux-points, un espace, puis la valeur',
  BASCULE_E_YAML_QUOTE: (p: QuoteParams) =>
    `chaîne non fermée : il manque ${word(QUOTE_FR, p.quote)} de la chaîne qui commence ici`,
  BASCULE_E_YAML_BRACKET: '« {open} » ouvert ici n’est jamais fermé : il manque « {close} »',
  BASCULE_E_YAML_DUPLICATE_KEY: 'clé « {key} » en double',
  BASCULE_E_CONFIG_EMPTY:
    'le fichier est vide : il doit commencer par « version: 1 » (voir « bascule init »)',
  BASCULE_E_CONFIG_UNKNOWN_KEY: 'clé inconnue « {key} »',
  BASCULE_E_CONFIG_REQUIRED: 'clé obligatoire « {key} » manquante',
  BASCULE_E_CONFIG_TYPE: (p: TypeParams) =>
    `${word(EXPECTED_FR, p.expected)}, pas ${word(TYPE_FR, p.received)}`,
  BASCULE_E_CONFIG_VALUE: (p: ValueParams & { readonly values: string }) =>
    `valeur ${quotedFr(p.value)} invalide (valeurs possibles : ${p.values})`,
  BASCULE_E_CONFIG_MIN: (p: ValueParams & { readonly min: number }) =>
    `${quotedFr(p.value)} est trop petit : le minimum est ${p.min}`,
  BASCULE_E_CONFIG_MAX: (p: ValueParams & { readonly max: number }) =>
    `${quotedFr(p.value)} est trop grand : le maximum est ${p.max}`,
  BASCULE_E_CONFIG_TOO_FEW: (p: { readonly min: number }) =>
    `au moins ${count('fr', p.min, { one: 'élément requis', other: 'éléments requis' })}`,
  BASCULE_E_CONFIG_INVALID: (p: ValueParams) => `valeur ${quotedFr(p.value)} invalide`,
  BASCULE_E_CONFIG_SECRET_VALUE: (p: { readonly key: string }) =>
    `${p.key} est un secret : écrivez {env: VARIABLE} ou {file: CHEMIN}, jamais le secret lui-même (ce qui est écrit ici n’est pas affiché)`,
  BASCULE_E_CONFIG_ID:
    'identifiant « {value} » invalide : lettres, chiffres, « . », « _ » et « - », en commençant par une lettre ou un chiffre',
  BASCULE_E_CONFIG_ID_LENGTH: (p: {
    readonly value: string;
    readonly length: number;
    readonly max: number;
  }) =>
    `l’identifiant « ${p.value} » fait ${p.length} caractères : celui d’une vérification en a au plus ${p.max}`,
  BASCULE_E_CONFIG_DURATION: (p: ValueParams) =>
    `durée ${quotedFr(p.value)} invalide : écrivez-la comme 30s, 15m, 4h, 2d ou 1h30m`,
  BASCULE_E_CONFIG_VERSION: (p: ValueParams) =>
    `version ${quotedFr(p.value)} non prise en charge : ce Bascule lit « version: 1 »`,
  BASCULE_E_CONFIG_DEPENDENCY:
    'un identifiant, {anyOf: [a, b]} ou {quorum: {need: 2, of: [a, b, c]}} est attendu',
  BASCULE_E_CONFIG_RUNS_ON:
    'un lieu {provider: aws, region: us-east-1}, {anyOf: [lieu, lieu]} ou {quorum: {need: 2, of: [lieu, lieu, lieu]}} est attendu',
  BASCULE_E_CONFIG_PLACE_KIND:
    'un lieu n’a pas de kind : « kind » décrit le composant lui-même, indiquez-le donc sur le composant',
  BASCULE_W_CATALOGUE_ALIAS: '« {value} » lu comme « {canonical} »',
  BASCULE_W_CATALOGUE_REGION:
    '« {region} » n’est pas une région du fournisseur {provider} dans le catalogue : les pannes régionales ne peuvent pas être vérifiées sur ce composant',
  BASCULE_W_CATALOGUE_ZONE:
    '« {zone} » n’est pas une zone de la région {region} du fournisseur {provider} dans le catalogue : les pannes de zone ne peuvent pas être vérifiées sur ce composant',
  BASCULE_W_CATALOGUE_NO_REGION:
    'aucune région pour ce composant chez {provider} : les pannes régionales ne peuvent pas être vérifiées sur lui (indiquez sa région, ou « global »)',
  BASCULE_W_CATALOGUE_HOSTED_ON:
    'lu comme hébergé sur {hosts}, comme le catalogue des fournisseurs le dit de {provider} (indiquez runsOn pour dire autre chose)',
  BASCULE_E_CATALOGUE_ALIAS:
    '« {alias} » désigne à la fois {provider} et {other} : un nom ne peut désigner qu’un seul fournisseur',
  BASCULE_E_CONFIG_UNKNOWN_REF: (p: RefParams) =>
    UNKNOWN_FR[p.what]?.(p.id) ?? `${p.what} « ${p.id} » inconnu`,
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
  BASCULE_E_CONFIG_TIMEZONE:
    '« {value} » n’est pas un fuseau horaire : donnez un nom IANA comme Europe/Paris, ou UTC',
  BASCULE_E_CONFIG_CHANNEL_URL:
    'ce n’est pas une URL http:// ou https:// (non affichée : l’adresse d’un canal contient son secret)',
  BASCULE_E_CONFIG_REGEX: (p: PatternParams) =>
    `expression régulière invalide pour RE2, dont Bascule suit la syntaxe (voir docs/monitoring.md) : ${word(PATTERN_FR, p.problem)}, à « ${p.fragment} »`,
  BASCULE_E_CONFIG_HEADER: (p: HeaderParams) => `en-tête « ${p.name} » : ${word(HEADER_FR, p.problem)}`,
  BASCULE_E_CONFIG_NOTIFY_CHANNEL: 'un canal d’alerte a exactement un type, parmi : {types}',
  BASCULE_E_CONFIG_NOTIFY_OPTION:
    '« {option} » ne s’applique qu’aux canaux {applies}, pas à un canal {channel}',
  BASCULE_E_CONFIG_FAILOVER_SHAPE:
    'une bascule est soit {primary, secondary, via} (menée par un autre outil), soit {service, endpoints} (menée par Bascule), pas les deux : ici « {run} » et « {bascule} »',
  BASCULE_E_CONFIG_FAILOVER_ENDPOINTS: (p: { readonly count: number }) =>
    `un groupe de bascule a besoin d’au moins deux points d’accès entre lesquels basculer, il en a ${p.count}`,
  BASCULE_E_CONFIG_FAILOVER_DUPLICATE:
    'deux points d’accès s’appellent « {name} » : chacun doit avoir son nom',
  BASCULE_E_CONFIG_FAILOVER_ADDRESS:
    'adresse de point d’accès « {value} » invalide : écrivez hôte:port ou [IPv6]:port, avec un port de 1 à 65535',
  BASCULE_E_CONFIG_FAILOVER_IP: (p: NamedValueParams) =>
    `le point d’accès « ${p.name} » a l’adresse « ${p.value} » : avec rfc2136, son hôte doit être une adresse IP (c’est un enregistrement A ou AAAA qui est écrit)`,
  BASCULE_E_CONFIG_FAILOVER_HAPROXY:
    'haproxy demande exactement un de socket (le chemin d’un socket UNIX) et address (hôte:port)',
  BASCULE_E_CONFIG_FAILOVER_SERVER: '« {endpoint} » n’est pas un point d’accès de ce groupe',
  BASCULE_E_CONFIG_DNS_RECORD: (p: DnsRecordParams) =>
    `valeur ${p.type} « ${p.value} » invalide : ${DNS_PROBLEM_FR[p.problem]}`,
  BASCULE_E_CONFIG_DNS_CONFLICT: (p: DnsConflictParams) =>
    p.why === 'failover'
      ? `c’est le groupe de bascule « ${p.group} » qui répond pour « ${p.name} » : un enregistrement ne peut pas s’y trouver aussi`
      : `« ${p.name} » n’est pas dans la zone « ${p.zone} »`,
  BASCULE_E_CONFIG_DNS_SECONDARY: dnsSecondaryFr,
  BASCULE_E_CONFIG_FAILOVER_CHECK: (p: FailoverCheckParams) =>
    `la vérification « ${p.check} » surveille le ${word(REF_FR, p.what)} « ${p.target} », qui n’est pas un composant du service « ${p.service} » (ni directement ni par ses dependsOn) : elle ne peut pas dire si ce point d’accès est sain`,
  BASCULE_E_CONFIG_CHECK_INTERVAL: 'l’intervalle {value} est trop court : le minimum est 1s',
  BASCULE_E_CONFIG_CHECK_TIMEOUT: 'le délai ({timeout}) dépasse l’intervalle ({interval})',
  BASCULE_E_CONFIG_FORMAT: (p: FormatParams) =>
    `valeur ${quotedFr(p.value)} invalide : forme attendue : ${word(FORMAT_FR, p.format)}`,
} as const satisfies Translations<typeof en>;
