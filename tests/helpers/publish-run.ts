// Publishing a county's round as a job over the emulator, as the timer would drain it, counting
// every invocation (the publish call and each tick): requests the real SDK sent and time taken.
// Optionally one invocation is killed after a number of requests, and the next ticks resume.
// Shared by tests/unit/server/county/publish-job.test.ts and tests/bench/cloud-cost-publish.ts.
import { frozenEntries } from '../../server/seed/board-snapshot'
import { createCloudStore } from '../../server/store/cloud/cloud-store'
import type { BoardEntryRecord, Store } from '../../server/store/store'
import { counted, costRouter } from './cloud-cost'
import { buildCountyTown, countyRounds, countyWho, loadCountyCloud } from './county-board-town'
import { Killed, killableDb } from './killable-db'
import { createCloudTestStore } from './store-adapters'
import type { Router } from '../../server/router'
import type { Snapshot } from '../../server/store/store'

/** A line as compared between runs: everything a line says but the household's names. */
export const lineKey = (e: Omit<BoardEntryRecord, 'roundId'>) =>
  [
    e.list,
    e.position,
    e.householdId,
    e.unitKey,
    e.rank,
    e.score,
    e.deductedItems,
    e.previousScore,
    e.rectifiedAt,
  ].join('|')

export interface Invocation {
  what: string
  requests: number
  ms: number
}

export interface PublishRun {
  households: number
  invocations: Invocation[]
  /** Whether an invocation was killed and the job still completed. */
  resumedAfterKill: boolean
  /** The published lines (lineKey), and those computed by the rules in one go from the town. */
  lines: string[]
  expected: string[]
  /** Progress the admin saw after each tick ("12/40"), while the job ran. */
  progress: string[]
  /** Lines readers got while the job ran (must stay 0: the round is not published yet). */
  visibleMidway: number
  store: Store
}

async function timed(what: string, work: () => Promise<unknown>): Promise<Invocation> {
  const started = performance.now()
  const { requests } = await counted(work)
  return { what, requests, ms: Math.round(performance.now() - started) }
}

/**
 * Builds the county, publishes its open round as a job and drains it with ticks; with
 * `killAfter`, the first ticks run on a handle that dies after that many requests.
 */
export async function runPublishJob(
  households: number,
  options: { killAfter?: number; town?: Snapshot } = {},
): Promise<PublishRun> {
  const town = options.town ?? buildCountyTown(households)
  const { store, cloud } = await createCloudTestStore()
  await loadCountyCloud(store, cloud, town)
  const router = costRouter(store, [countyWho.admin])
  const expectedEntries = frozenEntries(town, countyRounds.open)
  const expect = {
    inspected: households,
    red: expectedEntries.filter((e) => e.list === 'red').length,
    black: expectedEntries.filter((e) => e.list === 'black').length,
  }
  const invocations: Invocation[] = []
  const progress: string[] = []
  let visibleMidway = 0
  invocations.push(
    await timed('board.publish', async () => {
      const answer = await router.handle({
        action: 'board.publish',
        input: { roundId: countyRounds.open, expect },
        openid: countyWho.admin,
      })
      if (!answer.ok) throw new Error(JSON.stringify(answer))
    }),
  )
  let resumedAfterKill = false
  if (options.killAfter !== undefined) {
    const budget = { left: options.killAfter }
    const dying = createCloudStore(killableDb(cloud.db, budget))
    const doomed: Router = costRouter(dying, [countyWho.admin])
    // Ticks on the dying handle until one is killed part-way (tick steps log and go on, so the
    // rest of that tick fails too, as a killed instance's would).
    for (let i = 0; i < 1_000 && budget.left > 0; i++) {
      invocations.push(await timed('tick (killed)', () => doomed.tick()))
      if (!(await jobRunning(store))) break
    }
    resumedAfterKill = budget.left <= 0
  }
  for (let i = 0; i < 10_000 && (await jobRunning(store)); i++) {
    invocations.push(await timed('tick', () => router.tick()))
    const round = await store.unitOfWork(() => store.board.round(countyRounds.open), 'read')
    if (round?.publishing) {
      progress.push(`${round.publishing.villagesDone}/${round.publishing.villagesTotal}`)
      if (round.status === 'open')
        visibleMidway += (await store.board.entries({ roundId: countyRounds.open })).length
    }
  }
  // Both in the order the store reads lines back: by list, then position.
  const lines = (await store.board.entries({ roundId: countyRounds.open })).map(lineKey)
  return {
    households,
    invocations,
    resumedAfterKill: resumedAfterKill && lines.length > 0,
    lines,
    expected: [...expectedEntries]
      .sort((a, b) => (a.list < b.list ? -1 : a.list > b.list ? 1 : a.position - b.position))
      .map(lineKey),
    progress,
    visibleMidway,
    store,
  }
}

async function jobRunning(store: Store): Promise<boolean> {
  const jobs = await store.unitOfWork(() => store.board.publishJobs(), 'read')
  const failed = jobs.find((j) => j.failed !== null)
  if (failed) throw new Error(`the publish job failed: ${failed.failed}`)
  return jobs.length > 0
}

export { Killed }
