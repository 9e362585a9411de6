// Second setup file of the dom project: a mounted "page" for the Taro APIs that look one up
// (NutUI Tabs measures its titles through createSelectorQuery, which needs Current.page),
// jest-dom's matchers, and a fresh start for each test: no session token, no router query,
// no recorded navigation.
import '@testing-library/jest-dom/vitest'
import { Current } from '@tarojs/runtime'
import { navigations, setRouterParams } from '../helpers/taro-shim'

const PAGE_PATH = 'pages/test/index'

document.body.id = PAGE_PATH
Current.page = { path: PAGE_PATH }

beforeEach(() => {
  localStorage.clear()
  setRouterParams({})
  navigations.length = 0
})
