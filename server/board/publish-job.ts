// The timer's part of publishing a round as a job (Store.board.publishStep and friends; the
// cloud adapter at county size): one bounded step of each running job per tick — collect,
// write, flip — then the listed households are told, NOTIFY_VILLAGES villages a step, through
// the notifier (deduplicated by key, so a step repeated after a kill tells nobody twice).
import type { Notifier } from '../notify/notifier'
import type { Store } from '../store/store'
import { publishedNotice } from './publish.actions'

/** Villages whose listed households one step tells. */
export const NOTIFY_VILLAGES = 20

/** Runs one step of every running publish job; answers how many steps ran. */
export async function drainPublishJobs(deps: {
  store: Store
  notifier: Notifier
}): Promise<number> {
  const { store, notifier } = deps
  const jobs = await store.unitOfWork(() => store.board.publishJobs(), 'read')
  let steps = 0
  for (const job of jobs) {
    if (job.failed !== null) continue
    steps++
    if (job.phase !== 'notify') {
      await store.unitOfWork(() => store.board.publishStep(job.roundId), 'write')
      continue
    }
    await store.unitOfWork(async () => {
      const round = await store.board.round(job.roundId)
      const batch = await store.board.publishNotices(job.roundId, NOTIFY_VILLAGES)
      if (!round || !batch) return
      for (const line of batch.lines) {
        if (line.userIds.length === 0) continue
        await notifier.send(
          publishedNotice(
            round,
            job,
            { householdId: line.householdId, list: line.list, total: line.score },
            line.userIds,
          ),
        )
      }
      await store.board.publishNoticed(job.roundId, batch.villages)
    }, 'write')
  }
  return steps
}
