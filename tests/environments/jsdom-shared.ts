// The page tests' environment: vitest's jsdom, set up once per worker and kept for every test
// file the worker runs. React DOM, Taro's runtime and testing-library are loaded once per
// worker and keep the window they were loaded with, so a new window per file would leave
// them drawing into a closed one. What a file may not inherit from the one before is reset by
// the setup files instead: the app's own modules (dom-globals.ts), the page and its storage
// (dom-page.ts), and where /api/ calls go (tests/helpers/api-server.ts).
import { builtinEnvironments, type Environment } from 'vitest/environments'

const SET_UP = Symbol.for('hemei.test.sharedJsdom')

const jsdomShared: Environment = {
  name: 'jsdom-shared',
  transformMode: 'web',
  async setup(global: typeof globalThis & { [SET_UP]?: true }, options) {
    if (!global[SET_UP]) {
      global[SET_UP] = true
      // Its teardown is the worker's exit.
      await builtinEnvironments.jsdom.setup(global, options)
    }
    return { teardown: () => undefined }
  },
}

export default jsdomShared
