// The campaigns' Store contract, against both adapters: every vote and nomination limit holds
// under concurrency, tallies equal the valid vote records, and reads page past 100.
import { afterEach, describe, expect, it } from 'vitest'
import { loadCampaigns } from '../../../../../server/store/cloud/campaigns'
import { castVote } from '../../../../../server/store/cloud/campaigns-votes'
import { loadPeople } from '../../../../../server/store/cloud/people'
import type { CloudDb } from '../../../../../server/store/cloud/sdk'
import {
  UniqueViolation,
  type CastVote,
  type Snapshot,
  type Store,
} from '../../../../../server/store/store'
import { buildDemoTownship } from '../../../../../server/seed/build-township'
import { DAY, NOW, townWithVoters, who } from '../../../../helpers/factories'
import {
  createCloudTestStore,
  openStore,
  storeKinds,
  type StoreKind,
} from '../../../../helpers/store-adapters'

const TODAY = '2026-11-26'
const resA = `u-${who.residentA}`
const admin = `u-${who.admin}`

/**
 * A store holding the snapshot's people and campaigns. The cloud one loads only those two areas
 * (all this contract reads), so it does not depend on the other areas' loaders.
 */
async function openTown(kind: StoreKind, s: Snapshot): Promise<{ store: Store; db?: CloudDb }> {
  if (kind === 'sqlite') return { store: await openStore(kind, s) }
  const { store, double } = createCloudTestStore()
  const db = double.cloud.database({ throwOnNotFound: false }) as unknown as CloudDb
  await loadPeople(db, s)
  await loadCampaigns(db, s)
  return { store, db }
}

const vote = (voterId: string, householdId: string, over: Partial<CastVote> = {}): CastVote => ({
  id: `v-${Math.random().toString(36).slice(2)}`,
  campaignId: 'c-town',
  nominationId: 'nom-town-1',
  voterId,
  voterHouseholdId: householdId,
  assistedBy: null,
  now: NOW,
  day: TODAY,
  ...over,
})

/** Every page of a paged read, following `next`. */
async function everyPage<T>(
  read: (after: { at: number | string; id: string } | undefined) => Promise<{
    items: T[]
    next: { at: number | string; id: string } | null
  }>,
): Promise<T[]> {
  const out: T[] = []
  let after: { at: number | string; id: string } | undefined
  for (;;) {
    const page = await read(after)
    out.push(...page.items)
    if (!page.next) return out
    after = page.next
  }
}

describe.each(storeKinds)('campaigns store contract (%s)', (kind) => {
  let store: Store | undefined
  afterEach(async () => {
    await store?.close()
    store = undefined
  })

  it('lets one voter firing 200 votes at once cast exactly the allowed 3', async () => {
    const t = await openTown(kind, townWithVoters(0, 3, 'x'))
    store = t.store
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () =>
        store!.campaigns.castVote(vote(resA, 'hh-a1')).catch((e: unknown) => {
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

  it('counts 100 voters voting at once, and the tally equals the valid vote records', async () => {
    const t = await openTown(kind, townWithVoters(100, 1, 'crowd'))
    store = t.store
    const before = await store.campaigns.tally('c-town')
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store!.campaigns.castVote(
          vote(`u-crowd-${i}`, `hh-crowd-${i}`, {
            nominationId: i % 2 ? 'nom-town-1' : 'nom-town-2',
          }),
        ),
      ),
    )
    expect(outcomes.every((o) => o.ok)).toBe(true)
    const after = await store.campaigns.tally('c-town')
    expect(after.valid).toBe(before.valid + 100)
    expect(after.candidates.map((c) => c.votes)).toEqual([51, 50])
    // Paged past 100: every vote once, newest first.
    const votes = await everyPage((a) =>
      store!.campaigns.votes({ campaignId: 'c-town', after: a, limit: 30 }),
    )
    expect(votes).toHaveLength(101)
    expect(new Set(votes.map((v) => v.id)).size).toBe(101)
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
  })

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
    store = (await openTown(kind, s)).store
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
    store = (await openTown(kind, townWithVoters(0, 1, 'x'))).store
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
    store = (await openTown(kind, townWithVoters(0, 1, 'x'))).store
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

  it('holds the nominations-per-household limit and one live nomination per household under concurrency', async () => {
    store = (await openTown(kind, townWithVoters(20, 1, 'n'))).store
    // Resident A nominates for hh-a1; the staff member for no household (limit not theirs).
    const nominate = (i: number, householdId: string, staff = false) =>
      store!.campaigns
        .nominate({
          id: `nom-${i}-${Math.random().toString(36).slice(2)}`,
          campaignId: 'c-a',
          householdId,
          nominatorId: staff ? admin : resA,
          nominatorHouseholdId: staff ? null : 'hh-a1',
          nominatorKey: staff ? `u:${admin}` : 'h:hh-a1',
          // 甲村's campaign already holds one of hh-a1's three slots (nom-a-pending).
          slotLimit: staff ? 1000 : 3,
          story: '事迹',
          photos: [],
          status: 'pending',
          number: null,
          createdAt: NOW + i,
        })
        .catch((e: unknown) => {
          if (e instanceof UniqueViolation) return 'duplicate' as const
          throw e
        })
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => nominate(i, `hh-n-${i}`)),
    )
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2)
    expect(outcomes.filter((o) => o === 'limit')).toHaveLength(18)
    // The same household nominated at once by many: alive once.
    const same = await Promise.all(
      Array.from({ length: 10 }, (_, i) => nominate(100 + i, 'hh-n-19', true)),
    )
    expect(same.filter((o) => o === 'ok')).toHaveLength(1)
    expect(same.filter((o) => o === 'duplicate')).toHaveLength(9)
    // A rejected nomination frees the household for a new one.
    const live = (
      await store.campaigns.nominations({ campaignId: 'c-a', gridIds: null, limit: 50 })
    ).items
    const n19 = live.find((n) => n.householdId === 'hh-n-19')!
    expect(
      await store.campaigns.decide(n19.id, {
        status: 'rejected',
        reason: '不符合',
        by: admin,
        at: NOW,
      }),
    ).toBe(true)
    expect(
      await store.campaigns.decide(n19.id, {
        status: 'approved',
        reason: null,
        by: admin,
        at: NOW,
      }),
    ).toBe(false)
    expect(await nominate(200, 'hh-n-19', true)).toBe('ok')
  })

  it('gives unique candidate numbers under concurrent approvals, and pages candidates past 100', async () => {
    store = (await openTown(kind, townWithVoters(120, 1, 'k'))).store
    const created = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        store!.campaigns.nominate({
          id: `nom-k-${i}`,
          campaignId: 'c-a',
          householdId: `hh-k-${i}`,
          nominatorId: admin,
          nominatorHouseholdId: null,
          nominatorKey: `u:${admin}`,
          slotLimit: 1000,
          story: '事迹',
          photos: [],
          status: 'pending',
          number: null,
          createdAt: NOW + i,
        }),
      ),
    )
    expect(created.every((o) => o === 'ok')).toBe(true)
    const decided = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        store!.campaigns.decide(`nom-k-${i}`, {
          status: 'approved',
          reason: null,
          by: admin,
          at: NOW,
        }),
      ),
    )
    expect(decided.every(Boolean)).toBe(true)
    const candidates = await everyPage((a) =>
      store!.campaigns.candidates({ campaignId: 'c-a', after: a, limit: 45 }),
    )
    expect(candidates.map((c) => c.number)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
    expect((await store.campaigns.tally('c-a')).candidates).toHaveLength(120)
    expect((await store.campaigns.get('c-a'))?.candidateCount).toBe(120)
    // Withdrawn keeps its number; the next approval takes a new one.
    expect(await store.campaigns.withdraw('nom-k-0', { reason: null, by: admin, at: NOW })).toBe(
      true,
    )
    expect(await store.campaigns.withdraw('nom-k-0', { reason: null, by: admin, at: NOW })).toBe(
      false,
    )
    expect(
      await store.campaigns.decide('nom-a-pending', {
        status: 'approved',
        reason: null,
        by: admin,
        at: NOW,
      }),
    ).toBe(true)
    expect((await store.campaigns.nomination('nom-a-pending'))?.number).toBe(121)
  })

  it('claims an event once, closes a phase once, and writes a notification once', async () => {
    store = (await openTown(kind, townWithVoters(0, 1, 'x'))).store
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => store!.campaigns.claimEvent('c-town', 'votingOpened', NOW)),
    )
    expect(claims.filter(Boolean)).toHaveLength(1)
    const close = () =>
      store!.campaigns.closePhase({
        campaignId: 'c-town',
        phase: 'voting',
        at: NOW,
        by: admin,
        reason: '提前结束',
      })
    expect((await Promise.all([close(), close(), close()])).filter(Boolean)).toHaveLength(1)
    expect((await store.campaigns.get('c-town'))?.votingEndsAt).toBe(NOW)
    expect(
      await store.campaigns.closePhase({
        campaignId: 'c-a',
        phase: 'voting',
        at: NOW,
        by: admin,
        reason: 'x',
      }),
    ).toBe(false)
    const note = (id: string, key: string, at: number) => ({
      id,
      dedupeKey: key,
      event: 'votingOpened' as const,
      campaignId: 'c-town',
      userId: resA,
      title: '投票开始',
      body: '去投票',
      createdAt: at,
    })
    await Promise.all([
      store.notify.append([note('o-1', 'k-1', NOW), note('o-2', 'k-2', NOW)]),
      store.notify.append([note('o-3', 'k-1', NOW + 5)]),
    ])
    await store.notify.append(
      Array.from({ length: 110 }, (_, i) => note(`o-x${i}`, `kx-${i}`, NOW - 1 - i)),
    )
    const outbox = await everyPage((a) => store!.notify.outbox({ after: a, limit: 40 }))
    expect(outbox).toHaveLength(112)
    expect(outbox.slice(0, 2).map((o) => o.id)).toEqual(['o-2', 'o-1'])
    expect(outbox[0]).toMatchObject({ dedupeKey: 'k-2', recipientName: `昵称-${who.residentA}` })
  })

  it('keeps subscriptions per campaign and to all campaigns in scope', async () => {
    store = (await openTown(kind, townWithVoters(0, 1, 'x'))).store
    const c = store.campaigns
    await c.setSubscription('c-a', resA, true, NOW)
    await c.setSubscription('c-a', resA, true, NOW)
    expect(await c.isSubscribed('c-a', resA)).toBe(true)
    expect(await c.isSubscribed('c-town', resA)).toBe(false)
    const resB = `u-${who.residentB}`
    await c.setSubscriptionToAll(resB, true, NOW)
    expect(await c.isSubscribedToAll(resB)).toBe(true)
    expect(await c.isSubscribed('c-a', resB)).toBe(true)
    // 乙村's resident is in the township campaign's scope, not in 甲村's.
    expect(await c.subscribers('c-a')).toEqual([resA])
    expect(await c.subscribers('c-town')).toEqual([resB])
    await c.setSubscription('c-a', resA, false, NOW)
    await c.setSubscriptionToAll(resB, false, NOW)
    expect(await c.subscribers('c-town')).toEqual([])
    expect(await c.isSubscribedToAll(resB)).toBe(false)
  })

  it('lists campaigns, nominations, objections and assistees as SQLite does', async () => {
    store = (await openTown(kind, townWithVoters(3, 1, 'x'))).store
    const c = store.campaigns
    const all = await c.list({ villageIds: null, limit: 1 })
    expect(all.items.map((x) => x.id)).toEqual(['c-a'])
    const next = await c.list({ villageIds: null, after: all.next ?? undefined, limit: 1 })
    expect(next.items.map((x) => x.id)).toEqual(['c-town'])
    expect(next.items[0]).toMatchObject({ villageName: null, candidateCount: 2 })
    expect((await c.list({ villageIds: ['vil-b'], limit: 10 })).items.map((x) => x.id)).toEqual([
      'c-town',
    ])
    expect((await c.get('c-a'))?.villageName).toBe('甲村')
    const inGridB = await c.nominations({ gridIds: ['vil-b-grid'], limit: 10 })
    expect(inGridB.items.map((n) => n.id)).toEqual(['nom-town-2'])
    expect(inGridB.items[0]).toMatchObject({
      campaignTitle: '全镇文明家庭评选',
      nominatorName: `昵称-${who.residentA}`,
      household: { headName: '钱多多', villageName: '乙村', gridName: '乙村网格' },
      nominatorHouseholdId: 'hh-a1',
      reason: null,
    })
    const mine = await c.nominationsOf({ userId: resA, householdId: 'hh-a2', limit: 2 })
    expect(mine.items).toHaveLength(2)
    expect(mine.next).not.toBeNull()
    await c.addObjection({
      id: 'obj-1',
      campaignId: 'c-town',
      userId: resA,
      householdId: 'hh-a1',
      text: '有异议',
      createdAt: NOW,
    })
    expect((await c.objections({ campaignId: 'c-town', limit: 5 })).items).toEqual([
      expect.objectContaining({
        id: 'obj-1',
        authorName: `昵称-${who.residentA}`,
        householdName: '张小明',
      }),
    ])
    const inA = await c.assistees({ gridIds: ['vil-a-grid'], villageId: null, name: '', limit: 2 })
    expect(inA.items.map((a) => a.household.houseNo)).toEqual(['东街1号', '北街0号'])
    const rest = await c.assistees({
      gridIds: ['vil-a-grid'],
      villageId: null,
      name: '',
      after: inA.next ?? undefined,
      limit: 10,
    })
    expect(rest.items.map((a) => a.userId)).toEqual(['u-x-1', 'u-x-2'])
    expect(
      (await c.assistees({ gridIds: null, villageId: null, name: '赵', limit: 5 })).items.map(
        (a) => a.userId,
      ),
    ).toEqual([`u-${who.residentB}`])
    expect(await c.integrityVotes('c-town')).toEqual([
      {
        nominationId: 'nom-town-1',
        createdAt: NOW - DAY,
        assisted: false,
        boundAt: NOW - 20 * DAY,
      },
    ])
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
  /** A database whose first day-slot add inside a transaction finds a rival there first. */
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
                if (name !== 'vote_day_slots') return c
                return {
                  doc: (id) => c.doc(id),
                  add: async (arg) => {
                    if (!raced) {
                      raced = true
                      await db.collection(name).add({ data: { ...arg.data, voteId: 'rival' } })
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
