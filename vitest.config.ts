import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: a little parallelism, and simulators each on their own port.
    maxWorkers: 2,
    reporters: ['default', './test/summaryReporter.ts'],
  },
});
