import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Generous: the suite must pass on a loaded 2-core machine (spawned CLI and service tests).
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // npm run coverage: every source file, including the wiring (cli.ts, app.ts, service.ts), run in-process by tests/wiring.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text'],
      reportsDirectory: 'coverage',
    },
  },
});
