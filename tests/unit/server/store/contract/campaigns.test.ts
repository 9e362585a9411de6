// The campaigns' Store contract, against both adapters: every vote limit holds under
// concurrency, tallies equal the valid vote records, and reads page past 100 (nominations,
// events and the rest: campaigns-nominations.test.ts).
import { describe, expect, it } from 'vitest'
import { castVote } from '../../../../../server/store/cloud/campaigns-votes'
import type { CloudDb } from '../../../../../server/store/cloud/sdk'
import { UniqueViolation } from '../../../../../server/store/store'
import { buildDemoTownship } from '../../../../../server/seed/build-township'
import { DAY, NOW, townWithVoters, who } from '../../../../helpers/factories'
import { storeKinds, closeAfterEach } from '../../../../helpers/store-adapters'
import { admin, everyPage, openTown, resA, TODAY, vote } from './campaigns-fixtures'

describe.each(storeKinds)('campaigns store contract: votes (%s)', (kind) => {
  const closing = closeAfterEach()

  it('lets one voter firing 200 votes at once cast exactly the allowed 3', async () => {
    const t = await openTown(kind, townWithVoters(0, 3, 'x'))
    const store = closing(t.store)
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () =>
        store.campaigns.castVote(vote(resA, 'hh-a1')).catch((e: unknown) => {
          if (e instanceof UniqueViolation) return { ok: false, reason: 'dayLimit' } as const
          throw e
        }),
      ),
    )
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3)
    expect(outcomes.filter((o) => !o.ok && o.reason === 'dayLimit')).toHaveLength(197)
    expect(
      await store.campaigns.usage({
        campaignId: 'c-town',
        voterId: resA,
        voterHouseholdId: 'hh-a1',
        day: TODAY,
      }),
    ).toEqual({ day: 3, perCandidate: { 'nom-town-1': 3 } })
    const mine = await store.campaigns.votes({ voterId: resA, limit: 50 })
    expect(mine.items).toHaveLength(3)
  })

  // On the cloud 40 (20 on each candidate): every vote is a transaction over HTTP to the
  // emulator and contenders for one counter fail all but one per round; at 100 the Store's
  // retries run out on a busy machine (campaigns-contention.test.ts, tests/emulator/README.md).
  const crowd = kind === 'cloud' ? 40 : 100
  it(`counts ${crowd} voters voting at once, and the tally equals the valid vote records`, async () => {
    const t = await openTown(kind, townWithVoters(crowd, 1, 'crowd'))
    const store = closing(t.store)
    const before = await store.campaigns.tally('c-town')
    const outcomes = await Promise.all(
      Array.from({ length: crowd }, (_, i) =>
        store.campaigns.castVote(
          vote(`u-crowd-${i}`, `hh-crowd-${i}`, {
            nominationId: i % 2 ? 'nom-town-1' : 'nom-town-2',
          }),
        ),
      ),
    )
    expect(outcomes.every((o) => o.ok)).toBe(true)
    const after = await store.campaigns.tally('c-town')
    expect(after.valid).toBe(before.valid + crowd)
    // One vote for the first candidate is in the town already.
    expect(after.candidates.map((c) => c.votes)).toEqual([crowd / 2 + 1, crowd / 2])
    // Paged past 100: every vote once, newest first.
    const votes = await everyPage((a) =>
      store.campaigns.votes({ campaignId: 'c-town', after: a, limit: 30 }),
    )
    expect(votes).toHaveLength(crowd + 1)
    expect(new Set(votes.map((v) => v.id)).size).toBe(crowd + 1)
    expect(votes.filter((v) => v.invalidation === null)).toHaveLength(after.valid)
    if (t.db) {
      // The counters against an aggregate over the vote documents themselves.
      const { list } = await t.db
        .collection('votes')
        .aggregate()
        .match({ campaignId: 'c-town' })
        .group({ _id: '$nominationId', n: t.db.command.aggregate.sum(1) })
        .limit(100)
        .end()
      const counted = Object.fromEntries(list.map((r) => [String(r._id), Number(r.n)]))
      expect(Object.fromEntries(after.candidates.map((c) => [c.nominationId, c.votes]))).toEqual(
        counted,
      )
    }
  }, 300_000)

  it('counts per household across two accounts under 一户一票', async () => {
    const s = townWithVoters(0, 1, 'x')
    const town = s.campaigns.find((c) => c.id === 'c-town')!
    town.rules = {
      ...town.rules,
      counting: 'perHousehold',
      votesPerDay: 2,
      votesPerCandidatePerDay: 1,
    }
    s.users.push({
      id: 'u-spouse',
      openid: 'spouse',
      nickname: '配偶',
      staffRole: null,
      createdAt: NOW - DAY,
    })
    s.bindings.push({
      id: 'b-spouse',
      userId: 'u-spouse',
      householdId: 'hh-a1',
      relation: 'member',
      status: 'approved',
      createdAt: NOW - DAY,
      decidedBy: null,
      decidedAt: NOW - DAY,
      reason: null,
    })
    const store = closing((await openTown(kind, s)).store)
    expect(await store.campaigns.castVote(vote(resA, 'hh-a1'))).toEqual({
      ok: true,
      dayUsed: 1,
      candidateUsed: 1,
    })
    // The spouse shares the household's candidate slot and its second day slot.
    expect(await store.campaigns.castVote(vote('u-spouse', 'hh-a1'))).toEqual({
      ok: false,
      reason: 'candidateLimit',
    })
    const racing = await Promise.all([
      store.campaigns.castVote(vote('u-spouse', 'hh-a1', { nominationId: 'nom-town-2' })),
      store.campaigns.castVote(vote(resA, 'hh-a1', { nominationId: 'nom-town-2' })),
    ])
    expect(racing.filter((o) => o.ok)).toHaveLength(1)
    expect(
      await store.campaigns.usage({
        campaignId: 'c-town',
        voterId: 'u-spouse',
        voterHouseholdId: 'hh-a1',
        day: TODAY,
      }),
    ).toEqual({ day: 2, perCandidate: { 'nom-town-1': 1, 'nom-town-2': 1 } })
    // Another day is a new day.
    expect(
      (
        await store.campaigns.castVote(
          vote('u-spouse', 'hh-a1', { day: '2026-11-27', now: NOW + DAY }),
        )
      ).ok,
    ).toBe(true)
  })

  it('refuses votes outside voting and for non-candidates', async () => {
    const store = closing((await openTown(kind, townWithVoters(0, 1, 'x'))).store)
    expect(await store.campaigns.castVote(vote(resA, 'hh-a1', { now: NOW + 6 * DAY }))).toEqual({
      ok: false,
      reason: 'notVoting',
    })
    expect(
      await store.campaigns.castVote(vote(resA, 'hh-a1', { nominationId: 'nom-a-pending' })),
    ).toEqual({ ok: false, reason: 'notCandidate' })
    const v = vote(resA, 'hh-a1')
    expect((await store.campaigns.castVote(v)).ok).toBe(true)
    await expect(
      store.campaigns.castVote({ ...v, day: '2026-11-28', now: NOW + 1 }),
    ).rejects.toBeInstanceOf(UniqueViolation)
  })

  it('invalidates a vote once, taking it off the tally', async () => {
    const store = closing((await openTown(kind, townWithVoters(0, 1, 'x'))).store)
    const before = await store.campaigns.tally('c-town')
    expect(before).toMatchObject({ valid: 1, invalidated: 0 })
    await store.campaigns.invalidate('vote-b-1', { reason: '刷票', by: admin, at: NOW })
    await expect(
      store.campaigns.invalidate('vote-b-1', { reason: '再次', by: admin, at: NOW + 1 }),
    ).rejects.toBeInstanceOf(UniqueViolation)
    expect(await store.campaigns.tally('c-town')).toMatchObject({ valid: 0, invalidated: 1 })
    const v = await store.campaigns.vote('vote-b-1')
    expect(v).toMatchObject({
      candidateNumber: 1,
      candidateName: '李大强',
      voterName: `昵称-${who.residentB}`,
      householdName: '赵四',
      invalidation: { reason: '刷票', at: NOW, byName: `昵称-${who.admin}` },
    })
    expect(await store.campaigns.integrityVotes('c-town')).toEqual([])
  })
})

describe('campaigns snapshot import', () => {
  it('loads the demo township with the same candidates, tallies and votes on both adapters', async () => {
    const s = buildDemoTownship(NOW)
    const [sqlite, cloud] = await Promise.all(storeKinds.map((k) => openTown(k, s)))
    try {
      for (const c of s.campaigns) {
        const [a, b] = await Promise.all(
          [sqlite, cloud].map(async ({ store }) => ({
            tally: await store.campaigns.tally(c.id),
            votes: (
              await everyPage((after) =>
                store.campaigns.votes({ campaignId: c.id, after, limit: 40 }),
              )
            ).map((v) => v.id),
            integrity: await store.campaigns.integrityVotes(c.id),
          })),
        )
        expect(b).toEqual(a)
      }
    } finally {
      await Promise.all([sqlite.store.close(), cloud.store.close()])
    }
  })

  it('refuses a seeded vote over a limit, as live votes are', async () => {
    const s = townWithVoters(0, 1, 'x')
    s.votes.push({ ...s.votes[0]!, id: 'vote-b-2', createdAt: NOW - DAY + 1 })
    for (const kind of storeKinds)
      await expect(openTown(kind, s)).rejects.toThrow(/vote-b-2 refused: dayLimit/)
  })
})

describe('cloud castVote when a slot is taken between its read and its add', () => {
  /**
   * A database whose first vote added inside a transaction finds a rival there first: a vote of
   * the same voter and day for another candidate, holding the day slot ours was about to take.
   */
  function racingDb(db: CloudDb): CloudDb {
    let raced = false
    return {
      command: db.command,
      collection: (name) => db.collection(name),
      RegExp: (arg) => db.RegExp(arg),
      runTransaction: (callback, times) =>
        db.runTransaction(
          (tx) =>
            callback({
              rollback: (reason) => tx.rollback(reason),
              collection: (name) => {
                const c = tx.collection(name)
                if (name !== 'votes') return c
                return {
                  doc: (id) => c.doc(id),
                  add: async (arg) => {
                    if (!raced) {
                      raced = true
                      const rival = { ...arg.data, _id: 'rival', nominationId: 'nom-town-2' }
                      await db.collection(name).add({ data: rival })
                    }
                    return c.add(arg)
                  },
                }
              },
            }),
          times,
        ),
    }
  }

  it('runs again and takes the next slot, or answers the limit', async () => {
    for (const [limit, expected] of [
      [2, { ok: true, dayUsed: 2, candidateUsed: 1 }],
      [1, { ok: false, reason: 'dayLimit' }],
    ] as const) {
      const { db } = await openTown('cloud', townWithVoters(0, limit, 'x'))
      const outcome = await castVote(racingDb(db!), vote(resA, 'hh-a1'))
      expect(outcome).toEqual(expected)
    }
  })
})
