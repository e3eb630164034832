import { defineConfig } from 'vitest/config';

const apiTests = ['tests/api/**/*.test.ts'];
const timeouts = { testTimeout: 60_000, hookTimeout: 120_000 };

/**
 * Projects: fast unit and kernel specs (the kernel specs run both engines themselves), the API
 * suite once per engine against a real server, and the browser suite.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { test: { ...timeouts, name: 'unit', include: ['common/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts'] } },
      { test: { ...timeouts, name: 'api-pglite', include: apiTests, env: { PEYVAND_TEST_ENGINE: 'pglite' } } },
      { test: { ...timeouts, name: 'api-postgres', include: apiTests, env: { PEYVAND_TEST_ENGINE: 'postgres' } } },
      { test: { ...timeouts, name: 'e2e', include: ['tests/e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 180_000 } },
    ],
  },
});
