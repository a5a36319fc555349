/** Messages of backups: `backups:` in bascule.yaml, the status and the 3-2-1-1-0 rule, `bascule backup status`. */
import type { RepositoryProblem } from '../../errors.ts';
import type { Translations } from '../types.ts';
import { word } from '../words.ts';

type RepositoryParams = { readonly value: string; readonly problem: RepositoryProblem };
type SourceParams = { readonly given: string; readonly count: number };
type EveryRpoParams = { readonly every: string; readonly rpo: string; readonly from: string };
type Copies = { readonly copies: number };
type Media = { readonly media: number };
type Targets = { readonly targets: string };
type Target = { readonly target: string };
type RuleLine = {
  readonly copies: number;
  readonly media: number;
  readonly offsite: number;
  readonly immutable: number;
  readonly verified: boolean;
};
type Running = { readonly job: string; readonly dataset: string; readonly since: string };
type Ran = { readonly at: string; readonly error: string };

const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;
/** In French, 0 and 1 take the singular. */
const pluralFr = (n: number, one: string, other: string) => `${n} ${n < 2 ? one : other}`;

const REPOSITORY_EN: Readonly<Record<RepositoryProblem, string>> = {
  empty: 'it is empty',
  backend:
    'restic has no such backend (it knows a local path, sftp:, rest:, s3:, b2:, azure:, gs:, swift: and rclone:)',
  scp: 'this looks like an SSH address: write sftp: before it (sftp:user@host:/path), else restic makes a local folder of that name',
  sftp: 'write sftp:user@host:/path or sftp://user@host:port//path',
  rest: 'write rest: followed by an http:// or https:// URL (rest:https://backup.example.net/acme)',
  s3: 'write s3: followed by a URL and a bucket (s3:https://s3.example.net/bucket) or by host/bucket',
  bucket: 'write the bucket or container name, then a colon and the path (b2:bucket:path, gs:bucket:/path)',
  rclone: 'write rclone: followed by the rclone remote and path (rclone:remote:path)',
  credentials:
    'it holds a password: put the credentials in the target’s `env` (RESTIC_REST_USERNAME and RESTIC_REST_PASSWORD, AWS_ACCESS_KEY_ID…) as secrets',
};
const REPOSITORY_FR: Readonly<Record<RepositoryProblem, string>> = {
  empty: 'il est vide',
  backend:
    'restic n’a pas ce type de dépôt (il connaît un chemin local, sftp:, rest:, s3:, b2:, azure:, gs:, swift: et rclone:)',
  scp: 'on dirait une adresse SSH : écrivez sftp: devant (sftp:utilisateur@hôte:/chemin), sinon restic crée un dossier local de ce nom',
  sftp: 'écrivez sftp:utilisateur@hôte:/chemin ou sftp://utilisateur@hôte:port//chemin',
  rest: 'écrivez rest: suivi d’une URL http:// ou https:// (rest:https://backup.example.net/acme)',
  s3: 'écrivez s3: suivi d’une URL et d’un bucket (s3:https://s3.example.net/bucket) ou de hôte/bucket',
  bucket:
    'écrivez le nom du bucket ou du conteneur, puis deux-points et le chemin (b2:bucket:chemin, gs:bucket:/chemin)',
  rclone: 'écrivez rclone: suivi du remote rclone et du chemin (rclone:remote:chemin)',
  credentials:
    'il contient un mot de passe : mettez les identifiants dans le `env` de la cible (RESTIC_REST_USERNAME et RESTIC_REST_PASSWORD, AWS_ACCESS_KEY_ID…), sous forme de secrets',
};

export const en = {
  BASCULE_E_HTTP_BACKUP_DATASET_UNKNOWN: 'no backup dataset "{dataset}" (datasets: {datasets})',
  BASCULE_E_HTTP_BACKUP_RUNNING: (p: Running) =>
    `${p.job === 'verify' ? 'a verification' : 'a backup'} of ${p.dataset} is already under way since ${p.since}: wait for it to end, then ask again`,
  BASCULE_E_HTTP_BACKUP_UNAVAILABLE:
    'this daemon cannot start backups: it has no backup runner (it still judges the records and alerts)',
  BASCULE_E_CONFIG_BACKUP_SOURCE: (p: SourceParams) =>
    p.count === 0
      ? 'a dataset needs what to back up: one of postgres: {url}, paths: [...] or command: [program, arguments...]'
      : `a dataset backs up one source, and this one has ${p.count}: ${p.given}; make one dataset per source`,
  BASCULE_E_CONFIG_BACKUP_NO_TARGET:
    'dataset "{dataset}" has no target: list in `to` the targets (under backups.targets) that get a copy',
  BASCULE_E_CONFIG_BACKUP_DUPLICATE: 'target "{target}" is listed twice',
  BASCULE_E_CONFIG_BACKUP_PLACE:
    'target "{target}" needs `component`: the component of the map where its repository lives (a NAS, a bucket at a provider), so the analysis knows where this copy is and what takes it down',
  BASCULE_E_CONFIG_BACKUP_REPOSITORY: (p: RepositoryParams) =>
    `restic would not accept repository "${p.value}": ${word(REPOSITORY_EN, p.problem)}`,
  BASCULE_E_CONFIG_BACKUP_ENV:
    '"{name}" is not an environment variable name: letters, digits and "_", not starting with a digit',
  BASCULE_W_BACKUP_EVERY_RPO: (p: EveryRpoParams) =>
    `a backup every ${p.every} cannot meet an RPO of ${p.rpo}${p.from ? ` (that of service "${p.from}")` : ''}: a failure just before a backup loses up to ${p.every} of data; back up at least every ${p.rpo}`,
  'cli.backup.summary':
    'back up, verify and restore the datasets with restic, and show their state against the RPO and the 3-2-1-1-0 rule',
  'backup.none': 'no backup dataset in this map (backups.datasets)',
  'backup.col.DATASET': 'DATASET',
  'backup.col.TARGET': 'TARGET',
  'backup.col.SNAPSHOT': 'SNAPSHOT',
  'backup.col.AGE': 'AGE',
  'backup.col.LAST_RUN': 'LAST RUN',
  'backup.col.RULE': '3-2-1-1-0',
  'backup.state.ok': 'ok',
  'backup.state.warn': 'warn',
  'backup.state.breach': 'breach',
  'backup.rpo.dataset': '{rpo}',
  'backup.rpo.service': '{rpo} (service {service})',
  'backup.rpo.every': '{rpo} (its schedule: no RPO given)',
  'backup.run.none': 'never',
  'backup.run.ok': 'ok {at}',
  'backup.run.failed': (p: Ran) => `failed ${p.at}${p.error ? ` (${p.error})` : ''}`,
  'backup.rule.line': (p: RuleLine) =>
    `${plural(p.copies, 'copy', 'copies')} · ${plural(p.media, 'medium', 'media')} · ${p.offsite} off-site · ${p.immutable} immutable · ${p.verified ? 'verified' : 'not verified'}`,
  'backup.rule.met': '3-2-1-1-0 met',
  'backup.rule.unmet': '{dataset}: 3-2-1-1-0 not met',
  'backup.status.stale': 'its last good snapshot is older than the RPO',
  'backup.status.no-snapshot': 'no good snapshot',
  'backup.status.never-run': 'never backed up',
  'backup.status.run-failed': 'its last run failed',
  'backup.reason.copies': (p: Copies) =>
    `${plural(p.copies, 'copy', 'copies')} (the data and ${plural(p.copies - 1, 'target', 'targets')} with a copy within the RPO): 3 are needed`,
  'backup.reason.media': (p: Media) =>
    `current copies on ${plural(p.media, 'kind of medium', 'kinds of media')}: 2 are needed (a disk or NAS, object storage, a REST server)`,
  'backup.reason.offsite': (p: Targets) =>
    p.targets
      ? `no current copy off-site: ${p.targets} share the data’s provider or region, or are not placed on the map`
      : 'no current copy off-site: no target holds a copy within the RPO',
  'backup.reason.immutable-none':
    'no current copy is immutable: give one target `appendOnly: true` (rest-server --append-only, object lock)',
  'backup.reason.immutable-unproved': (p: Target) =>
    `"${p.target}" is said to be append-only but that was never proved (a delete that must fail)`,
  'backup.reason.immutable-refused': (p: Target) =>
    `"${p.target}" is said to be append-only, but a delete on it succeeded: it is not immutable`,
  'backup.reason.verify-none': 'never verified: add `verify: {every, restore: true}`',
  'backup.reason.verify-restore-off': 'no restore test: set `verify.restore: true`',
  'backup.reason.verify-check': (p: Target) =>
    `the last check of "${p.target}" failed, or is older than its period`,
  'backup.reason.verify-restore': 'the last restore test failed, or is older than its period',
  BASCULE_E_USAGE_BACKUP:
    '`backup` takes `status`, `init [TARGET...]`, `run [DATASET...]`, `verify [DATASET...]` or `restore DATASET --to DIR`, not "{action}"',
} as const;

export const fr = {
  BASCULE_E_HTTP_BACKUP_DATASET_UNKNOWN: 'aucun jeu de données sauvegardé « {dataset} » (jeux : {datasets})',
  BASCULE_E_HTTP_BACKUP_RUNNING: (p: Running) =>
    `${p.job === 'verify' ? 'une vérification' : 'une sauvegarde'} de ${p.dataset} est déjà en cours depuis le ${p.since} : attendez qu’elle se termine, puis recommencez`,
  BASCULE_E_HTTP_BACKUP_UNAVAILABLE:
    'ce démon ne peut pas lancer de sauvegarde : il n’a pas d’exécuteur de sauvegardes (il juge toujours les enregistrements et alerte)',
  BASCULE_E_CONFIG_BACKUP_SOURCE: (p: SourceParams) =>
    p.count === 0
      ? 'un jeu de données doit dire quoi sauvegarder : postgres: {url}, paths: [...] ou command: [programme, arguments...]'
      : `un jeu de données sauvegarde une seule source, et celui-ci en a ${p.count} : ${p.given} ; faites un jeu de données par source`,
  BASCULE_E_CONFIG_BACKUP_NO_TARGET:
    'le jeu de données « {dataset} » n’a aucune cible : indiquez dans `to` les cibles (de backups.targets) qui en reçoivent une copie',
  BASCULE_E_CONFIG_BACKUP_DUPLICATE: 'la cible « {target} » figure deux fois',
  BASCULE_E_CONFIG_BACKUP_PLACE:
    'la cible « {target} » doit indiquer `component` : le composant de la carte où se trouve son dépôt (un NAS, un bucket chez un fournisseur), pour que l’analyse sache où est cette copie et ce qui peut l’emporter',
  BASCULE_E_CONFIG_BACKUP_REPOSITORY: (p: RepositoryParams) =>
    `restic refuserait le dépôt « ${p.value} » : ${word(REPOSITORY_FR, p.problem)}`,
  BASCULE_E_CONFIG_BACKUP_ENV:
    '« {name} » n’est pas un nom de variable d’environnement : lettres, chiffres et « _ », sans commencer par un chiffre',
  BASCULE_W_BACKUP_EVERY_RPO: (p: EveryRpoParams) =>
    `une sauvegarde toutes les ${p.every} ne peut pas tenir un RPO de ${p.rpo}${p.from ? ` (celui du service « ${p.from} »)` : ''} : une panne juste avant une sauvegarde fait perdre jusqu’à ${p.every} de données ; sauvegardez au moins toutes les ${p.rpo}`,
  'cli.backup.summary':
    'sauvegarder, vérifier et restaurer les jeux de données avec restic, et montrer leur état face au RPO et à la règle 3-2-1-1-0',
  'backup.none': 'aucun jeu de données à sauvegarder dans cette carte (backups.datasets)',
  'backup.col.DATASET': 'DONNÉES',
  'backup.col.TARGET': 'CIBLE',
  'backup.col.SNAPSHOT': 'INSTANTANÉ',
  'backup.col.AGE': 'ÂGE',
  'backup.col.LAST_RUN': 'DERNIÈRE EXÉCUTION',
  'backup.col.RULE': '3-2-1-1-0',
  'backup.state.ok': 'ok',
  'backup.state.warn': 'à surveiller',
  'backup.state.breach': 'dépassé',
  'backup.rpo.dataset': '{rpo}',
  'backup.rpo.service': '{rpo} (service {service})',
  'backup.rpo.every': '{rpo} (sa fréquence : aucun RPO indiqué)',
  'backup.run.none': 'jamais',
  'backup.run.ok': 'réussie {at}',
  'backup.run.failed': (p: Ran) => `échouée ${p.at}${p.error ? ` (${p.error})` : ''}`,
  'backup.rule.line': (p: RuleLine) =>
    `${pluralFr(p.copies, 'copie', 'copies')} · ${pluralFr(p.media, 'support', 'supports')} · ${p.offsite} hors site · ${pluralFr(p.immutable, 'immuable', 'immuables')} · ${p.verified ? 'vérifiée' : 'non vérifiée'}`,
  'backup.rule.met': '3-2-1-1-0 respectée',
  'backup.rule.unmet': '{dataset} : 3-2-1-1-0 non respectée',
  'backup.status.stale': 'son dernier instantané valable est plus ancien que le RPO',
  'backup.status.no-snapshot': 'aucun instantané valable',
  'backup.status.never-run': 'jamais sauvegardé',
  'backup.status.run-failed': 'sa dernière exécution a échoué',
  'backup.reason.copies': (p: Copies) =>
    `${pluralFr(p.copies, 'copie', 'copies')} (les données et ${pluralFr(p.copies - 1, 'cible', 'cibles')} avec une copie dans le RPO) : il en faut 3`,
  'backup.reason.media': (p: Media) =>
    `copies à jour sur ${pluralFr(p.media, 'type de support', 'types de support')} : il en faut 2 (un disque ou un NAS, un stockage objet, un serveur REST)`,
  'backup.reason.offsite': (p: Targets) =>
    p.targets
      ? `aucune copie à jour hors site : ${p.targets} partagent le fournisseur ou la région des données, ou ne sont pas placées sur la carte`
      : 'aucune copie à jour hors site : aucune cible n’a de copie dans le RPO',
  'backup.reason.immutable-none':
    'aucune copie à jour n’est immuable : donnez à une cible `appendOnly: true` (rest-server --append-only, verrouillage d’objets)',
  'backup.reason.immutable-unproved': (p: Target) =>
    `« ${p.target} » est censée n’accepter que des ajouts, mais cela n’a jamais été prouvé (une suppression qui doit échouer)`,
  'backup.reason.immutable-refused': (p: Target) =>
    `« ${p.target} » est censée n’accepter que des ajouts, mais une suppression y a réussi : elle n’est pas immuable`,
  'backup.reason.verify-none': 'jamais vérifiée : ajoutez `verify: {every, restore: true}`',
  'backup.reason.verify-restore-off': 'aucun test de restauration : mettez `verify.restore: true`',
  'backup.reason.verify-check': (p: Target) =>
    `la dernière vérification de « ${p.target} » a échoué, ou date de plus que sa période`,
  'backup.reason.verify-restore': 'le dernier test de restauration a échoué, ou date de plus que sa période',
  BASCULE_E_USAGE_BACKUP:
    '`backup` prend `status`, `init [CIBLE...]`, `run [JEU...]`, `verify [JEU...]` ou `restore JEU --to DOSSIER`, pas « {action} »',
} as const satisfies Translations<typeof en>;
