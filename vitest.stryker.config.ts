import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Mutation testing (npm run test:mutation, stryker.config.json) runs the node-environment unit
// tests only: a pure rule must be guarded by its own unit tests, not through the API or a page.
export default defineConfig({
  resolve: {
    alias: {
      '@contract': path.resolve(__dirname, 'contract'),
      '@': path.resolve(__dirname, 'src'),
    },
  },
  test: {
    globals: true,
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/setup/fixed-clock.ts'],
    // Instrumented code on a shared machine runs several times slower than the plain suite.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
