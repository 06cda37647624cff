// Two projects: `unit` (next to the source, no lab) and `integration` (test/integration,
// against the lab's real daemons, run inside the lab's workstation namespace).
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'electron/**/*.test.ts',
            'shared/**/*.test.ts',
            'renderer/src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'build/**/*.test.ts',
            'test/lab/**/*.test.ts',
            'test/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // The lab is one shared LAN: files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
