export * from './app-error.ts';
export * from './kernel-errors.ts';
export * from './validation-messages.ts';
