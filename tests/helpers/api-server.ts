// The real local server for page tests in jsdom. Pages call Taro.request('/api/<action>'),
// which taro-h5 sends through the global fetch; this routes those relative URLs to the
// server started here. Only the transport is adapted: router, store and data are real.
import type { ActionInput, ActionName, ActionOutput } from '@contract/index'
import type { Household } from '@contract/places'
import { setSessionToken } from '@/lib/api-client'
import type { Store } from '../../server/store/store'
import { startTestApi as startHttpApi } from './http-api'

export interface PageTestApi {
  /** The server's base URL, e.g. http://127.0.0.1:41234. */
  url: string
  /** Calls an action directly (not through the page), e.g. to read what the page should show. */
  data<A extends ActionName>(
    action: A,
    input?: ActionInput<A>,
    token?: string,
  ): Promise<ActionOutput<A>>
  /** Signs in as a demo account the way the app does: its token goes into Taro storage. */
  loginAs(openid: string): Promise<string>
  /** A token for `openid` without signing the page in as them. */
  tokenOf(openid: string): Promise<string>
  /** The `index`-th household (by 门牌号) of a demo village, looked up the way an admin would. */
  demoHousehold(villageName: string, index: number): Promise<Household>
  /** The server's store, for what no action writes (e.g. how a WeChat delivery ended). */
  store: Store
  /** Forgets the session token: the next page calls go out as a visitor. */
  logout(): void
  /** Stops the server and removes its data directory; the page's /api/ calls then fail. */
  close(): Promise<void>
}

const requestUrl = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url

/** Where the page's relative /api/ calls go: the running test server, or nowhere. */
interface ApiRoute {
  base: string | null
  fetch: typeof fetch
}

const API_ROUTE = Symbol.for('hemei.test.apiRoute')

/**
 * Installs, once per worker, the global fetch that sends the page's relative /api/ calls to
 * the current test server, and returns where it sends them. The test files that share a
 * worker share this one function: a file that spies on fetch puts back this same function
 * when its spy is undone (vitest undoes every spy again after each later file), never a
 * wrapper bound to its own closed server.
 */
function apiRoute(): ApiRoute {
  const holder = globalThis as typeof globalThis & { [API_ROUTE]?: ApiRoute }
  let route = holder[API_ROUTE]
  if (!route) {
    const realFetch = globalThis.fetch
    const state: ApiRoute = {
      base: null,
      fetch: (input, init) => {
        const url = requestUrl(input)
        if (!url.startsWith('/api/')) return realFetch(input, init)
        // As a browser without a server would: no answer at all.
        if (!state.base) return Promise.reject(new TypeError('Failed to fetch: no test server'))
        return realFetch(new URL(url, state.base), init)
      },
    }
    route = holder[API_ROUTE] = state
  }
  globalThis.fetch = route.fetch
  return route
}

/**
 * Starts the app in dev mode (demo township seeded) over a fresh temp directory and points
 * the page's relative /api/ requests at it. One per test file.
 */
export async function startTestApi(): Promise<PageTestApi> {
  const http = await startHttpApi({ devMode: true })
  const base = http.app.url
  const route = apiRoute()
  route.base = base
  const data: PageTestApi['data'] = (action, input, token) => http.data(action, input, token)
  return {
    url: base,
    data,
    tokenOf: (openid) => http.login(openid),
    async demoHousehold(villageName, index) {
      const village = (await data('villages.list')).find((v) => v.name === villageName)
      if (!village) throw new Error(`the demo seed has no ${villageName}`)
      const admin = await http.login('demo-admin')
      const { items } = await data('households.list', { villageId: village.id, limit: 50 }, admin)
      const found = items[index]
      if (!found) throw new Error(`${villageName} has fewer than ${index + 1} households`)
      return found
    },
    async loginAs(openid) {
      const token = await http.login(openid)
      setSessionToken(token)
      return token
    },
    store: http.app.store,
    logout: () => setSessionToken(null),
    async close() {
      if (route.base === base) route.base = null
      await http.close()
    },
  }
}
