// Second setup file of the dom project: a mounted "page" for the Taro APIs that look one up
// (NutUI Tabs measures its titles through createSelectorQuery, which needs Current.page),
// jest-dom's matchers, and a fresh start for each test: no session token, no router query,
// no recorded navigation.
import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import { navigations, setRouterParams } from '../helpers/taro-shim'

const PAGE_PATH = 'pages/test/index'

// findBy… waits for a real server's answer. In `npm test` this project shares two cores with
// the builds and the browser tests: a page whose write and reload take 0.3 s alone has taken
// more than 5 s there (CI), so wait up to 15 s before calling something missing. A passing
// test never waits that long; only a failing one does.
configure({ asyncUtilTimeout: 15_000 })

// Test files that share a worker (and its window) each start on an empty page: what an earlier
// file left outside React's roots (taro-h5's toasts and modals) would otherwise still match.
document.body.replaceChildren()
document.body.id = PAGE_PATH
Current.page = { path: PAGE_PATH }

// testing-library unmounts after each test by itself only in the first file of a worker: it
// registers that hook when first imported, and later files find it loaded.
afterEach(() => cleanup())

beforeEach(() => {
  localStorage.clear()
  setRouterParams({})
  navigations.length = 0
})
