// Publishing a county-sized round on the cloud database as a job the timer drains: every
// invocation stays within 300 requests, the lists appear all at once and equal what the rules
// compute in one go, the admin sees 村 done / total meanwhile, and a kill at any point loses
// nothing — the next ticks resume and the lists come out the same.
import { afterEach, describe, expect, it } from 'vitest'
import { publishChunks } from '../../../../server/store/cloud/board-publish-job'
import type { Store } from '../../../../server/store/store'
import { buildCountyTown } from '../../../helpers/county-board-town'
import { runPublishJob } from '../../../helpers/publish-run'

const HOUSEHOLDS = 3_000
const town = buildCountyTown(HOUSEHOLDS)
// The kills need ticks to fall between, not the county's size: 8 villages, with the small steps
// below, take more ticks than the latest kill's 150 requests (resumedAfterKill says so).
const KILLED_HOUSEHOLDS = 1_200
const killedTown = buildCountyTown(KILLED_HOUSEHOLDS)
const defaults = { ...publishChunks }
let opened: Store[] = []

afterEach(async () => {
  Object.assign(publishChunks, defaults)
  for (const store of opened) await store.close()
  opened = []
})

describe('the publish job on the cloud database', () => {
  it('publishes 3,000 households in bounded invocations, the lists appearing when complete', async () => {
    const run = await runPublishJob(HOUSEHOLDS, { town })
    opened.push(run.store)
    const max = Math.max(...run.invocations.map((i) => i.requests))
    process.stdout.write(
      `${HOUSEHOLDS} households: ${run.invocations.length} invocations, at most ${max} requests\n`,
    )
    expect(max).toBeLessThanOrEqual(300)
    expect(run.invocations.length).toBeGreaterThan(2)
    expect(run.lines.length).toBeGreaterThan(0)
    expect(run.lines).toEqual(run.expected)
    expect(run.visibleMidway).toBe(0)
  }, 300_000)

  it('shows the admin 村 done of total while it writes, 20 villages in all', async () => {
    // Small steps: a few villages' lines per tick.
    Object.assign(publishChunks, { collectPages: 5, linesPerStep: 300 })
    const run = await runPublishJob(HOUSEHOLDS, { town })
    opened.push(run.store)
    // 0/0 while it collects the scores; then written of the 20 villages.
    const counted = run.progress.filter((p) => p !== '0/0')
    const written = counted.map((p) => Number(p.split('/')[0]))
    expect(new Set(counted.map((p) => p.split('/')[1]))).toEqual(new Set(['20']))
    expect(written.some((n) => n > 0 && n < 20)).toBe(true)
    expect(run.lines).toEqual(run.expected)
  }, 300_000)

  it.each([7, 40, 150])(
    'survives a kill after %i requests of its ticks: the next ticks resume, same lists',
    async (killAfter) => {
      Object.assign(publishChunks, { collectPages: 5, linesPerStep: 300 })
      const run = await runPublishJob(KILLED_HOUSEHOLDS, { town: killedTown, killAfter })
      opened.push(run.store)
      expect(run.resumedAfterKill).toBe(true)
      expect(run.lines).toEqual(run.expected)
      expect(Math.max(...run.invocations.map((i) => i.requests))).toBeLessThanOrEqual(300)
    },
    300_000,
  )
})
