// Counting what a call costs on the cloud database: the requests the real wx-server-sdk sends to
// this worker's emulator (every database action, transaction step and openapi call), and, for
// comparison, what the router's `identify` of the caller costs by itself.
import { createLogger } from '../../server/logger'
import { createRouter, type Router } from '../../server/router'
import type { Store } from '../../server/store/store'
import { sharedEmulator } from '../emulator/harness'
import { NOW } from './factories'

/** Every request the emulator has served so far (all environments of this worker). */
export async function requestsSoFar(): Promise<number> {
  const { emulator } = await sharedEmulator()
  let n = 0
  for (const count of emulator.actionCounts().values()) n += count
  return n
}

/** Runs `work` and answers what it returned and how many requests (of each action) it sent. */
export async function counted<T>(
  work: () => Promise<T>,
): Promise<{ value: T; requests: number; actions: Record<string, number> }> {
  const { emulator } = await sharedEmulator()
  const before = emulator.actionCounts()
  const value = await work()
  const actions: Record<string, number> = {}
  let requests = 0
  for (const [key, n] of emulator.actionCounts()) {
    const d = n - (before.get(key) ?? 0)
    if (d > 0) actions[key] = d
    requests += d
  }
  return { value, requests, actions }
}

/**
 * The requests of the router's identify step for this caller: one identity read (the user with
 * their binding, household and grid links), as the router makes it for an existing user.
 */
export async function identifyCost(store: Store, openid: string): Promise<number> {
  const { requests } = await counted(() => store.users.identity(openid))
  return requests
}

export interface CallCost {
  requests: number
  /** The requests by action (`database.getDocument WHERE` and the like). */
  actions: Record<string, number>
  identify: number
  ms: number
}

/** A router on `store` at the test clock, with `admins` configured. */
export function costRouter(store: Store, admins: readonly string[]): Router {
  return createRouter({
    store,
    devMode: false,
    adminOpenids: admins,
    clock: () => NOW,
    logger: createLogger({ silent: process.env.COST_LOG !== '1' }),
  })
}

/** Calls an action as `openid` and counts it; throws unless it succeeded. */
export async function callCost(
  router: Router,
  store: Store,
  openid: string,
  action: string,
  input: unknown,
): Promise<CallCost & { data: unknown }> {
  const started = performance.now()
  const { value, requests, actions } = await counted(() => router.handle({ action, input, openid }))
  const ms = Math.round(performance.now() - started)
  if (!value.ok) throw new Error(`${action}: ${JSON.stringify(value)}`)
  return { requests, actions, identify: await identifyCost(store, openid), ms, data: value.data }
}
