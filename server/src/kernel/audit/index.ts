export * from './audit.ts';
export * from './audit.schema.ts';
