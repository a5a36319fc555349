/**
 * The error registry: every error a user can meet has a stable code, an exit code, a doc line and,
 * where it can be an HTTP answer, its HTTP status. Messages live in the i18n catalogues under the
 * same code; tests assert on codes, not wording.
 */

/** One registered error: the CLI exits with `exit`; the HTTP API answers with `http`. */
export interface ErrorSpec {
  readonly exit: number;
  readonly doc: string;
  readonly http?: number;
}

export const ERRORS = {
  BASCULE_E_YAML_SYNTAX: { exit: 2, doc: 'The file is not valid YAML.' },
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
  BASCULE_E_CONFIG_ID: {
    exit: 2,
    doc: 'An id uses characters other than letters, digits, ".", "_" and "-".',
  },
  BASCULE_E_CONFIG_DURATION: { exit: 2, doc: 'A duration is not of the form 30s, 15m, 4h, 2d, 1h30m.' },
  BASCULE_E_CONFIG_VERSION: { exit: 2, doc: 'The file declares a version this Bascule cannot read.' },
  BASCULE_E_CONFIG_DEPENDENCY: { exit: 2, doc: 'A dependsOn entry is neither an id nor a redundancy group.' },
  BASCULE_E_CONFIG_UNKNOWN_REF: { exit: 2, doc: 'A reference to an id that is not defined.' },
  BASCULE_E_CONFIG_DUPLICATE_ID: { exit: 2, doc: 'The same id names a service and a component.' },
  BASCULE_E_CONFIG_SERVICE_REF: { exit: 2, doc: 'A component depends on a service (only services may).' },
  BASCULE_E_CONFIG_CYCLE: { exit: 2, doc: 'Dependencies form a cycle.' },
  BASCULE_E_CONFIG_GROUP_EMPTY: { exit: 2, doc: 'A redundancy group has no members.' },
  BASCULE_E_CONFIG_GROUP_NEED: { exit: 2, doc: 'A quorum needs fewer than 1 or more members than it has.' },
  BASCULE_E_CONFIG_GROUP_DUPLICATE: { exit: 2, doc: 'A redundancy group lists the same member twice.' },
  BASCULE_E_CONFIG_CHECK_TARGET: { exit: 2, doc: 'A check must name exactly one component or service.' },
  BASCULE_E_CONFIG_CHECK_PROBE: { exit: 2, doc: 'A check must have exactly one of http, tcp, tls, dns.' },
  BASCULE_E_CONFIG_CHECK_OPTION: { exit: 2, doc: 'A check option that does not apply to its probe type.' },
  BASCULE_E_CONFIG_CHECK_TIMING: {
    exit: 2,
    doc: 'A check interval under 1s, or a timeout longer than its interval.',
  },
  BASCULE_E_CONFIG_URL: { exit: 2, doc: 'A URL that is not a valid http(s) URL.' },
  BASCULE_E_CONFIG_REGEX: { exit: 2, doc: 'A regular expression that does not compile.' },
  BASCULE_E_CONFIG_HEADER: {
    exit: 2,
    doc: 'An HTTP check header that is not a valid name or value, or one the probe sets itself.',
  },
  BASCULE_E_CONFIG_NOTIFY_CHANNEL: {
    exit: 2,
    doc: 'An alert channel must have exactly one of webhook, slack, discord, teams, ntfy, email.',
  },
  BASCULE_E_SECRET_MISSING: {
    exit: 2,
    doc: 'A secret named in the map ({env} or {file}) is not set or not readable.',
  },
  BASCULE_E_RUNTIME: {
    exit: 2,
    doc: 'The daemon cannot start: the address is taken, the data directory is not writable…',
  },
  BASCULE_E_DAEMON_UNREACHABLE: {
    exit: 2,
    doc: 'No daemon answers at the address of runtime.listen (is `bascule run` running?).',
  },
  BASCULE_E_CONFIG_FORMAT: {
    exit: 2,
    doc: 'A value not in the expected format (host:port, a status range).',
  },
  BASCULE_E_USAGE: { exit: 2, doc: 'Bad command line: unknown command or flag, missing value.' },
  BASCULE_E_CONFIG_MISSING: { exit: 2, doc: 'The map file does not exist.' },
  BASCULE_E_FILE_READ: { exit: 2, doc: 'A file could not be read.' },
  BASCULE_E_FILE_EXISTS: { exit: 2, doc: 'The file to write already exists (use --force).' },
  BASCULE_E_PREDICATE: { exit: 2, doc: 'A --fail predicate is malformed.' },
  BASCULE_E_SCENARIO_UNKNOWN: { exit: 2, doc: 'No scenario has that id.' },
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
  BASCULE_E_HTTP_UNAVAILABLE: {
    exit: 2,
    http: 503,
    doc: 'The daemon could not store the results (its store is failing); the agent keeps them and retries.',
  },
  BASCULE_E_HTTP_INTERNAL: { exit: 70, http: 500, doc: 'A bug in the daemon; the details are in its log.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
export type Params = Readonly<Record<string, string | number>>;

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

/** A single diagnostic without a location. */
export function fail(code: ErrorCode, params: Params = {}): BasculeError {
  return new BasculeError([{ code, params }]);
}
