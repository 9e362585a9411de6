// Fair votes under load, against the real store over HTTP (SQLite, or the cloud adapter with
// STORE=cloud): limits hold when requests arrive all at once, and the tally always equals the
// valid vote records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CampaignResults } from '../../contract/campaigns'
import type { Keyset } from '../../server/store/common'
import type { VoteView } from '../../server/store/store'
import { NOW, townWithVoters, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'
import { apiStoreKind, timeLimit } from '../helpers/store-adapters'

/**
 * 500 on SQLite. On the cloud adapter every vote is a transaction of ten calls through the real
 * SDK to the CloudBase emulator, and all contenders for a nomination's counter but one fail
 * each round: the work grows with the square of the crowd, and the emulator and every
 * simulated function instance share this machine's cores. 60 keep the run within minutes.
 */
const VOTERS = apiStoreKind() === 'cloud' ? 60 : 500

/** The test town with VOTERS more residents of 甲村, three votes each today. */
const crowdedTown = () => townWithVoters(VOTERS, 3, 'crowd')

describe('campaign votes under concurrency', () => {
  let api: TestApi
  const tokens: string[] = []

  beforeAll(async () => {
    api = await startTestApi({ snapshot: crowdedTown(), clock: () => NOW })
    for (let i = 0; i < VOTERS; i += 50)
      tokens.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, VOTERS - i) }, (_, k) => api.login(`crowd-${i + k}`)),
        )),
      )
  }, timeLimit(120_000))
  afterAll(() => api.close())

  /** The vote records themselves, read page by page from the server's store (not the tally). */
  const voteRecords = async (q: { voterId?: string }) => {
    const out: VoteView[] = []
    let after: Keyset | undefined
    for (;;) {
      const page = await api.app.store.campaigns.votes({
        campaignId: 'c-town',
        ...q,
        after,
        limit: 50,
      })
      out.push(...page.items)
      if (!page.next) return out
      after = page.next
    }
  }

  /** The results' valid votes beside the valid vote records counted in the database. */
  const tallies = async () => {
    const admin = await api.login(who.admin)
    const results = await api.data<CampaignResults>(
      'campaigns.results',
      { campaignId: 'c-town' },
      admin,
    )
    const approved = new Set(
      (await api.app.store.campaigns.tally('c-town')).candidates.map((c) => c.nominationId),
    )
    const valid = (await voteRecords({})).filter(
      (v) => v.invalidation === null && approved.has(v.nominationId),
    )
    return { tally: results.validVotes, records: valid.length }
  }

  /**
   * 200 on SQLite; 40 on the cloud adapter, where the caller's rate-limit counter is one
   * document every request increments in a transaction: at 200 at once over the emulator the
   * Store's conflict retries run out and some answer INTERNAL (tests/emulator/README.md).
   */
  const BURST = apiStoreKind() === 'cloud' ? 40 : 200

  it(
    `one resident firing ${BURST} simultaneous votes gets exactly the allowed 3`,
    async () => {
      const token = await api.login(who.residentA)
      const responses = await Promise.all(
        Array.from({ length: BURST }, () =>
          api.post('campaigns.vote', { campaignId: 'c-town', candidateId: 'nom-town-1' }, token),
        ),
      )
      const statuses = responses.map((r) => r.status)
      // 30 writes a minute reach the vote rules: 3 are votes, 27 over the day's limit; the other
      // BURST - 30 are refused by the rate limit before they reach them.
      expect(statuses.filter((s) => s === 200)).toHaveLength(3)
      expect(statuses.filter((s) => s === 409)).toHaveLength(27)
      expect(statuses.filter((s) => s === 429)).toHaveLength(BURST - 30)
      expect(await voteRecords({ voterId: `u-${who.residentA}` })).toHaveLength(3)
      const t = await tallies()
      expect(t.tally).toBe(t.records)
    },
    timeLimit(300_000),
  )

  it('500 residents voting at once raise the total by exactly 500', async () => {
    const before = await tallies()
    const stats0 = api.cloud?.transactionStats()
    const retries0 = api.cloud?.storeRetries() ?? 0
    const responses = await Promise.all(
      tokens.map((token, i) =>
        api.post(
          'campaigns.vote',
          { campaignId: 'c-town', candidateId: i % 2 ? 'nom-town-1' : 'nom-town-2' },
          token,
        ),
      ),
    )
    expect(responses.filter((r) => r.status === 200)).toHaveLength(VOTERS)
    const after = await tallies()
    expect(after.tally - before.tally).toBe(VOTERS)
    expect(after.tally).toBe(after.records)
    if (api.cloud && stats0) {
      const s = api.cloud.transactionStats()
      process.stdout.write(
        `cloud: ${VOTERS} simultaneous votes: ${s.committed - stats0.committed} transactions ` +
          `committed, ${s.conflicts - stats0.conflicts} commits refused as conflicts, ` +
          `${api.cloud.storeRetries() - retries0} of them retried by the Store after a pause ` +
          `(the others by the SDK at once)\n`,
      )
    }
  }, 600_000)
})
