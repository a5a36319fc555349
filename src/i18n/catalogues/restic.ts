/** Messages of the restic runner (backup/restic/): why a backup, check, copy or restore failed. */
import type { Translations } from '../types.ts';

export const en = {
  BASCULE_E_RESTIC_NOT_INSTALLED:
    'restic could not be started ({detail}): install it (apt-get install restic)',
  BASCULE_E_RESTIC_VERSION: 'restic answered “{seen}”: Bascule drives restic {oldest} or later',
  BASCULE_E_RESTIC_WRONG_PASSWORD: 'wrong password for the repository {repository}',
  BASCULE_E_RESTIC_REPO_MISSING:
    'there is no restic repository at {repository} ({detail}); create it with `bascule backup init`',
  BASCULE_E_RESTIC_UNREACHABLE: 'the repository {repository} cannot be reached ({detail})',
  BASCULE_E_RESTIC_ACCESS_DENIED: 'the server of {repository} refused the credentials ({detail})',
  BASCULE_E_RESTIC_LOCKED:
    'the repository {repository} is locked by another restic that is still running or runs on another host ({detail})',
  BASCULE_E_RESTIC_TIMEOUT: 'restic did not finish in time on {repository} and was stopped ({detail})',
  BASCULE_E_RESTIC_KILLED: 'restic was stopped before it finished on {repository} ({detail})',
  BASCULE_E_RESTIC_FILES_SKIPPED:
    'restic could not read some files, so the snapshot in {repository} is incomplete ({detail})',
  BASCULE_E_RESTIC_PRODUCER_FAILED:
    'the program that produces the backup failed ({detail}); the partial snapshot in {repository} does not count',
  BASCULE_E_RESTIC_SOURCE_MISSING:
    'a path to back up does not exist ({detail}); nothing was saved to {repository}',
  BASCULE_E_RESTIC_NO_SUMMARY:
    'restic ended without reporting the snapshot it made in {repository} ({detail}), so the run does not count',
  BASCULE_E_RESTIC_CORRUPTED: 'the repository {repository} holds damaged data ({detail})',
  BASCULE_E_RESTIC_SNAPSHOT_UNKNOWN: 'no snapshot in {repository} matches {detail}',
  BASCULE_E_RESTIC_RESTORE_MISMATCH:
    'the restore test from {repository} does not give back what was backed up ({detail})',
  BASCULE_E_RESTIC_FAILED: 'restic failed on {repository} ({detail})',
} as const;

export const fr = {
  BASCULE_E_RESTIC_NOT_INSTALLED:
    'impossible de lancer restic ({detail}) : installez-le (apt-get install restic)',
  BASCULE_E_RESTIC_VERSION: 'restic a répondu « {seen} » : Bascule pilote restic {oldest} ou plus récent',
  BASCULE_E_RESTIC_WRONG_PASSWORD: 'mot de passe incorrect pour le dépôt {repository}',
  BASCULE_E_RESTIC_REPO_MISSING:
    'aucun dépôt restic à l’emplacement {repository} ({detail}) ; créez-le avec `bascule backup init`',
  BASCULE_E_RESTIC_UNREACHABLE: 'le dépôt {repository} est injoignable ({detail})',
  BASCULE_E_RESTIC_ACCESS_DENIED: 'le serveur de {repository} a refusé les identifiants ({detail})',
  BASCULE_E_RESTIC_LOCKED:
    'le dépôt {repository} est verrouillé par un autre restic, toujours en cours ou lancé depuis une autre machine ({detail})',
  BASCULE_E_RESTIC_TIMEOUT: 'restic n’a pas terminé à temps sur {repository} et a été arrêté ({detail})',
  BASCULE_E_RESTIC_KILLED: 'restic a été arrêté avant la fin sur {repository} ({detail})',
  BASCULE_E_RESTIC_FILES_SKIPPED:
    'restic n’a pas pu lire certains fichiers : l’instantané dans {repository} est incomplet ({detail})',
  BASCULE_E_RESTIC_PRODUCER_FAILED:
    'le programme qui produit la sauvegarde a échoué ({detail}) ; l’instantané partiel dans {repository} ne compte pas',
  BASCULE_E_RESTIC_SOURCE_MISSING:
    'un chemin à sauvegarder n’existe pas ({detail}) ; rien n’a été enregistré dans {repository}',
  BASCULE_E_RESTIC_NO_SUMMARY:
    'restic s’est arrêté sans indiquer l’instantané créé dans {repository} ({detail}) : la sauvegarde ne compte pas',
  BASCULE_E_RESTIC_CORRUPTED: 'le dépôt {repository} contient des données endommagées ({detail})',
  BASCULE_E_RESTIC_SNAPSHOT_UNKNOWN: 'aucun instantané de {repository} ne correspond à {detail}',
  BASCULE_E_RESTIC_RESTORE_MISMATCH:
    'le test de restauration depuis {repository} ne rend pas ce qui avait été sauvegardé ({detail})',
  BASCULE_E_RESTIC_FAILED: 'restic a échoué sur {repository} ({detail})',
} as const satisfies Translations<typeof en>;
