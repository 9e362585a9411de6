// Demo data beyond the snapshot: every household's doorplate (random codes, never from the
// seed's generator), 一组 of 柳家村 printed, and a week of 广播安排 for 柳家村 around `now`.
import { shanghaiDay } from '../../contract/time'
import { backfillDoorplates } from '../doorplate/backfill'
import type { Snapshot, Store } from '../store/store'

const DAY = 86_400_000
/** The village and group the demo prints plates for and schedules broadcasts in. */
export const DEMO_BROADCAST_VILLAGE = 'vil-01'
export const DEMO_PRINTED_GROUP = 'vil-01-g1'

export async function seedExtras(store: Store, township: Snapshot, now: number): Promise<void> {
  await backfillDoorplates(store, now)
  const admin = township.users.find((u) => u.staffRole === 'admin')
  const printed = township.households
    .filter((h) => h.groupId === DEMO_PRINTED_GROUP)
    .map((h) => h.id)
  // Two notices 柳家村 hears: its own or the township's, published by now, newest first.
  const notices = township.notices
    .filter(
      (n) =>
        n.status === 'published' &&
        n.publishAt <= now &&
        (n.villageIds.length === 0 || n.villageIds.includes(DEMO_BROADCAST_VILLAGE)),
    )
    .sort((a, b) => b.publishAt - a.publishAt)
    .slice(0, 2)
  // The one who runs 柳家村's loudspeaker marks plays played: its grid worker.
  const villageGrids = new Set(
    township.grids.filter((g) => g.villageId === DEMO_BROADCAST_VILLAGE).map((g) => g.id),
  )
  const player = township.gridWorkers.find((w) => villageGrids.has(w.gridId))?.userId
  await store.unitOfWork(async () => {
    await store.doorplates.markPrinted(printed, now - 2 * DAY)
    if (!admin) return
    // A week: three days back (played, but for one), today, three days ahead.
    const plays = [-3, -2, -1, 0, 1, 2, 3].flatMap((offset) =>
      notices.map((n, i) => {
        const day = shanghaiDay(now + offset * DAY)
        const played = offset < 0 && !(offset === -1 && i === 1)
        return {
          id: `bc:${DEMO_BROADCAST_VILLAGE}:${day}:${n.id}`,
          villageId: DEMO_BROADCAST_VILLAGE,
          day,
          noticeId: n.id,
          scheduledBy: admin.id,
          createdAt: now - 4 * DAY,
          playedAt: played ? now + offset * DAY : null,
          playedBy: played ? (player ?? admin.id) : null,
        }
      }),
    )
    await store.broadcast.schedule(plays)
  }, 'write')
}
