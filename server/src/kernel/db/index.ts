export * from './database.ts';
export * from './migrate.ts';
export { DataDirLockedError } from './data-dir-lock.ts';
export * as schema from './schema.ts';
