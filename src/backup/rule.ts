/**
 * The 3-2-1-1-0 rule of one dataset, judged on the map: 3 copies (the data itself and 2 targets
 * holding a current copy), on 2 media (kinds of target: a disk — a local path or an SSH NAS —,
 * object storage, a REST server), 1 off-site (a target whose provider and region both differ from
 * the data's), 1 immutable (append-only, and proved so), 0 errors (the last check of every target
 * and the last restore test passed within their period). Pure: what is current, proved and
 * verified is passed in (from the records, or assumed from the map alone by the analyser).
 */

import { colocation } from '../model/backup-placement.ts';
import { type Medium, readRepository } from '../model/backup-repository.ts';
import type { Config } from '../model/schema.ts';

export { type Colocation, colocation, placesOf } from '../model/backup-placement.ts';

export interface RuleVerdict {
  readonly copies: number;
  readonly media: number;
  readonly offsite: number;
  readonly immutable: number;
  readonly verified: boolean;
  readonly ok: boolean;
}

/** Why a part of the rule is not met, for people (backup.reason.* in the catalogue). */
export type RuleReason =
  | { readonly code: 'copies'; readonly params: { readonly copies: number } }
  | { readonly code: 'media'; readonly params: { readonly media: number } }
  | { readonly code: 'offsite'; readonly params: { readonly targets: string } }
  | { readonly code: 'immutable-none'; readonly params: Record<string, never> }
  | { readonly code: 'immutable-unproved'; readonly params: { readonly target: string } }
  | { readonly code: 'immutable-refused'; readonly params: { readonly target: string } }
  | { readonly code: 'verify-none'; readonly params: Record<string, never> }
  | { readonly code: 'verify-restore-off'; readonly params: Record<string, never> }
  | { readonly code: 'verify-check'; readonly params: { readonly target: string } }
  | { readonly code: 'verify-restore'; readonly params: Record<string, never> };

/** What the records say of a dataset's targets (or what the map alone lets one assume). */
export interface RuleFacts {
  /** The target holds a good snapshot within the RPO. */
  readonly current: (target: string) => boolean;
  /** The last append-only proof of the target: true (a delete was refused), false, or none. */
  readonly proved: (target: string) => boolean | undefined;
  /** The last check of the target passed within the verification period. */
  readonly checked: (target: string) => boolean;
  /** The last restore test of the dataset passed within the verification period. */
  readonly restored: boolean;
}

export function mediumOf(repository: string): Medium | undefined {
  const r = readRepository(repository);
  return r.ok ? r.medium : undefined;
}

export function judgeRule(
  config: Config,
  datasetId: string,
  facts: RuleFacts,
): { readonly verdict: RuleVerdict; readonly reasons: readonly RuleReason[] } {
  const dataset = config.backups?.datasets[datasetId];
  const targets = config.backups?.targets ?? {};
  if (!dataset) throw new Error(`no dataset ${datasetId}`);
  const current = dataset.to.filter((t) => Object.hasOwn(targets, t) && facts.current(t));
  const reasons: RuleReason[] = [];
  const copies = 1 + current.length;
  if (copies < 3) reasons.push({ code: 'copies', params: { copies } });
  const media = new Set(current.map((t) => mediumOf(targets[t]!.repository)).filter((m) => m !== undefined))
    .size;
  if (media < 2) reasons.push({ code: 'media', params: { media } });
  const offsite = current.filter(
    (t) => colocation(config, dataset.component, targets[t]!.component) === 'offsite',
  ).length;
  if (offsite < 1) reasons.push({ code: 'offsite', params: { targets: current.join(', ') } });
  let immutable = 0;
  const appendOnly = current.filter((t) => targets[t]!.appendOnly);
  for (const t of appendOnly) {
    const p = facts.proved(t);
    if (p === true) immutable++;
    else if (p === false) reasons.push({ code: 'immutable-refused', params: { target: t } });
    else reasons.push({ code: 'immutable-unproved', params: { target: t } });
  }
  if (appendOnly.length === 0) reasons.push({ code: 'immutable-none', params: {} });
  let verified = false;
  if (!dataset.verify) reasons.push({ code: 'verify-none', params: {} });
  else {
    const unchecked = dataset.to.filter((t) => !facts.checked(t));
    for (const t of unchecked) reasons.push({ code: 'verify-check', params: { target: t } });
    if (!dataset.verify.restore) reasons.push({ code: 'verify-restore-off', params: {} });
    else if (!facts.restored) reasons.push({ code: 'verify-restore', params: {} });
    verified = unchecked.length === 0 && dataset.verify.restore && facts.restored;
  }
  const ok = copies >= 3 && media >= 2 && offsite >= 1 && immutable >= 1 && verified;
  return { verdict: { copies, media, offsite, immutable, verified, ok }, reasons };
}
