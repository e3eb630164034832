export * from './auth.ts';
export * from './auth.schema.ts';
