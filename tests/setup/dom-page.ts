// Second setup file of the dom project: a mounted "page" for the Taro APIs that look one up
// (NutUI Tabs measures its titles through createSelectorQuery, which needs Current.page),
// jest-dom's matchers, and a fresh start for each test: no session token, no router query,
// no recorded navigation.
import '@testing-library/jest-dom/vitest'
import { configure } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import { navigations, setRouterParams } from '../helpers/taro-shim'

const PAGE_PATH = 'pages/test/index'

// findBy… waits for a real server's answer; on a busy two-core machine one second is not
// always enough for a page to load, so wait up to five before calling it missing.
configure({ asyncUtilTimeout: 5000 })

document.body.id = PAGE_PATH
Current.page = { path: PAGE_PATH }

beforeEach(() => {
  localStorage.clear()
  setRouterParams({})
  navigations.length = 0
})
