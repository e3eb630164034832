import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/kernel/db/schema.ts',
  out: './server/drizzle',
  casing: 'snake_case',
});
