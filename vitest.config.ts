import os from 'node:os'
import path from 'node:path'
import {
  configDefaults,
  defineConfig,
  type Plugin,
  type TestProjectInlineConfiguration,
} from 'vitest/config'

const alias = {
  '@contract': path.resolve(__dirname, 'contract'),
  '@': path.resolve(__dirname, 'src'),
}

// What babel-plugin-import does in the real build: `import { Tabs } from '@nutui/nutui-react-taro'`
// becomes a default import of the component's own module. The package's main entry loads every
// component, lottie among them, and that crashes in jsdom. One line in, one line out, so that
// stack traces keep their line numbers.
function nutuiPerComponent(): Plugin {
  const named = /import\s*\{([^}]+)\}\s*from\s*['"]@nutui\/nutui-react-taro['"]/g
  return {
    name: 'nutui-per-component',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('/node_modules/') || !code.includes('@nutui/nutui-react-taro')) return null
      return code.replace(named, (_, names: string) =>
        names
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean)
          .map((n) => {
            const [name = n, local = name] = n.split(/\s+as\s+/)
            return `import ${local} from '@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}'`
          })
          .join('; '),
      )
    },
  }
}

// Every project runs on the suite's clock (tests/helpers/test-clock.ts), whatever the date.
const fixedClock = 'tests/setup/fixed-clock.ts'
// Projects whose test servers start on a copy of the run's seeded demo township.
const seedCache = ['tests/setup/seed-cache.ts']

/**
 * Every project but the browser tests (unit, api, api-cloud, api-later, dom, dom-later) runs
 * its files in worker threads that load the modules once and keep them for the next file: the
 * server, the contract, the real wx-server-sdk, the emulator, React DOM and Taro's runtime.
 * Each file starts its own server on its own database and leaves no global changed (a file that
 * points the SDK elsewhere puts it back), so a fresh process per file only cost time: the
 * module graph was loaded once per file, a third of the node projects' CPU and two thirds of
 * the page tests'. The setup files still run before each file; the page tests' give each file
 * fresh app modules and an empty page.
 *
 * Whether a pool reuses its workers is read from the root config only (`poolOptions`), not
 * from a project's `isolate`, hence `threads` for these and the root's `threads.isolate`.
 */
const sharedWorkers = { pool: 'threads', isolate: false } as const

/** The API tests over a real SQLite file. */
const api = {
  extends: true,
  test: {
    name: 'api',
    globalSetup: seedCache,
    environment: 'node',
    include: ['tests/api/**/*.test.ts'],
    setupFiles: [fixedClock],
    ...sharedWorkers,
  },
} satisfies TestProjectInlineConfiguration

/** Pages rendered in jsdom against a real local server (tests/helpers/api-server.ts). */
const pages = {
  extends: true,
  plugins: [nutuiPerComponent()],
  resolve: {
    alias: [
      // Exact names only: taro-h5 itself imports @tarojs/components/dist/… subpaths.
      { find: /^@tarojs\/components$/, replacement: '@tarojs/components-react' },
      {
        find: /^@tarojs\/taro$/,
        replacement: path.resolve(__dirname, 'tests/helpers/taro-shim.ts'),
      },
    ],
  },
  test: {
    name: 'dom',
    globalSetup: seedCache,
    environment: './tests/environments/jsdom-shared.ts',
    include: ['tests/unit/**/*.test.tsx'],
    setupFiles: [fixedClock, 'tests/setup/dom-globals.ts', 'tests/setup/dom-page.ts'],
    server: { deps: { inline: [/@nutui\//, /@tarojs\/components-react/] } },
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Shared workers too, with one window per worker (tests/environments/jsdom-shared.ts):
    // React DOM and Taro's runtime keep the window they were loaded with. A process and a
    // window per file cost two thirds of this project's CPU (130 CPU-s, now 40).
    ...sharedWorkers,
  },
} satisfies TestProjectInlineConfiguration

/**
 * The same project with its clock 45 days on (tests/helpers/test-clock.ts), as `<name>-later`,
 * but for the files given: those whose rules never read the calendar run once, on the suite's
 * own date.
 */
function later<P extends { test: { name: string } }>(project: P, calendarFree: string[] = []): P {
  return {
    ...project,
    test: {
      ...project.test,
      name: `${project.test.name}-later`,
      env: { TEST_SHIFT_DAYS: '45' },
      exclude: [...configDefaults.exclude, ...calendarFree],
    },
  }
}

/**
 * API test files that a later date cannot change, left out of api-later (36 of its 66 CPU-s):
 * who may call which action (roles, not dates), the masking of the black list (a pure rule of
 * caller and household, swept over every read action), the HTTP transport (envelope, body limit,
 * timeouts, shutdown), the roster parser's bounds, and a SIGKILLed server keeping every
 * acknowledged vote.
 */
const apiCalendarFree = [
  'tests/api/role-matrix.test.ts',
  'tests/api/privacy*.test.ts',
  'tests/api/http-server.test.ts',
  'tests/api/roster-fuzz.test.ts',
  'tests/api/crash.test.ts',
]

// One runner, seven projects: pure unit tests, API tests over a real SQLite file and again over
// the cloud database adapter, component tests in jsdom, and browser tests against the built H5
// app in Debian's Chromium.
export default defineConfig({
  resolve: { alias },
  test: {
    globals: true,
    // One worker per core. Vitest's default leaves a core for itself (one worker on this 2-core
    // machine), though its own process is idle while the workers run.
    maxWorkers: os.availableParallelism(),
    minWorkers: 1,
    // Reuse of workers across files, for the projects that ask for it (sharedWorkers).
    poolOptions: { threads: { isolate: false } },
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: [fixedClock],
          // The Store contract tests on the cloud adapter make every database call over HTTP
          // to this worker's CloudBase emulator (tests/emulator), through the real SDK.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          ...sharedWorkers,
        },
      },
      api,
      {
        // The same API suite on the cloud database adapter: the real wx-server-sdk against a
        // CloudBase emulator started in each test file's worker (tests/emulator), every database
        // call a request over HTTP, hence the longer timeouts.
        extends: true,
        test: {
          name: 'api-cloud',
          globalSetup: seedCache,
          environment: 'node',
          include: ['tests/api/**/*.test.ts'],
          // The local server's own HTTP behaviour (compression, CSP, timeouts, shutdown): the
          // cloud path has no HTTP server of ours, and the SQLite project covers it.
          exclude: [...configDefaults.exclude, 'tests/api/http-server.test.ts'],
          setupFiles: [fixedClock, 'tests/setup/emulator-actions.ts'],
          env: { STORE: 'cloud' },
          ...sharedWorkers,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          setupFiles: [fixedClock],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
      pages,
      // The API tests on SQLite and the page tests again, 45 days later (across a month's and a
      // year's end), in the same run: date rules are the server's, shared by both adapters, so
      // the cloud adapter runs once, on the suite's own date.
      later(api, apiCalendarFree),
      later(pages),
    ],
  },
})
