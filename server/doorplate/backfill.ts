// Every household gets a doorplate: those created before 户码 existed (or by any path that gave
// none) are found and given one here, a bounded step at a time, each in its own unit of work.
import type { Store } from '../store/store'
import { issuePlates } from './doorplate.actions'

/** Households looked at per step. */
const STEP = 100
/** Where the timer's scan stands between ticks. */
const CURSOR_KEY = 'doorplates.backfillAfter'

/**
 * One step of the scan, continuing where the previous one stopped (and starting over at the
 * end): answers how many plates it issued.
 */
export async function backfillStep(store: Store, now: number): Promise<number> {
  return store.unitOfWork(async () => {
    const afterId = (await store.settings.get(CURSOR_KEY)) || null
    const { ids, scannedTo } = await store.doorplates.unplated({ afterId, limit: STEP })
    const issued = ids.length > 0 ? await issuePlates({ store }, ids, now) : 0
    await store.settings.set(CURSOR_KEY, scannedTo ?? '')
    return issued
  }, 'write')
}

/** The whole scan at once (the local server's start): every household has a plate after it. */
export async function backfillDoorplates(store: Store, now: number): Promise<number> {
  let issued = 0
  await store.unitOfWork(() => store.settings.set(CURSOR_KEY, ''), 'write')
  for (;;) {
    issued += await backfillStep(store, now)
    const cursor = await store.unitOfWork(() => store.settings.get(CURSOR_KEY), 'read')
    if (!cursor) return issued
  }
}
