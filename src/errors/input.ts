/** The error registry's part (errors.ts) for what a user writes or gives Bascule: the map (YAML, schema, catalogue, secrets, keys, files), `init`, predicates and scenarios. */
import type { ErrorSpec } from './spec.ts';

export const INPUT_ERRORS = {
  BASCULE_E_YAML_SYNTAX: {
    exit: 2,
    doc: 'The file is not valid YAML for a reason other than those below (problem: what is wrong; yaml: the parser’s code, such as BAD_DQ_ESCAPE).',
  },
  BASCULE_E_YAML_INDENT: {
    exit: 2,
    doc: 'A line is indented more or less than the keys or items at its level (key: the first word of that line).',
  },
  BASCULE_E_YAML_TAB: { exit: 2, doc: 'A line is indented with a tab: YAML indents with spaces only.' },
  BASCULE_E_YAML_COLON: { exit: 2, doc: 'A key is not followed by ":" (text: the line from that key).' },
  BASCULE_E_YAML_QUOTE: { exit: 2, doc: 'A quoted string is never closed (located at its opening quote).' },
  BASCULE_E_YAML_BRACKET: {
    exit: 2,
    doc: 'A "{" or "[" is never closed (located at the opening bracket).',
  },
  BASCULE_E_YAML_DUPLICATE_KEY: { exit: 2, doc: 'A mapping has the same key twice (a duplicate id).' },
  BASCULE_E_CONFIG_EMPTY: { exit: 2, doc: 'The file holds no mapping.' },
  BASCULE_E_CONFIG_UNKNOWN_KEY: { exit: 2, doc: 'A key the schema does not know (usually a typo).' },
  BASCULE_E_CONFIG_REQUIRED: { exit: 2, doc: 'A required key is missing.' },
  BASCULE_E_CONFIG_TYPE: { exit: 2, doc: 'A value has the wrong type.' },
  BASCULE_E_CONFIG_VALUE: { exit: 2, doc: 'A value is not one of the allowed ones, or out of range.' },
  BASCULE_E_CONFIG_MIN: { exit: 2, doc: 'A number is below its minimum.' },
  BASCULE_E_CONFIG_MAX: { exit: 2, doc: 'A number is above its maximum.' },
  BASCULE_E_CONFIG_TOO_FEW: { exit: 2, doc: 'A list has fewer items than it needs.' },
  BASCULE_E_CONFIG_INVALID: { exit: 2, doc: 'A value is invalid for another reason.' },
  BASCULE_E_CONFIG_SECRET_VALUE: {
    exit: 2,
    doc: 'A secret (a password, token, key, database URL) is written as a value where {env: VARIABLE} or {file: PATH} is expected; the message never shows what was written.',
  },
  BASCULE_E_CONFIG_ID: {
    exit: 2,
    doc: 'An id uses characters other than letters, digits, ".", "_" and "-".',
  },
  BASCULE_E_CONFIG_ID_LENGTH: { exit: 2, doc: 'A check id is longer than 200 characters.' },
  BASCULE_E_CONFIG_DURATION: { exit: 2, doc: 'A duration is not of the form 30s, 15m, 4h, 2d, 1h30m.' },
  BASCULE_E_CONFIG_VERSION: { exit: 2, doc: 'The file declares a version this Bascule cannot read.' },
  BASCULE_E_CONFIG_DEPENDENCY: { exit: 2, doc: 'A dependsOn entry is neither an id nor a redundancy group.' },
  BASCULE_E_CONFIG_RUNS_ON: {
    exit: 2,
    doc: 'A runsOn entry is neither a place ({provider, region?, zone?, service?}) nor a group of places.',
  },
  BASCULE_E_CONFIG_PLACE_KIND: {
    exit: 2,
    doc: 'A runsOn place gives a kind: the kind belongs to the component, not to where it runs.',
  },
  BASCULE_W_CATALOGUE_ALIAS: {
    exit: 0,
    doc: 'A notice: a provider, region or zone written as an alias of the catalogue (providers/) is read as its canonical id.',
  },
  BASCULE_W_CATALOGUE_REGION: {
    exit: 0,
    doc: 'A warning: a region the catalogue does not list for this provider; regional outages cannot be checked against it.',
  },
  BASCULE_W_CATALOGUE_ZONE: {
    exit: 0,
    doc: 'A warning: a zone the catalogue does not list for this region; zone outages cannot be checked against it.',
  },
  BASCULE_W_CATALOGUE_NO_REGION: {
    exit: 0,
    doc: 'A warning: a component of a regional provider gives no region; regional outages cannot be checked against it.',
  },
  BASCULE_W_CATALOGUE_HOSTED_ON: {
    exit: 0,
    doc: 'A notice: a component of a provider the catalogue says runs on others (Microsoft 365 on Azure) and with no runsOn of its own is read as running on them.',
  },
  BASCULE_E_CATALOGUE_ALIAS: {
    exit: 2,
    doc: 'A provider catalogue file claims a name (id or alias) another provider already has.',
  },
  BASCULE_E_CONFIG_UNKNOWN_REF: { exit: 2, doc: 'A reference to an id that is not defined.' },
  BASCULE_E_CONFIG_DUPLICATE_ID: { exit: 2, doc: 'The same id names a service and a component.' },
  BASCULE_E_CONFIG_SERVICE_REF: { exit: 2, doc: 'A component depends on a service (only services may).' },
  BASCULE_E_CONFIG_CYCLE: { exit: 2, doc: 'Dependencies form a cycle.' },
  BASCULE_E_CONFIG_GROUP_EMPTY: { exit: 2, doc: 'A redundancy group has no members.' },
  BASCULE_E_CONFIG_GROUP_NEED: { exit: 2, doc: 'A quorum needs fewer than 1 or more members than it has.' },
  BASCULE_E_CONFIG_GROUP_DUPLICATE: { exit: 2, doc: 'A redundancy group lists the same member twice.' },
  BASCULE_E_CONFIG_CHECK_TARGET: { exit: 2, doc: 'A check must name exactly one component or service.' },
  BASCULE_E_CONFIG_CHECK_PROBE: {
    exit: 2,
    doc: 'A check must have exactly one probe type key (http, tcp, …: see docs/monitoring.md).',
  },
  BASCULE_E_CONFIG_CHECK_OPTION: { exit: 2, doc: 'A check option that does not apply to its probe type.' },
  BASCULE_E_CONFIG_URL: { exit: 2, doc: 'A URL that is not a valid http(s) URL.' },
  BASCULE_E_CONFIG_TIMEZONE: {
    exit: 2,
    doc: 'A time zone that is not one: give an IANA name such as Europe/Paris, or UTC (value: what was written).',
  },
  BASCULE_E_CONFIG_CHANNEL_URL: {
    exit: 2,
    doc: 'An alert channel’s address is not an http(s) URL; it is not shown, since the address holds the channel’s secret (a Slack, Discord or Teams webhook).',
  },
  BASCULE_E_CONFIG_STATUS_TEXT: {
    exit: 2,
    doc: 'A text of `statusPage` written as {en, fr} with neither: give it in one language at least.',
  },
  BASCULE_E_CONFIG_PLAN_TEXT: {
    exit: 2,
    doc: 'A text of the continuity plan (plan, contacts, escalation, runbooks, communications, suppliers) written as {en, fr} with neither.',
  },
  BASCULE_E_CONFIG_PLAN_PLACEHOLDER: {
    exit: 2,
    doc: 'A message of `communications` uses a placeholder it cannot fill: an unknown one, or {next} (and {end} when it starts) in a status page or internal message of an incident that starts or ends, which the status page and the alerts post when nobody knows them yet (placeholder: the one written; allowed: those it can).',
  },
  BASCULE_E_CONFIG_PLAN_DEPUTY: {
    exit: 2,
    doc: 'A contact is named as its own deputy, or twice among its deputies.',
  },
  BASCULE_E_PLAN_PDF: {
    exit: 3,
    doc: 'The plan could not be printed to PDF: Chromium (/usr/bin/chromium, or BASCULE_CHROMIUM) is missing or failed (reason: why).',
  },
  BASCULE_E_CONFIG_REGEX: {
    exit: 2,
    doc: 'A regular expression that is not valid RE2 syntax (no backreferences, no lookahead or lookbehind).',
  },
  BASCULE_E_CONFIG_HEADER: {
    exit: 2,
    doc: 'An HTTP check header that is not a valid name or value, or one the probe sets itself.',
  },
  BASCULE_E_CONFIG_NOTIFY_CHANNEL: {
    exit: 2,
    doc: 'An alert channel must have exactly one channel type key (webhook, slack, …: see docs/notify.md).',
  },
  BASCULE_E_CONFIG_NOTIFY_OPTION: {
    exit: 2,
    doc: 'An alert channel option that does not apply to its channel type (a `token` on a slack channel).',
  },
  BASCULE_E_CONFIG_FAILOVER_SHAPE: {
    exit: 2,
    doc: 'A failover mixes the two shapes: {primary, secondary, via} (run by something else) or {service, endpoints} (run by Bascule).',
  },
  BASCULE_E_CONFIG_FAILOVER_ENDPOINTS: {
    exit: 2,
    doc: 'A failover group Bascule runs has fewer than two endpoints.',
  },
  BASCULE_E_CONFIG_FAILOVER_DUPLICATE: {
    exit: 2,
    doc: 'Two endpoints of a failover group have the same name.',
  },
  BASCULE_E_CONFIG_FAILOVER_ADDRESS: {
    exit: 2,
    doc: 'An endpoint address that is not host:port or [IPv6]:port with a port from 1 to 65535.',
  },
  BASCULE_E_CONFIG_DNS_RECORD: {
    exit: 2,
    doc: 'A dnsZones record, SOA or NS name whose value is not valid for its type (an address, a name, MX or CAA text).',
  },
  BASCULE_E_CONFIG_DNS_CONFLICT: {
    exit: 2,
    doc: 'A dnsZones record at a name a failover group answers for, or of a name outside its zone.',
  },
  BASCULE_E_CONFIG_DNS_SECONDARY: {
    exit: 2,
    doc: 'A dnsZones secondary’s address that is not an IP address with an optional port (192.0.2.80:53, [2001:db8::1]:53): a host name, an IPv6 address without brackets, a port outside 1 to 65535.',
  },
  BASCULE_E_CONFIG_FAILOVER_CHECK: {
    exit: 2,
    doc: 'An endpoint’s check watches something that is not a component of the service the group protects.',
  },
  BASCULE_E_CONFIG_FAILOVER_IP: {
    exit: 2,
    doc: 'A group with `rfc2136` has an endpoint whose host is not an IP address: the record written is an A or AAAA record.',
  },
  BASCULE_E_CONFIG_FAILOVER_HAPROXY: {
    exit: 2,
    doc: 'A group’s `haproxy` needs exactly one of `socket` (a UNIX socket path) and `address` (host:port).',
  },
  BASCULE_E_CONFIG_FAILOVER_SERVER: {
    exit: 2,
    doc: '`haproxy.servers` maps an endpoint the group does not have.',
  },
  BASCULE_E_CONFIG_BACKUP_SOURCE: {
    exit: 2,
    doc: 'A backup dataset needs exactly one source: `postgres`, `paths` or `command` (given: those it has).',
  },
  BASCULE_E_CONFIG_BACKUP_NO_TARGET: {
    exit: 2,
    doc: 'A backup dataset with no target in `to`: its backups would go nowhere.',
  },
  BASCULE_E_CONFIG_BACKUP_DUPLICATE: {
    exit: 2,
    doc: 'A backup dataset lists the same target twice in `to`.',
  },
  BASCULE_E_CONFIG_BACKUP_PLACE: {
    exit: 2,
    doc: 'A backup target with no `component`: the component of the map where the repository lives, so the analyser knows where the copy is.',
  },
  BASCULE_E_CONFIG_BACKUP_REPOSITORY: {
    exit: 2,
    doc: 'A backup repository restic would not accept (problem: an unknown backend, an SSH address without sftp:, a malformed URL or bucket, a password written in it).',
  },
  BASCULE_E_CONFIG_BACKUP_ENV: {
    exit: 2,
    doc: 'A backup target’s `env` key that is not an environment variable name (letters, digits and "_", not starting with a digit).',
  },
  BASCULE_W_BACKUP_EVERY_RPO: {
    exit: 0,
    doc: 'A warning: a backup dataset runs less often (`every`) than its RPO allows: the data lost in a failure can exceed the RPO.',
  },
  BASCULE_E_CONFIG_CHECK_INTERVAL: { exit: 2, doc: 'A check interval under 1s.' },
  BASCULE_E_CONFIG_CHECK_TIMEOUT: { exit: 2, doc: 'A check timeout longer than its interval.' },
  BASCULE_E_CONFIG_FORMAT: {
    exit: 2,
    doc: 'A value not in the expected format (host:port, a status range).',
  },
  BASCULE_E_SECRET_MISSING: {
    exit: 2,
    doc: 'A secret named in the map ({env} or {file}) is not set or not readable.',
  },
  BASCULE_E_TSIG_KEY: {
    exit: 2,
    doc: 'The TSIG key of an `rfc2136` actuator is neither a base64 secret nor one `key` statement as tsig-keygen writes it, or it names another key or algorithm (located in the key file; the secret is never shown).',
  },
  BASCULE_E_CONFIG_MISSING: { exit: 2, doc: 'The map file does not exist.' },
  BASCULE_E_FILE_NOT_FOUND: { exit: 2, doc: 'A file named on the command line does not exist.' },
  BASCULE_E_FILE_READ: {
    exit: 2,
    doc: 'A file or folder could not be read (reason: the system error code).',
  },
  BASCULE_E_FILE_WRITE: { exit: 2, doc: 'A file could not be written (reason: the system error code).' },
  BASCULE_E_FILE_EXISTS: { exit: 2, doc: 'The file to write already exists (use --force).' },
  BASCULE_E_INIT_STOPPED: {
    exit: 2,
    doc: '`bascule init` met the end of its input (Ctrl-D) before its last question: nothing was written.',
  },
  BASCULE_E_INIT_ANSWER: {
    exit: 2,
    doc: '`bascule init` got no valid answer to a question after several tries (attempts): nothing was written.',
  },
  BASCULE_E_PREDICATE_SYNTAX: {
    exit: 2,
    doc: 'A --fail predicate is not of the form key=value[,key=value].',
  },
  BASCULE_E_PREDICATE_KEY: { exit: 2, doc: 'A --fail predicate uses a key that does not exist.' },
  BASCULE_E_PREDICATE_EMPTY: { exit: 2, doc: 'A --fail predicate gives a key an empty value.' },
  BASCULE_E_PREDICATE_DUPLICATE: { exit: 2, doc: 'A --fail predicate gives the same key twice.' },
  BASCULE_E_SCENARIO_UNKNOWN: { exit: 2, doc: 'No scenario has that id.' },
} as const satisfies Record<string, ErrorSpec>;
