/** The error registry's part (errors.ts) for running Bascule: the command line, backups and status, notify, the store, agents, the runtime, the demo, the data directory, the daemon. */
import type { ErrorSpec } from './spec.ts';

export const RUNTIME_ERRORS = {
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
} as const satisfies Record<string, ErrorSpec>;
