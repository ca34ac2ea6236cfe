import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = {
  '@': path.resolve(__dirname),
  // fhirclient's `main` is its Node entry; the app runs the browser entry.
  fhirclient: path.resolve(__dirname, 'node_modules/fhirclient/lib/entry/browser.js'),
};

/**
 * One runner for every layer (unit, clinical personas, integration, components, e2e) so `npm test`
 * is the whole suite and `.ci/run` can count every test from one JSON report.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    globals: true,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/clinical/**/*.test.ts'],
          environment: 'node',
          globals: true,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globals: true,
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'components',
          include: ['tests/components/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          globals: true,
          setupFiles: ['tests/components/setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globals: true,
          testTimeout: 60_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
