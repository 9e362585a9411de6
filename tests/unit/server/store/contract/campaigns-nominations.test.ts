// The campaigns' Store contract, against both adapters: nominations (limits and candidate
// numbers under concurrency), once-only events and closures, the outbox, subscriptions and lists.
import { describe, expect, it } from 'vitest'
import { UniqueViolation } from '../../../../../server/store/store'
import { DAY, NOW, townWithVoters, who } from '../../../../helpers/factories'
import { storeKinds, closeAfterEach } from '../../../../helpers/store-adapters'
import type { CloudDb } from '../../../../../server/store/cloud/sdk'
import { admin, everyPage, openTown, resA } from './campaigns-fixtures'

describe.each(storeKinds)('campaigns store contract: nominations and the rest (%s)', (kind) => {
  const closing = closeAfterEach()

  it('holds the nominations-per-household limit and one live nomination per household under concurrency', async () => {
    const store = closing((await openTown(kind, townWithVoters(20, 1, 'n'))).store)
    // Resident A nominates for hh-a1; the staff member for no household (limit not theirs).
    const nominate = (i: number, householdId: string, staff = false) =>
      store.campaigns
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
    const store = closing((await openTown(kind, townWithVoters(120, 1, 'k'))).store)
    // All 120 at once on SQLite; 10 at a time on the cloud, where one nominator's 120 take
    // slots of one counter and every approval the campaign's number counter, each in a
    // transaction: 120 contenders exhaust the Store's conflict retries over the emulator, and
    // n contenders cost about n²/2 attempts: 20 at a time took 15 s of CPU here, 10 take 7.
    const batch = kind === 'cloud' ? 10 : 120
    const inBatches = async <T>(run: (i: number) => Promise<T>): Promise<T[]> => {
      const out: T[] = []
      for (let start = 0; start < 120; start += batch)
        out.push(...(await Promise.all(Array.from({ length: batch }, (_, k) => run(start + k)))))
      return out
    }
    const created = await inBatches((i) =>
      store.campaigns.nominate({
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
    )
    expect(created.every((o) => o === 'ok')).toBe(true)
    const decided = await inBatches((i) =>
      store.campaigns.decide(`nom-k-${i}`, {
        status: 'approved',
        reason: null,
        by: admin,
        at: NOW,
      }),
    )
    expect(decided.every(Boolean)).toBe(true)
    const candidates = await everyPage((a) =>
      store.campaigns.candidates({ campaignId: 'c-a', after: a, limit: 45 }),
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
    // The count follows: 120 approved, one withdrawn, one more approved; an edit keeps it.
    const view = await store.campaigns.get('c-a')
    if (!view) throw new Error('c-a is gone')
    const { villageName, candidateCount, ...record } = view
    expect(candidateCount).toBe(120)
    await store.campaigns.save({ ...record, title: '改过的标题' })
    expect(await store.campaigns.get('c-a')).toMatchObject({
      title: '改过的标题',
      villageName,
      candidateCount: 120,
    })
  }, 300_000)

  it('claims an event once, closes a phase once, and writes a notification once', async () => {
    const store = closing((await openTown(kind, townWithVoters(0, 1, 'x'))).store)
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => store.campaigns.claimEvent('c-town', 'votingOpened', NOW)),
    )
    expect(claims.filter(Boolean)).toHaveLength(1)
    const close = () =>
      store.campaigns.closePhase({
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
    const outbox = await everyPage((a) => store.notify.outbox({ after: a, limit: 40 }))
    expect(outbox).toHaveLength(112)
    expect(outbox.slice(0, 2).map((o) => o.id)).toEqual(['o-2', 'o-1'])
    expect(outbox[0]).toMatchObject({ dedupeKey: 'k-2', recipientName: `昵称-${who.residentA}` })
  })

  it('keeps subscriptions per campaign and to all campaigns in scope', async () => {
    const store = closing((await openTown(kind, townWithVoters(0, 1, 'x'))).store)
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
    const store = closing((await openTown(kind, townWithVoters(3, 1, 'x'))).store)
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

  it.runIf(kind === 'cloud')(
    'counts the candidates of a campaign document written before it kept a count',
    async () => {
      const town = await openTown(kind, townWithVoters(3, 1, 'x'))
      const store = closing(town.store)
      const db = town.db as CloudDb
      // c-a has no candidate yet: its one nomination is pending.
      await db
        .collection('campaigns')
        .doc('c-a')
        .update({ data: { candidateCount: db.command.remove() } })
      expect((await store.campaigns.get('c-a'))?.candidateCount).toBe(0)
      const decision = { status: 'approved', reason: null, by: admin, at: NOW } as const
      expect(await store.campaigns.decide('nom-a-pending', decision)).toBe(true)
      expect((await store.campaigns.get('c-a'))?.candidateCount).toBe(1)
      expect((await store.campaigns.list({ villageIds: null, limit: 10 })).items).toMatchObject([
        { id: 'c-a', candidateCount: 1 },
        { id: 'c-town', candidateCount: 2 },
      ])
      // The document still keeps no count (an increment would have started it from nothing).
      const doc = (await db.collection('campaigns').doc('c-a').get()).data
      expect(doc).toMatchObject({ _id: 'c-a', title: expect.any(String) })
      expect(doc).not.toHaveProperty('candidateCount')
    },
  )
})
