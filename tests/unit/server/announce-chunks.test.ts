// Issue 20: a campaign's announcement goes out from system.tick in bounded chunks of subscribers
// (ANNOUNCE_PER_TICK), resumable: a tick killed between chunks, or inside one after sending it,
// leaves the next tick to carry on, and in the end every subscriber has the message once. On
// the cloud adapter a tick stays under 300 requests to the database. Both adapters.
import { afterEach, describe, expect, it } from 'vitest'
import { noMediaStorage } from '../../../server/media/media-storage'
import { createOutboxNotifier, type Notifier } from '../../../server/notify/notifier'
import type { Store } from '../../../server/store/store'
import { ANNOUNCE_PER_TICK, runTick } from '../../../server/system/tick'
import { startedEmulator } from '../../emulator/harness'
import { buildTestTown, NOW, who } from '../../helpers/factories'
import { openStoreWithCloud, storeKinds } from '../../helpers/store-adapters'

const SUBSCRIBERS = 120
const KEY = 'c-town|votingOpened'
const logger = { info: () => {}, error: () => {} }

describe.each(storeKinds)('campaign announcements in chunks (%s)', (kind) => {
  let store: Store

  afterEach(() => store.close())

  /** Every outbox row of the announcement, by recipient. */
  const outboxRows = async () => {
    const rows: string[] = []
    let after
    for (;;) {
      const page = await store.notify.outbox({ after, limit: 50 })
      rows.push(...page.items.filter((r) => r.dedupeKey.startsWith(`${KEY}|`)).map((r) => r.userId))
      if (!page.next) return rows
      after = page.next
    }
  }

  const totalRequests = () =>
    [...(startedEmulator()?.actionCounts().values() ?? [])].reduce((a, b) => a + b, 0)

  it('sends 50 a tick, resumes after a kill between chunks and inside one, each subscriber once', async () => {
    const town = buildTestTown()
    for (let i = 0; i < SUBSCRIBERS; i++)
      town.users.push({
        id: `usr-sub-${String(i).padStart(3, '0')}`,
        openid: `sub-${i}`,
        nickname: `订阅者${i}`,
        staffRole: null,
        createdAt: NOW - 86_400_000,
      })
    const opened = await openStoreWithCloud(kind, town)
    store = opened.store
    for (let i = 0; i < SUBSCRIBERS; i++)
      await store.campaigns.setSubscription(
        'c-town',
        `usr-sub-${String(i).padStart(3, '0')}`,
        true,
        NOW,
      )
    // A resident subscribed to every campaign in their scope counts too.
    await store.campaigns.setSubscriptionToAll(`u-${who.residentA}`, true, NOW)

    const outbox = createOutboxNotifier(store)
    /** What each tick sent, chunk by chunk; a plan of failures stands in for the kill. */
    let sent: number[] = []
    let plan: ('ok' | 'killBefore' | 'killAfter')[] = []
    const notifier: Notifier = {
      async send(n) {
        const step = plan.shift() ?? 'ok'
        if (step === 'killBefore') throw new Error('killed before the chunk')
        if (n.key === KEY) sent.push(n.recipients.length)
        await outbox.send(n)
        if (step === 'killAfter') throw new Error('killed after the chunk, before its progress')
      },
    }
    const tick = async () => {
      const before = totalRequests()
      const report = await runTick({ store, notifier, media: noMediaStorage, logger }, NOW)
      return { report, requests: totalRequests() - before }
    }

    // Tick 1: the first chunk goes out, then the process dies before the second.
    plan = ['ok', 'killBefore']
    const first = await tick()
    expect(sent).toEqual([ANNOUNCE_PER_TICK])
    expect(first.report.announced).toBe(0)
    expect(await outboxRows()).toHaveLength(50)

    // Tick 2: it resumes at the second chunk.
    sent = []
    plan = ['killAfter']
    await tick()
    expect(sent).toEqual([50])
    // SQLite rolls the chunk's unit of work back with the failure; the cloud keeps what it wrote.
    expect(await outboxRows()).toHaveLength(kind === 'sqlite' ? 50 : 100)

    // Tick 3: the second chunk again (its progress was never saved): nobody gets a second row.
    sent = []
    const third = await tick()
    expect(sent).toEqual([50])
    let rows = await outboxRows()
    expect(rows).toHaveLength(100)
    expect(new Set(rows).size).toBe(100)

    // Tick 4: the last 21 of the 121 (120 subscribers of the campaign and resident A), then
    // nothing more.
    sent = []
    const fourth = await tick()
    expect(sent).toEqual([21])
    rows = await outboxRows()
    expect(new Set(rows).size).toBe(rows.length)
    expect(rows).toHaveLength(SUBSCRIBERS + 1)
    expect(rows).toContain(`u-${who.residentA}`)
    expect(third.report.announced + fourth.report.announced).toBe(1)
    sent = []
    const fifth = await tick()
    expect(sent).toEqual([])
    expect(fifth.report.announced).toBe(0)
    expect(await outboxRows()).toHaveLength(SUBSCRIBERS + 1)

    if (kind === 'cloud')
      for (const t of [first, third, fourth, fifth]) expect(t.requests).toBeLessThanOrEqual(300)
  }, 300_000)
})
