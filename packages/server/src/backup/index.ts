/** Backups of a data folder: the copy, its manifest and verification, restore, the API route. */
export { type BackupResult, type BackupSource, backupDataDir } from "./backup.ts";
export {
  type BackupFile,
  type BackupManifest,
  MANIFEST,
  manifestSummary,
  readManifest,
  restoreBackup,
  verifyBackup,
} from "./manifest.ts";
export { BACKUP_ROOT_ENV, backupRoots, validateBackupDest } from "./route.ts";
