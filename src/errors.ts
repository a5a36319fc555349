/**
 * The error registry: every error a user can meet has a stable code, an exit code, a doc line and,
 * where it can be an HTTP answer, its HTTP status. Messages live in the i18n catalogues under the
 * same code; tests assert on codes, not wording.
 */
import type { English } from './i18n/catalogue.ts';
import type { ParamsOf as MessageParamsOf } from './i18n/types.ts';

/** One registered error: the CLI exits with `exit`; the HTTP API answers with `http`. */
export interface ErrorSpec {
  readonly exit: number;
  readonly doc: string;
  readonly http?: number;
}

export const ERRORS = {
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
  BASCULE_E_USAGE_UNKNOWN_COMMAND: { exit: 2, doc: 'No command has that name.' },
  BASCULE_E_USAGE_UNKNOWN_FLAG: { exit: 2, doc: 'The command has no such option.' },
  BASCULE_E_USAGE_MISSING_VALUE: { exit: 2, doc: 'An option that takes a value was given none.' },
  BASCULE_E_USAGE_UNEXPECTED_VALUE: { exit: 2, doc: 'An on/off option was given a value (--yes=1).' },
  BASCULE_E_USAGE_UNEXPECTED_ARGUMENT: { exit: 2, doc: 'An argument the command does not take.' },
  BASCULE_E_USAGE_ARGUMENTS: {
    exit: 2,
    doc: 'The command line could not be parsed for another reason (reason: the parser’s error code).',
  },
  BASCULE_E_USAGE_FLAG_VALUE: { exit: 2, doc: 'An option value that is not one of the allowed ones.' },
  BASCULE_E_USAGE_FLAG_FORMAT: {
    exit: 2,
    doc: 'An option value not in the expected format (--listen host:port, --kill-after 20s).',
  },
  BASCULE_E_USAGE_FLAG_RANGE: {
    exit: 2,
    doc: 'An option value outside its range (min, max: the bounds, as the option is written).',
  },
  BASCULE_E_USAGE_SIMULATE_MODE: { exit: 2, doc: '`simulate` needs exactly one of --fail and --replay.' },
  BASCULE_E_USAGE_NOTIFY: { exit: 2, doc: '`notify` takes `test CHANNEL`.' },
  BASCULE_E_USAGE_AGENT_SERVER: { exit: 2, doc: '`agent` needs --server with the daemon’s http(s) URL.' },
  BASCULE_E_USAGE_URL_CREDENTIALS: {
    exit: 2,
    doc: 'A daemon URL (--url, --server) with a user name or password in it: Bascule sends a bearer token instead.',
  },
  BASCULE_E_USAGE_FAILOVER: {
    exit: 2,
    doc: '`failover` takes `status [GROUP]`, `pin GROUP ENDPOINT`, `drain GROUP ENDPOINT` or `release GROUP`; the last three need --reason.',
  },
  BASCULE_E_USAGE_INCIDENT: {
    exit: 2,
    doc: '`incident` takes `update ID --status STATUS` with --message-fr and/or --message-en.',
  },
  BASCULE_E_USAGE_MAINTENANCE: {
    exit: 2,
    doc: '`maintenance` takes `add --service ID… --title-fr/--title-en … (--end TIME | --duration D)`, `list`, `end ID` or `delete ID`.',
  },
  BASCULE_E_USAGE_STATUS_PAGE: {
    exit: 2,
    doc: '`status-page` takes `export [DIR]` (DIR: where the files go; default statusPage.export.dir).',
  },
  BASCULE_E_USAGE_BACKUP: {
    exit: 2,
    doc: '`backup` takes `status`, `init [TARGET...]`, `run [DATASET...]`, `verify [DATASET...]` or `restore DATASET --to DIR` (action: what was given).',
  },
  BASCULE_E_BACKUP_NONE: {
    exit: 2,
    doc: 'The map declares no backup dataset or target (`backups:` in bascule.yaml, docs/backups.md): there is nothing to run.',
  },
  BASCULE_E_BACKUP_UNKNOWN_DATASET: {
    exit: 2,
    doc: 'A dataset named on the command line is not in `backups.datasets` (known: those the map has; with a did-you-mean).',
  },
  BASCULE_E_BACKUP_UNKNOWN_TARGET: {
    exit: 2,
    doc: 'A target named on the command line is not in `backups.targets` (known: those the map has; with a did-you-mean).',
  },
  BASCULE_E_BACKUP_RESTORE_NOT_EMPTY: {
    exit: 2,
    doc: '`backup restore --to DIR` names a folder that is not empty, or not a folder: a restore never overwrites files silently (--force restores into it, overwriting files of the same name).',
  },
  BASCULE_E_BACKUP_NO_SNAPSHOT: {
    exit: 1,
    doc: 'There is no good snapshot of the dataset on that target to restore or test (detail: the dataset): neither in Bascule’s records nor, for a restore, among the repository’s snapshots tagged for it.',
  },
  BASCULE_E_BACKUP_NO_MANIFEST: {
    exit: 1,
    doc: 'The snapshot to test has no manifest in Bascule’s records (what was backed up), so a restore test has nothing to compare with (detail: the snapshot).',
  },
  BASCULE_E_STATUS_PAGE_NONE: {
    exit: 2,
    doc: 'The map has no `statusPage` section: there is no status page to export (docs/status-page.md).',
  },
  BASCULE_E_STATUS_PAGE_NO_DATA: {
    exit: 2,
    doc: 'The data directory holds no monitoring data (no bascule.db): has `bascule run` run with this map? (--data-dir names another).',
  },
  BASCULE_E_USAGE_PLAN_OUT: { exit: 2, doc: '`plan --format pdf` writes a file: it needs --out FILE.' },
  BASCULE_E_USAGE_AGENT_VANTAGE: { exit: 2, doc: '`agent` needs --vantage with a vantage point id.' },
  BASCULE_E_USAGE_AGENT_TOKEN: { exit: 2, doc: '`agent` needs exactly one of --token-file and --token-env.' },
  BASCULE_E_NOTIFY_NONE: { exit: 2, doc: 'The map declares no alert channel to test.' },
  BASCULE_E_NOTIFY_UNKNOWN_CHANNEL: { exit: 2, doc: 'The map declares no alert channel with that id.' },
  BASCULE_E_STORE_UNKNOWN: {
    exit: 2,
    doc: 'The store is not sqlite, sqlite:FILE or a postgres:// URL.',
  },
  BASCULE_E_AGENT_REFUSED: {
    exit: 2,
    doc: 'The daemon refused the agent (HTTP status): a wrong token, or a vantage point it does not declare.',
  },
  BASCULE_E_RUNTIME_LISTEN: {
    exit: 3,
    doc: 'The daemon cannot listen on its address (reason: EADDRINUSE, EACCES, EADDRNOTAVAIL…).',
  },
  BASCULE_E_DEMO_BACKEND: {
    exit: 3,
    doc: '`bascule demo` cannot start one of its two local backends (reason: EADDRNOTAVAIL when the system does not answer on 127.0.0.2 or 127.0.0.3).',
  },
  BASCULE_E_DEMO_NOT_READY: {
    exit: 3,
    doc: '`bascule demo` started everything but its two backends did not pass their probes in time (seconds: how long it waited).',
  },
  BASCULE_E_STORE_OPEN: {
    exit: 3,
    doc: 'The SQLite store cannot be opened (reason: EACCES, SQLITE_CANTOPEN…; is the data directory writable?).',
  },
  BASCULE_E_DATA_DIR: {
    exit: 3,
    doc: 'The daemon cannot write its data directory (the operator token goes there; reason: EACCES, ENOTDIR, ENOSPC…).',
  },
  BASCULE_E_DATA_DIR_READONLY: {
    exit: 3,
    doc: 'The data directory is on a read-only file system, or opened read-only: the daemon cannot keep its state there.',
  },
  BASCULE_E_DATA_DIR_LOCKED: {
    exit: 2,
    doc: 'Another daemon (its PID is named) already runs on this data directory: two would open two incidents for one outage.',
  },
  BASCULE_E_STORE_UNREACHABLE: {
    exit: 3,
    doc: 'The PostgreSQL store does not answer or refuses the connection (reason: ECONNREFUSED, or a SQLSTATE such as 28P01).',
  },
  BASCULE_E_STORE_MIGRATE: {
    exit: 3,
    doc: 'The store answers but its schema cannot be brought up to date (reason: the SQLSTATE, e.g. 42501 no privilege).',
  },
  BASCULE_E_DAEMON_UNREACHABLE: {
    exit: 3,
    doc: 'No daemon answers at the address of runtime.listen (is `bascule run` running?); reason: ECONNREFUSED, TimeoutError…',
  },
  BASCULE_E_DAEMON_STATUS: {
    exit: 3,
    doc: 'Something answers at the daemon’s address, but with an HTTP error instead of the status.',
  },
  BASCULE_E_DAEMON_UNAUTHORIZED: {
    exit: 2,
    doc: 'The daemon refused the operator token `bascule status` sent (see docs/monitoring.md, "The operator token").',
  },
  BASCULE_E_HTTP_UNAUTHORIZED: {
    exit: 2,
    http: 401,
    doc: 'An operator endpoint was called without the operator token, or with a wrong one.',
  },
  BASCULE_E_HTTP_VANTAGE_UNAUTHORIZED: {
    exit: 2,
    http: 401,
    doc: 'An agent endpoint was called without its vantage point, or without or with a wrong token for it.',
  },
  BASCULE_E_HTTP_NOT_FOUND: { exit: 2, http: 404, doc: 'No endpoint has that path.' },
  BASCULE_E_HTTP_METHOD: {
    exit: 2,
    http: 405,
    doc: 'The endpoint exists but not with this method (the Allow header lists those it takes).',
  },
  BASCULE_E_HTTP_TOO_LARGE: { exit: 2, http: 413, doc: 'The request body is over the limit (1 MiB).' },
  BASCULE_E_HTTP_MEDIA_TYPE: { exit: 2, http: 415, doc: 'The request body is not sent as application/json.' },
  BASCULE_E_HTTP_BAD_JSON: { exit: 2, http: 400, doc: 'The request body is not valid JSON.' },
  BASCULE_E_HTTP_BAD_REQUEST: {
    exit: 2,
    http: 400,
    doc: 'A query parameter, path parameter or body field is invalid (the message names it).',
  },
  BASCULE_E_HTTP_INCIDENT_UNKNOWN: { exit: 2, http: 404, doc: 'No incident has that id.' },
  BASCULE_E_HTTP_INCIDENT_CLOSED: {
    exit: 2,
    http: 409,
    doc: 'An update other than `resolved` posted on an incident the monitor has closed (its service is UP again).',
  },
  BASCULE_E_HTTP_INCIDENT_UPDATES_FULL: {
    exit: 2,
    http: 409,
    doc: 'The incident has as many updates as one takes (100).',
  },
  BASCULE_E_HTTP_MAINTENANCE_UNKNOWN: { exit: 2, http: 404, doc: 'No maintenance window has that id.' },
  BASCULE_E_HTTP_MAINTENANCE_FULL: {
    exit: 2,
    http: 409,
    doc: 'As many maintenance windows as the daemon takes (1,000) are planned or under way; delete some.',
  },
  BASCULE_E_HTTP_MAINTENANCE_NOT_ACTIVE: {
    exit: 2,
    http: 409,
    doc: 'Only a maintenance window under way can be ended: this one has not begun (delete it) or is over.',
  },
  BASCULE_E_HTTP_SERVICE_UNKNOWN: {
    exit: 2,
    http: 400,
    doc: 'A maintenance window names a service the map does not have (field: where; the closest is suggested).',
  },
  BASCULE_E_HTTP_SCENARIO_UNKNOWN: {
    exit: 2,
    http: 404,
    doc: 'A simulation names a scenario the library does not have (the closest is suggested).',
  },
  BASCULE_E_HTTP_CHECK_UNKNOWN: {
    exit: 2,
    http: 404,
    doc: 'No check has that id (the closest is suggested).',
  },
  BASCULE_E_HTTP_UNAVAILABLE: {
    exit: 2,
    http: 503,
    doc: 'The daemon could not store the results (its store is failing); the agent keeps them and retries.',
  },
  BASCULE_E_HTTP_BUSY: {
    exit: 3,
    http: 503,
    doc: 'As many live event streams as the daemon takes (runtime.eventStreams, default 100) are open; the client retries after Retry-After.',
  },
  BASCULE_E_HTTP_INTERNAL: { exit: 70, http: 500, doc: 'A bug in the daemon; the details are in its log.' },
  BASCULE_E_HTTP_LOGIN_FAILED: {
    exit: 2,
    http: 401,
    doc: 'The dashboard’s login was given a wrong operator token (no session is opened).',
  },
  BASCULE_E_HTTP_LOGIN_THROTTLED: {
    exit: 3,
    http: 429,
    doc: 'Too many wrong tokens at the dashboard’s login from one address (5 in a minute): every login from it is refused, unchecked, until Retry-After.',
  },
  BASCULE_E_HTTP_CSRF: {
    exit: 2,
    http: 403,
    doc: 'A write made with the dashboard’s session cookie came without its CSRF token (X-CSRF-Token), with a wrong one, or from another site.',
  },
  BASCULE_E_HTTP_PLAN_PDF: {
    exit: 3,
    http: 503,
    doc: 'The plan was asked as PDF and Chromium is not there or could not print it (reason): ask for `format=html` and print it from the browser, or install Chromium (`BASCULE_CHROMIUM`).',
  },
  BASCULE_E_HTTP_PLAN_FAILED: {
    exit: 70,
    http: 500,
    doc: 'The daemon could not write the plan (its worker failed or took too long: reason); the daemon goes on, and the next request tries again.',
  },
  BASCULE_E_HTTP_DASHBOARD_UNBUILT: {
    exit: 3,
    http: 503,
    doc: 'The dashboard’s files are not built (dist/web/dashboard): run `npm run build`.',
  },
  BASCULE_E_HTTP_ASSET_UNKNOWN: { exit: 2, http: 404, doc: 'No file of the dashboard has that name.' },
  BASCULE_E_HTTP_SUBJECT_UNKNOWN: {
    exit: 2,
    http: 404,
    doc: 'The map has no component or service of that id (the closest is suggested).',
  },
  BASCULE_E_HTTP_BACKUP_DATASET_UNKNOWN: {
    exit: 2,
    http: 404,
    doc: 'No backup dataset of the map has that id (the message suggests the closest).',
  },
  BASCULE_E_HTTP_BACKUP_RUNNING: {
    exit: 1,
    http: 409,
    doc: 'A backup run or verification of that dataset is already under way: one at a time per dataset.',
  },
  BASCULE_E_HTTP_BACKUP_UNAVAILABLE: {
    exit: 3,
    http: 503,
    doc: 'This daemon has no backup runner, so it cannot start a backup job (it still judges the records).',
  },
  BASCULE_E_HTTP_FAILOVER_GROUP_UNKNOWN: {
    exit: 2,
    http: 404,
    doc: 'No failover group Bascule runs has that name (the message suggests the closest).',
  },
  BASCULE_E_HTTP_FAILOVER_ENDPOINT_UNKNOWN: {
    exit: 2,
    http: 404,
    doc: 'The failover group has no endpoint of that name (the message suggests the closest).',
  },
  BASCULE_E_FAILOVER_NOT_HEALTHY: {
    exit: 2,
    http: 409,
    doc: 'pin refused: the endpoint is not healthy by a healthy quorum (--force overrides, audited as forced).',
  },
  BASCULE_E_FAILOVER_DRAINED: {
    exit: 2,
    http: 409,
    doc: 'pin refused: the endpoint is drained (release first, or --force, which undrains it).',
  },
  BASCULE_E_FAILOVER_PINNED: {
    exit: 2,
    http: 409,
    doc: 'drain refused: the endpoint is pinned (release first).',
  },
  BASCULE_E_FAILOVER_ALREADY_DRAINED: {
    exit: 2,
    http: 409,
    doc: 'drain refused: the endpoint is already drained.',
  },
  BASCULE_E_FAILOVER_LAST_HEALTHY: {
    exit: 2,
    http: 409,
    doc: 'drain refused: no other healthy endpoint would be left in service (--force overrides, audited as forced).',
  },
  BASCULE_E_FAILOVER_NOTHING_TO_RELEASE: {
    exit: 2,
    http: 409,
    doc: 'release refused: the group has no pin and no drained endpoint.',
  },
  BASCULE_E_FAILOVER_NOT_LEADER: {
    exit: 3,
    http: 503,
    doc: 'The command could not be recorded: this node does not hold the failover lease (another node leads, or the store fails); retry.',
  },
  BASCULE_E_PROXY_NO_ROUTE: {
    exit: 3,
    http: 503,
    doc: 'The built-in proxy has no endpoint to send the request to yet (nothing applied, no state kept).',
  },
  BASCULE_E_PROXY_UNREACHABLE: {
    exit: 3,
    http: 502,
    doc: 'No endpoint of the failover group took the request (refused, unreachable, reset), retries included; reason: what happened last.',
  },
  BASCULE_E_PROXY_TIMEOUT: {
    exit: 3,
    http: 504,
    doc: 'The endpoint did not open a connection or answer within the proxy’s timeouts (connect, first byte), retries included.',
  },
  BASCULE_E_PROXY_BAD_RESPONSE: {
    exit: 3,
    http: 502,
    doc: 'The endpoint answered with something that is not HTTP, or with headers over the limit.',
  },
  BASCULE_E_PROXY_NOT_REPLAYED: {
    exit: 3,
    http: 502,
    doc: 'The endpoint failed after a non-idempotent request (a POST without Idempotency-Key) was sent to it: it may have taken effect, so the proxy did not send it again.',
  },
  BASCULE_E_PROXY_HEADERS_TOO_LARGE: {
    exit: 2,
    http: 431,
    doc: 'The request line and headers are over the proxy’s limit (limits.headerBytes, 16 KiB by default).',
  },
  BASCULE_E_PROXY_BODY_TOO_LARGE: {
    exit: 2,
    http: 413,
    doc: 'The request body is over the proxy’s limit (limits.bodyBytes, 10 MiB by default).',
  },
  BASCULE_E_PROXY_BAD_REQUEST: { exit: 2, http: 400, doc: 'The request is not valid HTTP/1.1.' },
  BASCULE_E_PROXY_REQUEST_TIMEOUT: {
    exit: 2,
    http: 408,
    doc: 'The client did not send its whole request within the proxy’s timeouts (headers, request).',
  },
  BASCULE_E_RESTIC_NOT_INSTALLED: {
    exit: 3,
    doc: 'restic could not be started (detail: why, ENOENT when it is not installed: `apt-get install restic`).',
  },
  BASCULE_E_RESTIC_VERSION: {
    exit: 3,
    doc: 'restic answered `restic version` with a version Bascule cannot drive (older than 0.14) or with something else (seen: its first line).',
  },
  BASCULE_E_RESTIC_WRONG_PASSWORD: {
    exit: 2,
    doc: 'restic opened the repository but no key matches its password: the target’s password is wrong (restic 0.17+: exit 12).',
  },
  BASCULE_E_RESTIC_REPO_MISSING: {
    exit: 2,
    doc: 'There is no restic repository at that location (restic 0.17+: exit 10); `bascule backup init` creates it.',
  },
  BASCULE_E_RESTIC_UNREACHABLE: {
    exit: 3,
    doc: 'restic could not reach the repository (refused, unresolved, timed out, TLS or SSH failed); detail: restic’s reason.',
  },
  BASCULE_E_RESTIC_ACCESS_DENIED: {
    exit: 2,
    doc: 'The repository’s server refused the target’s credentials (HTTP 401 or 403, an S3 access key refused, an SSH key refused).',
  },
  BASCULE_E_RESTIC_LOCKED: {
    exit: 3,
    doc: 'The repository is locked by another restic still running, or by one of another host (restic 0.17+: exit 11); a lock whose process is known to be gone is removed and the operation retried.',
  },
  BASCULE_E_RESTIC_TIMEOUT: {
    exit: 3,
    doc: 'restic did not finish within the operation’s deadline: it was stopped (SIGINT, then SIGKILL).',
  },
  BASCULE_E_RESTIC_KILLED: {
    exit: 1,
    doc: 'restic was ended by a signal before it finished (killed, or stopped by Bascule); the run is not good, and the lock it left is removed once its process is known to be gone.',
  },
  BASCULE_E_RESTIC_FILES_SKIPPED: {
    exit: 1,
    doc: 'restic exited 3: it could not read some files (detail: the first); its snapshot is incomplete, so the run is not good.',
  },
  BASCULE_E_RESTIC_PRODUCER_FAILED: {
    exit: 1,
    doc: 'The program whose output is the backup (the dataset’s command, pg_dump) failed (detail: its exit code and last error line); the partial snapshot restic made of it is forgotten.',
  },
  BASCULE_E_RESTIC_SOURCE_MISSING: {
    exit: 1,
    doc: 'A path of the dataset does not exist (restic would skip it and exit 0): nothing of it is backed up.',
  },
  BASCULE_E_RESTIC_NO_SUMMARY: {
    exit: 1,
    doc: 'restic exited without printing the summary of its backup: nothing shows a snapshot was made.',
  },
  BASCULE_E_RESTIC_CORRUPTED: {
    exit: 1,
    doc: '`restic check` found errors in the repository (detail: the first), such as a pack whose data no longer matches its hash.',
  },
  BASCULE_E_RESTIC_SNAPSHOT_UNKNOWN: {
    exit: 2,
    doc: 'No snapshot of the repository has that id (or the prefix matches several).',
  },
  BASCULE_E_RESTIC_RESTORE_MISMATCH: {
    exit: 1,
    doc: 'A restore test restored the snapshot, but what came back differs from what was recorded at backup time (detail: the files or tables that differ).',
  },
  BASCULE_E_RESTIC_FAILED: {
    exit: 1,
    doc: 'restic failed for another reason (detail: its error line, secrets removed).',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
export type Params = Readonly<Record<string, string | number>>;

/** Parameter values that name a thing the message words in each language (a type, a kind of reference). */
export type ValueType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'array'
  | 'undefined'
  | 'null';
export type RefKind =
  | 'component'
  | 'componentOrService'
  | 'service'
  | 'vantage'
  | 'check'
  | 'backupTarget'
  | 'contact'
  | 'provider';
/** Why restic would refuse a repository string (model/backup-repository.ts). */
export type RepositoryProblem =
  | 'empty'
  | 'backend'
  | 'scp'
  | 'sftp'
  | 'rest'
  | 's3'
  | 'bucket'
  | 'rclone'
  | 'credentials';
/** What is wrong with a dnsZones value (model/dns-references.ts). */
export type DnsProblem = 'ipv4' | 'ipv6' | 'name' | 'mx' | 'caa';
/** What is wrong with a dnsZones secondary's address (model/dns-references.ts). */
export type SecondaryProblem = 'name' | 'ipv6' | 'ipv4' | 'port' | 'format';
export type HeaderProblem = 'name' | 'value' | 'reserved';
/** What is wrong in a TSIG key file (actuators/rfc2136/key-file.ts). */
export type TsigKeyProblem =
  | 'not-a-key'
  | 'comment'
  | 'quote'
  | 'expected-key'
  | 'expected-name'
  | 'expected-open'
  | 'expected-option'
  | 'expected-algorithm'
  | 'expected-secret'
  | 'expected-semicolon'
  | 'expected-close'
  | 'expected-end'
  | 'missing-algorithm'
  | 'missing-secret'
  | 'base64'
  | 'algorithm'
  | 'other-algorithm'
  | 'other-name';
/** Why RE2 refuses a regular expression (model/probes/pattern.ts). */
export type PatternProblem =
  | 'escape'
  | 'unsupported'
  | 'group-name'
  | 'bracket'
  | 'paren'
  | 'repeat'
  | 'too-large'
  | 'other';
/** What is wrong in a YAML syntax error without a code of its own (model/yaml-errors.ts). */
export type YamlProblem =
  | 'escape'
  | 'start'
  | 'token'
  | 'documents'
  | 'key-length'
  | 'alias'
  | 'anchor'
  | 'tag'
  | 'directive'
  | 'other';
export type QuoteKind = 'double' | 'single';
export type ValueFormat =
  | 'hostPort'
  | 'statusRange'
  | 'httpUrl'
  | 'dateTime'
  | 'duration'
  | 'date'
  | 'phone'
  | 'email';

/** A problem in user input, located when it comes from a file. */
export interface Diagnostic {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  /** Where in the document: `components.web.dependsOn[1]`. */
  readonly path?: string;
  readonly params: Params;
}

/** Thrown at the edges (CLI, loaders) to carry diagnostics to the user; never a crash. */
export class BasculeError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.code).join(', '));
    this.name = 'BasculeError';
    this.diagnostics = diagnostics;
  }
}

/** The parameters a code's message needs, read from its English entry; `suggestion` adds a did-you-mean. */
export type ParamsOf<C extends ErrorCode> = MessageParamsOf<English[C]> & { readonly suggestion?: string };

/**
 * What went wrong, as a code to put in a message: a system error's code (`EADDRINUSE`), a SQLSTATE
 * (`28P01`), the code of its cause (fetch's `ECONNREFUSED`), else the error's name (`TimeoutError`).
 */
export function errorCode(e: unknown, depth = 0): string {
  if (typeof e !== 'object' || e === null || depth > 3) return 'unknown';
  const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  const inner = [cause, ...(Array.isArray(errors) ? errors.slice(0, 1) : [])];
  for (const x of inner) {
    const found = errorCode(x, depth + 1);
    if (found !== 'unknown') return found;
  }
  return e instanceof Error ? e.name : 'unknown';
}

/** A single diagnostic without a location, its parameters checked against the code's message. */
export function fail<C extends ErrorCode>(code: C, params: ParamsOf<C>): BasculeError {
  return new BasculeError([{ code, params }]);
}
