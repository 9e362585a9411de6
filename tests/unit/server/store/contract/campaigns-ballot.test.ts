// Store contract: votes cast on a ballot (the campaign, candidate and the voter's votes of the day
// read first, in one request on the cloud), as campaigns.vote casts them. The limits still hold
// by the unique slot keys, a slot taken after the ballot's read is found at the add, and the
// vote and its count are written together or not at all.
import { describe, expect, it } from 'vitest'
import type { CloudDb, Transaction } from '../../../../../server/store/cloud/sdk'
import { createCloudStore } from '../../../../../server/store/cloud/cloud-store'
import { type Store, UniqueViolation } from '../../../../../server/store/store'
import { DAY, NOW, townWithVoters } from '../../../../helpers/factories'
import { storeKinds, closeAfterEach } from '../../../../helpers/store-adapters'
import { castOnBallot, openTown, resA, TODAY, vote } from './campaigns-fixtures'

const tallyOf = async (store: Store, nominationId: string) =>
  (await store.campaigns.tally('c-town')).candidates.find((c) => c.nominationId === nominationId)
    ?.votes ?? 0

describe.each(storeKinds)('votes on a ballot (%s)', (kind) => {
  const closing = closeAfterEach()

  it('lets one voter firing 60 ballots at once cast exactly the allowed 3', async () => {
    const store = closing((await openTown(kind, townWithVoters(0, 3, 'x'))).store)
    const before = await tallyOf(store, 'nom-town-1')
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, () =>
        castOnBallot(store, vote(resA, 'hh-a1')).catch((e: unknown) => {
          if (e instanceof UniqueViolation) return { ok: false, reason: 'dayLimit' } as const
          throw e
        }),
      ),
    )
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3)
    expect(outcomes.filter((o) => !o.ok && o.reason === 'dayLimit')).toHaveLength(57)
    expect(await tallyOf(store, 'nom-town-1')).toBe(before + 3)
    expect((await store.campaigns.votes({ voterId: resA, limit: 50 })).items).toHaveLength(3)
  })

  it('refuses outside voting and for a non-candidate; no ballot for no campaign', async () => {
    const store = closing((await openTown(kind, townWithVoters(0, 1, 'x'))).store)
    expect(await castOnBallot(store, vote(resA, 'hh-a1', { now: NOW + 6 * DAY }))).toEqual({
      ok: false,
      reason: 'notVoting',
    })
    for (const nominationId of ['nom-a-pending', 'no-such-nomination'])
      expect(await castOnBallot(store, vote(resA, 'hh-a1', { nominationId }))).toEqual({
        ok: false,
        reason: 'notCandidate',
      })
    const q = { nominationId: 'nom-town-1', voterId: resA, voterHouseholdId: 'hh-a1', day: TODAY }
    expect(await store.campaigns.ballot({ ...q, campaignId: 'no-such-campaign' })).toBeNull()
    expect((await store.campaigns.ballot({ ...q, campaignId: 'c-town' }))?.campaign.id).toBe(
      'c-town',
    )
    expect(await store.campaigns.votes({ voterId: resA, limit: 50 })).toMatchObject({ items: [] })
  })

  it('takes the next slot when another vote took the one its ballot saw free', async () => {
    const store = closing((await openTown(kind, townWithVoters(0, 2, 'x'))).store)
    const v = vote(resA, 'hh-a1')
    const ballot = await store.campaigns.ballot({ ...v, nominationId: v.nominationId })
    if (!ballot) throw new Error('no ballot')
    // Another device of the same voter votes between this ballot's read and its cast.
    expect(await store.campaigns.castVote(vote(resA, 'hh-a1'))).toMatchObject({ dayUsed: 1 })
    expect(await store.campaigns.castVote(v, ballot)).toEqual({
      ok: true,
      dayUsed: 2,
      candidateUsed: 2,
    })
    // And a third, on a ballot read before either: the day is full.
    expect(await store.campaigns.castVote(vote(resA, 'hh-a1'), ballot)).toEqual({
      ok: false,
      reason: 'dayLimit',
    })
  })

  it('counts 30 voters voting for one candidate at once, exactly', async () => {
    const store = closing((await openTown(kind, townWithVoters(30, 1, 'rush'))).store)
    const before = await tallyOf(store, 'nom-town-1')
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        castOnBallot(store, vote(`u-rush-${i}`, `hh-rush-${i}`)),
      ),
    )
    expect(outcomes.every((o) => o.ok)).toBe(true)
    expect(await tallyOf(store, 'nom-town-1')).toBe(before + 30)
  }, 120_000)
})

describe('cloud vote on a ballot killed between its two writes', () => {
  /** A database whose transactions die after adding a vote, before counting it. */
  function dyingDb(db: CloudDb): CloudDb {
    const dying = (tx: Transaction): Transaction => ({
      rollback: (reason) => tx.rollback(reason),
      collection: (name) => {
        const c = tx.collection(name)
        if (name !== 'nominations') return c
        return {
          add: (arg) => c.add(arg),
          doc: (id) => ({
            ...c.doc(id),
            get: () => c.doc(id).get(),
            update: () => Promise.reject(new Error('the function instance was stopped')),
          }),
        }
      },
    })
    return {
      command: db.command,
      collection: (name) => db.collection(name),
      RegExp: (arg) => db.RegExp(arg),
      runTransaction: (callback, times) => db.runTransaction((tx) => callback(dying(tx)), times),
    }
  }

  it('leaves neither the vote nor its count, and the same vote cast again counts once', async () => {
    const { store, db } = await openTown('cloud', townWithVoters(0, 1, 'x'))
    try {
      const before = await tallyOf(store, 'nom-town-1')
      const v = vote(resA, 'hh-a1')
      const q = { ...v, nominationId: v.nominationId }
      const dying = createCloudStore(dyingDb(db!))
      const ballot = await dying.campaigns.ballot(q)
      if (!ballot) throw new Error('no ballot')
      await expect(dying.campaigns.castVote(v, ballot)).rejects.toThrow(/stopped/)
      expect(await store.campaigns.votes({ voterId: resA, limit: 50 })).toMatchObject({ items: [] })
      expect(await tallyOf(store, 'nom-town-1')).toBe(before)
      // The voter's one vote of the day is still theirs to cast.
      expect(await castOnBallot(store, v)).toMatchObject({ ok: true, dayUsed: 1 })
      expect(await tallyOf(store, 'nom-town-1')).toBe(before + 1)
    } finally {
      await store.close()
    }
  })
})
