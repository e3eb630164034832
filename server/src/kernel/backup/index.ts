export { createBackup, type BackupOptions, type BackupSummary } from './create-backup.ts';
export { restoreBackup, type RestoreOptions, type RestoreSummary } from './restore-backup.ts';
export { backupErrors } from './backup.errors.ts';
export {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  VALUE_SETTINGS,
  type BackupHeader,
  type DumpTable,
  type DumpSequence,
  type MigrationId,
} from './backup.format.ts';
