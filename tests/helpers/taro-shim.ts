// `@tarojs/taro` for the dom project: the H5 implementation of the API plus what a page
// needs around it. taro-h5 does not export the page lifecycle hooks (Taro's React plugin
// supplies them in a real build), and its navigation needs the H5 router, which a page
// rendered on its own does not have: navigation is recorded instead. Tests drive the hooks
// and read the navigations with the helpers below.
import { Current } from '@tarojs/runtime'
import { useEffect, useRef } from 'react'
import * as h5 from '@tarojs/taro-h5/dist/index.esm.js'

export * from '@tarojs/taro-h5/dist/index.esm.js'

type Callback = () => void

const pullDownHandlers = new Set<{ current: Callback }>()
const reachBottomHandlers = new Set<{ current: Callback }>()
let routerParams: Record<string, string> = {}

/** Where pages asked to go, oldest first. */
export const navigations: { api: string; url: string }[] = []

function recordNavigation(api: string) {
  return (options: { url: string }) => {
    navigations.push({ api, url: options.url })
    return Promise.resolve({ errMsg: `${api}:ok` })
  }
}

export const navigateTo = recordNavigation('navigateTo')
export const redirectTo = recordNavigation('redirectTo')
export const reLaunch = recordNavigation('reLaunch')
export const switchTab = recordNavigation('switchTab')

// The real H5 build rewrites `Taro.request(…)` into a named import (babel-plugin-transform-
// taroapi), so taro-h5's default object lacks most APIs. Here they are put on it instead.
const { default: Taro, ...apis } = h5
for (const [name, api] of Object.entries(apis)) {
  if (!(name in Taro)) Object.defineProperty(Taro, name, { value: api, writable: true })
}
Object.assign(Taro, { navigateTo, redirectTo, reLaunch, switchTab })
export default Taro

/** Keeps the latest callback registered in `handlers` while the component is mounted. */
function useRegistered(handlers: Set<{ current: Callback }>, callback: Callback) {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    handlers.add(ref)
    return () => {
      handlers.delete(ref)
    }
  }, [handlers])
}

/** Runs once after mount, as a page's load/show/ready events do when it first opens. */
function useOnMount(callback: Callback) {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    ref.current()
  }, [])
}

export const useLaunch = useOnMount
export const useLoad = useOnMount
export const useReady = useOnMount
export const useDidShow = useOnMount

export function useDidHide(_callback: Callback): void {}
export function useUnload(_callback: Callback): void {}

export function usePullDownRefresh(callback: Callback): void {
  useRegistered(pullDownHandlers, callback)
}

export function useReachBottom(callback: Callback): void {
  useRegistered(reachBottomHandlers, callback)
}

type ShareContent = { title?: string; path?: string }
const shareHandlers = new Set<{ current: () => ShareContent }>()

/** What the mounted page would share from the mini-program's ··· menu. */
export function useShareAppMessage(callback: () => ShareContent): void {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    shareHandlers.add(ref)
    return () => {
      shareHandlers.delete(ref)
    }
  }, [])
}

/** The user shares the page from the ··· menu: what it hands WeChat. */
export function shareAppMessage(): ShareContent | undefined {
  return [...shareHandlers].at(-1)?.current()
}

export function useRouter(): { path: string; params: Record<string, string> } {
  return { path: Current.page?.path ?? '', params: routerParams }
}

/** Sets the query that pages rendered next read with useRouter (e.g. `{ id }`). */
export function setRouterParams(params: Record<string, string>): void {
  routerParams = params
}

/** The user pulls the page down. */
export function pullDown(): void {
  for (const handler of pullDownHandlers) handler.current()
}

/** The user scrolls to the end of the page. */
export function reachBottom(): void {
  for (const handler of reachBottomHandlers) handler.current()
}
