export * from './context.ts';
export * from './pagination.ts';
export * from './problem.ts';
export * from './server.ts';
