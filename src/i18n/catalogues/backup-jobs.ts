/** Messages of `bascule backup init|run|verify|restore`: steps, results, progress, and their errors. */
import type { Translations } from '../types.ts';

type Steps = { readonly ok: number; readonly count: number };
type Progress = {
  readonly percent: number;
  readonly done: string;
  readonly total: string;
  readonly eta: string;
};

export const en = {
  BASCULE_E_BACKUP_NONE:
    'this map has no backups to run: declare targets and datasets under `backups:` (docs/backups.md)',
  BASCULE_E_BACKUP_UNKNOWN_DATASET: 'dataset "{dataset}" is not in backups.datasets (the map has: {known})',
  BASCULE_E_BACKUP_UNKNOWN_TARGET: 'target "{target}" is not in backups.targets (the map has: {known})',
  BASCULE_E_BACKUP_RESTORE_NOT_EMPTY:
    '{dir} is not an empty folder: a restore does not write over existing files unless you add --force (files of the same name are then replaced)',
  BASCULE_E_BACKUP_NO_SNAPSHOT:
    'there is no good snapshot of {detail} on {repository} to use: run `bascule backup run` first',
  BASCULE_E_BACKUP_NO_MANIFEST:
    'Bascule has no record of what snapshot {detail} on {repository} holds, so the restore test has nothing to compare with',
  'backupJobs.step.backup': 'backup',
  'backupJobs.step.copy': 'copy',
  'backupJobs.step.forget': 'retention',
  'backupJobs.step.check': 'check',
  'backupJobs.step.restore-test': 'restore test',
  'backupJobs.step.proof': 'append-only proof',
  'backupJobs.step.restore': 'restore',
  'backupJobs.step.init': 'init',
  'backupJobs.col.STEP': 'STEP',
  'backupJobs.col.RESULT': 'RESULT',
  'backupJobs.col.DETAIL': 'DETAIL',
  'backupJobs.result.ok': 'ok',
  'backupJobs.result.failed': 'failed',
  'backupJobs.result.created': 'created',
  'backupJobs.result.existed': 'already there',
  'backupJobs.result.immutable': 'immutable',
  'backupJobs.result.mutable': 'NOT immutable: a delete succeeded',
  'backupJobs.line.start': '{dataset}: {step} → {target}…',
  'backupJobs.line.end': '{dataset}: {step} → {target}: {result}',
  'backupJobs.progress': (p: Progress) =>
    `${p.percent} %  ${p.done}${p.total ? ` / ${p.total}` : ''}${p.eta ? `  ${p.eta} left` : ''}`,
  'backupJobs.run.summary': (p: Steps) =>
    p.ok === p.count
      ? `${p.count === 1 ? 'the dataset was' : `all ${p.count} datasets were`} backed up`
      : `${p.count - p.ok} of ${p.count} ${p.count === 1 ? 'dataset' : 'datasets'} failed`,
  'backupJobs.verify.summary': (p: Steps) =>
    p.ok === p.count
      ? `${p.count === 1 ? 'the dataset' : `all ${p.count} datasets`} verified`
      : `${p.count - p.ok} of ${p.count} ${p.count === 1 ? 'dataset' : 'datasets'} failed verification`,
  'backupJobs.init.summary': (p: Steps) =>
    p.ok === p.count
      ? `${p.count === 1 ? 'the repository is' : `all ${p.count} repositories are`} ready`
      : `${p.count - p.ok} of ${p.count} ${p.count === 1 ? 'repository' : 'repositories'} could not be initialised`,
  'backupJobs.restore.done':
    'restored {dataset} (snapshot {snapshot}, from {target}) into {dir}: the files are under their original absolute paths inside it',
} as const;

export const fr = {
  BASCULE_E_BACKUP_NONE:
    'cette carte ne déclare aucune sauvegarde : décrivez les cibles et les jeux de données sous `backups:` (docs/backups.md)',
  BASCULE_E_BACKUP_UNKNOWN_DATASET:
    'le jeu de données « {dataset} » n’est pas dans backups.datasets (la carte a : {known})',
  BASCULE_E_BACKUP_UNKNOWN_TARGET:
    'la cible « {target} » n’est pas dans backups.targets (la carte a : {known})',
  BASCULE_E_BACKUP_RESTORE_NOT_EMPTY:
    '{dir} n’est pas un dossier vide : une restauration n’écrit pas par-dessus des fichiers existants, sauf avec --force (les fichiers de même nom sont alors remplacés)',
  BASCULE_E_BACKUP_NO_SNAPSHOT:
    'aucun instantané valide de {detail} sur {repository} n’est disponible : lancez d’abord `bascule backup run`',
  BASCULE_E_BACKUP_NO_MANIFEST:
    'Bascule n’a pas gardé trace du contenu de l’instantané {detail} sur {repository} : le test de restauration n’a rien à quoi comparer',
  'backupJobs.step.backup': 'sauvegarde',
  'backupJobs.step.copy': 'copie',
  'backupJobs.step.forget': 'rétention',
  'backupJobs.step.check': 'vérification',
  'backupJobs.step.restore-test': 'test de restauration',
  'backupJobs.step.proof': 'preuve d’immuabilité',
  'backupJobs.step.restore': 'restauration',
  'backupJobs.step.init': 'initialisation',
  'backupJobs.col.STEP': 'ÉTAPE',
  'backupJobs.col.RESULT': 'RÉSULTAT',
  'backupJobs.col.DETAIL': 'DÉTAIL',
  'backupJobs.result.ok': 'ok',
  'backupJobs.result.failed': 'échec',
  'backupJobs.result.created': 'créé',
  'backupJobs.result.existed': 'déjà présent',
  'backupJobs.result.immutable': 'immuable',
  'backupJobs.result.mutable': 'PAS immuable : une suppression a réussi',
  'backupJobs.line.start': '{dataset} : {step} → {target}…',
  'backupJobs.line.end': '{dataset} : {step} → {target} : {result}',
  'backupJobs.progress': (p: Progress) =>
    `${p.percent} %  ${p.done}${p.total ? ` / ${p.total}` : ''}${p.eta ? `  encore ${p.eta}` : ''}`,
  'backupJobs.run.summary': (p: Steps) =>
    p.ok === p.count
      ? p.count === 1
        ? 'le jeu de données est sauvegardé'
        : `les ${p.count} jeux de données sont sauvegardés`
      : `${p.count - p.ok} jeu${p.count - p.ok > 1 ? 'x' : ''} de données sur ${p.count} en échec`,
  'backupJobs.verify.summary': (p: Steps) =>
    p.ok === p.count
      ? p.count === 1
        ? 'le jeu de données est vérifié'
        : `les ${p.count} jeux de données sont vérifiés`
      : `${p.count - p.ok} jeu${p.count - p.ok > 1 ? 'x' : ''} de données sur ${p.count} en échec de vérification`,
  'backupJobs.init.summary': (p: Steps) =>
    p.ok === p.count
      ? p.count === 1
        ? 'le dépôt est prêt'
        : `les ${p.count} dépôts sont prêts`
      : `${p.count - p.ok} dépôt${p.count - p.ok > 1 ? 's' : ''} sur ${p.count} n’${p.count - p.ok > 1 ? 'ont' : 'a'} pas pu être initialisé${p.count - p.ok > 1 ? 's' : ''}`,
  'backupJobs.restore.done':
    '{dataset} restauré (instantané {snapshot}, depuis {target}) dans {dir} : les fichiers y sont sous leurs chemins absolus d’origine',
} as const satisfies Translations<typeof en>;
