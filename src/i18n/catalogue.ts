/**
 * The catalogues of every domain, merged: the English one defines the keys and their parameters,
 * the French one must match it (checked when compiling: keys, placeholders, no key in two domains).
 */
import * as alerts from './catalogues/alerts.ts';
import * as analysis from './catalogues/analysis.ts';
import * as backupJobs from './catalogues/backup-jobs.ts';
import * as backups from './catalogues/backups.ts';
import * as cli from './catalogues/cli.ts';
import * as config from './catalogues/config.ts';
import * as crisis from './catalogues/crisis.ts';
import * as dashboard from './catalogues/dashboard.ts';
import * as demo from './catalogues/demo.ts';
import * as failover from './catalogues/failover.ts';
import * as http from './catalogues/http.ts';
import * as monitor from './catalogues/monitor.ts';
import * as plan from './catalogues/plan.ts';
import * as proxy from './catalogues/proxy.ts';
import * as report from './catalogues/report.ts';
import * as restic from './catalogues/restic.ts';
import * as statusPage from './catalogues/status-page.ts';
import * as usage from './catalogues/usage.ts';
import type { Collisions, SamePlaceholders, Translations } from './types.ts';

/** Every domain, in one list: a new domain is a file in catalogues/ and a line here. */
export const DOMAINS = {
  alerts,
  analysis,
  backupJobs,
  backups,
  cli,
  config,
  crisis,
  dashboard,
  demo,
  failover,
  http,
  monitor,
  plan,
  proxy,
  report,
  restic,
  statusPage,
  usage,
} as const;

export const en = {
  ...alerts.en,
  ...analysis.en,
  ...backupJobs.en,
  ...backups.en,
  ...cli.en,
  ...config.en,
  ...crisis.en,
  ...dashboard.en,
  ...demo.en,
  ...failover.en,
  ...http.en,
  ...monitor.en,
  ...plan.en,
  ...proxy.en,
  ...report.en,
  ...restic.en,
  ...statusPage.en,
  ...usage.en,
} as const;

export const fr = {
  ...alerts.fr,
  ...analysis.fr,
  ...backupJobs.fr,
  ...backups.fr,
  ...cli.fr,
  ...config.fr,
  ...crisis.fr,
  ...dashboard.fr,
  ...demo.fr,
  ...failover.fr,
  ...http.fr,
  ...monitor.fr,
  ...plan.fr,
  ...proxy.fr,
  ...report.fr,
  ...restic.fr,
  ...statusPage.fr,
  ...usage.fr,
} as const satisfies Translations<typeof en>;

export type English = typeof en;
export type MessageKey = keyof English;

// Compile-time checks: a failing one is a type error on its line, naming the keys at fault.
const noCollision: [
  Collisions<
    [
      typeof alerts.en,
      typeof analysis.en,
      typeof backups.en,
      typeof cli.en,
      typeof config.en,
      typeof dashboard.en,
      typeof demo.en,
      typeof failover.en,
      typeof http.en,
      typeof monitor.en,
      typeof plan.en,
      typeof proxy.en,
      typeof report.en,
      typeof restic.en,
      typeof statusPage.en,
      typeof usage.en,
    ]
  >,
] extends [never]
  ? true
  : false = true;
const samePlaceholders: SamePlaceholders<typeof en, typeof fr> = true;
export const CHECKED = noCollision && samePlaceholders;
