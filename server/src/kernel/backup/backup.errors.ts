import { defineErrors } from '../errors/index.ts';

/** Why a backup or a restore was refused or failed; `{name}` placeholders are filled from params. */
export const backupErrors = defineErrors({
  backup_database_not_migrated: {
    status: 409,
    fa: 'پایگاه داده هنوز آماده نشده است (مهاجرت‌ها اجرا نشده‌اند)؛ چیزی برای پشتیبان‌گیری وجود ندارد.',
    en: 'The database has not been migrated yet; there is nothing to back up.',
  },
  backup_unreadable: {
    status: 422,
    fa: 'فایل پشتیبان خوانده نشد: {reason}',
    en: 'The backup file could not be read: {reason}',
  },
  backup_invalid: {
    status: 422,
    fa: 'فایل پشتیبان معتبر نیست یا ناقص است: {reason}',
    en: 'The backup file is invalid or incomplete: {reason}',
  },
  backup_unsupported_version: {
    status: 422,
    fa: 'این فایل پشتیبان با قالب نسخهٔ {version} ساخته شده که این نسخهٔ پیوند آن را نمی‌شناسد.',
    en: 'This backup uses format version {version}, which this version of Peyvand does not support.',
  },
  backup_newer_than_code: {
    status: 409,
    fa: 'این پشتیبان از نسخهٔ جدیدتری از پیوند است (مهاجرت {migration})؛ ابتدا پیوند را به‌روز کنید و سپس بازیابی کنید.',
    en: 'This backup comes from a newer version of Peyvand (migration {migration}); upgrade Peyvand first, then restore.',
  },
  backup_unknown_migration: {
    status: 409,
    fa: 'مهاجرت {migration} در این نسخهٔ پیوند شناخته‌شده نیست؛ پشتیبان از نسخهٔ دیگری ساخته شده است.',
    en: 'Migration {migration} is unknown to this version of Peyvand; the backup was made by a different build.',
  },
  backup_target_not_empty: {
    status: 409,
    fa: 'بازیابی فقط در پایگاه دادهٔ خالی ممکن است، اما جدول {table} داده دارد. چیزی تغییر نکرد.',
    en: 'A backup can only be restored into an empty database, but table {table} holds rows. Nothing was changed.',
  },
  backup_schema_mismatch: {
    status: 409,
    fa: 'ساختار پایگاه داده با پشتیبان سازگار نیست: {reason}',
    en: 'The database structure does not match the backup: {reason}',
  },
  backup_database_url_required: {
    status: 500,
    fa: 'برای بازیابی در PostgreSQL نشانی پایگاه داده (databaseUrl) لازم است.',
    en: 'Restoring into PostgreSQL needs the database URL (databaseUrl).',
  },
  backup_restore_failed: {
    status: 422,
    fa: 'بازیابی جدول {table} ناموفق بود و هیچ داده‌ای نوشته نشد: {reason}',
    en: 'Restoring table {table} failed and nothing was written: {reason}',
  },
});
