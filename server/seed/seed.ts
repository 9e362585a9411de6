import type { Store } from '../store/store'
import { buildDemoTownship } from './build-township'

/** Loads the demo township into an empty database; leaves a used one alone. */
export async function seedIfEmpty(store: Store, now: number): Promise<boolean> {
  if (!(await store.isEmpty())) return false
  await store.importSnapshot(buildDemoTownship(now))
  return true
}
