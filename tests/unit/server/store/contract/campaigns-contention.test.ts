// 200 residents voting for one candidate at the same moment, concurrently for real on both
// adapters: on the cloud every vote transaction touches the same nomination document, and the
// emulator fails all but the first committer with DATABASE_TRANSACTION_CONFLICT, as the platform
// does. Every vote must land, once, within its limits. Prints the retries taken and the p99.
import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { townWithVoters } from '../../../../helpers/factories'
import { openStoreWithCloud, storeKinds, closeAfterEach } from '../../../../helpers/store-adapters'
import { vote } from './campaigns-fixtures'

/**
 * SQLite takes 200 at once. On the cloud every vote is a transaction of ten calls over HTTP to
 * the emulator, through the real SDK, and all but one of the contenders for the nomination's
 * counter fail each round: the work grows with the square of the crowd, and the emulator and
 * every simulated instance share this machine's cores. 50 keep the cloud run near a minute.
 */
const votersOf = (kind: string) => (kind === 'cloud' ? 50 : 200)

describe.each(storeKinds)('votes under contention (%s)', (kind) => {
  const VOTERS = votersOf(kind)
  const closing = closeAfterEach()

  it(`${votersOf(kind)} residents voting for one candidate at once all succeed, once each`, async () => {
    const opened = await openStoreWithCloud(kind, townWithVoters(VOTERS, 1, 'rush'))
    const store = closing(opened.store)
    const before = await store.campaigns.tally('c-town')
    const took: number[] = []
    const outcomes = await Promise.all(
      Array.from({ length: VOTERS }, async (_, i) => {
        const started = performance.now()
        const outcome = await store.campaigns.castVote(
          vote(`u-rush-${i}`, `hh-rush-${i}`, { nominationId: 'nom-town-1' }),
        )
        took.push(performance.now() - started)
        return outcome
      }),
    )
    expect(outcomes.filter((o) => o.ok)).toHaveLength(VOTERS)
    const after = await store.campaigns.tally('c-town')
    const first = (t: typeof after) => t.candidates.find((c) => c.nominationId === 'nom-town-1')
    expect((first(after)?.votes ?? 0) - (first(before)?.votes ?? 0)).toBe(VOTERS)
    expect(after.valid - before.valid).toBe(VOTERS)
    // A second vote today by anyone of them is over the limit of one.
    expect(await store.campaigns.castVote(vote('u-rush-0', 'hh-rush-0'))).toMatchObject({
      ok: false,
    })
    took.sort((a, b) => a - b)
    const p = (q: number) => took[Math.min(took.length - 1, Math.floor(q * took.length))] ?? 0
    const stats = opened.cloud?.transactionStats()
    process.stdout.write(
      `${kind}: ${VOTERS} votes on one candidate, median ${p(0.5).toFixed(0)} ms, p99 ${p(0.99).toFixed(0)} ms` +
        (stats ? `, ${stats.conflicts} conflicts retried over ${stats.committed} commits` : '') +
        '\n',
    )
  }, 300_000)
})
