import type { MediaStorage } from '../media/media-storage'
import type { Store } from '../store/store'
import { buildDemoTownship } from './build-township'
import { seedDemoActivities } from './demo-activities'
import { seedExtras } from './demo-extras'
import { writeDemoPhotos } from './demo-photos'

/** Loads the demo township into an empty database; leaves a used one alone. */
export async function seedIfEmpty(
  store: Store,
  now: number,
  media?: MediaStorage,
): Promise<boolean> {
  if (!(await store.isEmpty())) return false
  const township = buildDemoTownship(now)
  await store.importSnapshot(township)
  await seedExtras(store, township, now)
  // The candidates' photos (the snapshot only names them).
  const admin = township.users.find((u) => u.staffRole === 'admin')
  if (media && admin) await writeDemoPhotos(store, media, admin.id, now)
  // 新时代文明实践: activities, sign-ups and credited hours, through the Store's own methods.
  await seedDemoActivities(store, township, now)
  return true
}
