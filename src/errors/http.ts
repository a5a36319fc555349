/** The error registry's part (errors.ts) for the HTTP API and the agents' ingest: what a refused request is answered. */
import type { ErrorSpec } from './spec.ts';

export const HTTP_ERRORS = {
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
} as const satisfies Record<string, ErrorSpec>;
