import { defineConfig } from 'vitest/config';
import { BROWSER, CHAOS, integrationFiles, SCALE } from './test/test-projects.js';

const integration = integrationFiles(import.meta.dirname);

// `npm test` runs every project; one alone: `npx vitest run --project unit` (see test/test-projects.ts).
export default defineConfig({
  test: {
    exclude: ['node_modules', 'dist'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests share one machine's SQLite files and ports: keep files in separate forks.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['node_modules', 'dist', ...BROWSER, ...SCALE, ...CHAOS, ...integration],
        },
      },
      { extends: true, test: { name: 'integration', include: integration.length > 0 ? integration : ['no-such-file'] } },
      // In CI a missing Chromium fails these tests instead of skipping them.
      { extends: true, test: { name: 'browser', include: BROWSER, setupFiles: ['test/handoff/console/require-chromium.ts'] } },
      { extends: true, test: { name: 'scale', include: SCALE } },
      { extends: true, test: { name: 'chaos', include: CHAOS } },
    ],
  },
});
