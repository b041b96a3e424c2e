import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules', 'dist'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests share one machine's SQLite files and ports: keep files in separate forks.
    pool: 'forks',
  },
});
