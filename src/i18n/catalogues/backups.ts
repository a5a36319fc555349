/** Messages of backups: `backups:` in bascule.yaml, the status and the 3-2-1-1-0 rule, `bascule backup status`. */
import type { RepositoryProblem } from '../../errors.ts';
import type { Translations } from '../types.ts';
import { word } from '../words.ts';

type RepositoryParams = { readonly value: string; readonly problem: RepositoryProblem };
type SourceParams = { readonly given: string; readonly count: number };
type EveryRpoParams = { readonly every: string; readonly rpo: string; readonly from: string };

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
} as const;

export const fr = {
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
} as const satisfies Translations<typeof en>;
