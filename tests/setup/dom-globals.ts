// First setup file of the dom project: what Taro's webpack build injects before any Taro
// module loads. @tarojs/runtime reads these at import time (env.js picks window/document only
// when TARO_PLATFORM is web), so they must exist before dom-page.ts imports it.
Object.assign(globalThis, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
})

process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
process.env.FRAMEWORK = 'react'

// The tests render Taro's React components (components-react), which pass Taro-only props
// (hoverStyle, placeholderClass) on to DOM elements; the real H5 build does not. Only those
// two known warnings are dropped, so any other React warning still shows.
const knownProps = new Set(['hoverStyle', 'placeholderClass'])
// Test files that share a worker (isolate: false) run this file each: wrap console.error once.
const FILTERED = Symbol.for('hemei.test.consoleFiltered')
const marked = console as Console & { [FILTERED]?: true }
/* eslint-disable no-console -- this wraps console.error itself, to filter what it prints */
if (!marked[FILTERED]) {
  marked[FILTERED] = true
  const consoleError = console.error.bind(console)
  console.error = (...args: unknown[]) => {
    // React formats the warning later: the prop's name is the first substitution.
    const [format, prop] = args
    if (typeof format === 'string' && format.includes('React does not recognize the `%s` prop')) {
      if (typeof prop === 'string' && knownProps.has(prop)) return
    }
    consoleError(...args)
  }
}
/* eslint-enable no-console */

// jsdom cannot play media: Taro's <Video> calls load() when its source is set, which jsdom
// reports as "Not implemented". A page test checks the player is shown, not playback.
if (typeof HTMLMediaElement !== 'undefined') {
  HTMLMediaElement.prototype.load = () => undefined
}

// Test files share a worker and its window (tests/environments/jsdom-shared.ts), but each gets
// the app's modules fresh: a page's module-level state (the session token, 长辈模式, the
// outbox) starts as it does at launch. Modules Node loads itself (React DOM, Taro's runtime,
// testing-library) stay loaded: that is the time saved.
vi.resetModules()
