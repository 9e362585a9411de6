// What the clock causes, done by a timer and never by a read: the campaigns' phase
// notifications, redelivery of notifications that failed, the expiry of idempotency keys and
// the deletion of uploads no record used within 7 days. WeChat runs it every 5 minutes through the
// `api` function's timer trigger; the local server runs it on an interval. Each step is
// bounded, and each runs in its own unit of work (every store call of this process must: on
// SQLite a statement outside one would land in whatever transaction is open), so one failing
// step does not undo another.
import { campaignPhaseLabels } from '../../contract/campaigns'
import {
  creditDue,
  creditedMinutes,
  REMINDER_LEAD_MS,
  reminderDue,
} from '../activities/activities.rules'
import { wallClock as activityClock } from '../activities/activity-access'
import { wallClock } from '../campaigns/campaign-access'
import { phaseAt } from '../campaigns/campaigns.rules'
import type { Logger } from '../logger'
import type { MediaStorage } from '../media/media-storage'
import { sweepUnusedMedia } from '../media/media-sweep'
import { backfillStep } from '../doorplate/backfill'
import { drainPublishJobs } from '../board/publish-job'
import type { Notifier } from '../notify/notifier'
import type { CampaignView, Store } from '../store/store'

/** How long a write's answer is kept under its idempotency key. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000

/** Most keys one tick expires, failed deliveries it sends again, and uploads it deletes. */
const EXPIRE_PER_TICK = 1_000
const REDELIVER_PER_TICK = 200
const MEDIA_SWEEPS_PER_TICK = 5
/** Households stored before the walking-order key existed, given theirs per tick. */
const SORT_KEYS_PER_TICK = 100
/** Activities one tick reminds and credits: bounded chunks, the rest on the next tick. */
const ACTIVITIES_PER_TICK = 20

export interface TickDeps {
  store: Store
  notifier: Notifier
  media: MediaStorage
  logger: Logger
}

export interface TickReport {
  /** Phase notifications sent (one per campaign and event). */
  announced: number
  /** Failed deliveries sent again. */
  redelivered: number
  /** Idempotency keys forgotten. */
  keysExpired: number
  /** Unused uploads deleted. */
  mediaRemoved: number
  /** Households given their walking-order key (stored before it existed). */
  householdsSorted: number
  /** Activities whose day-before reminder went out. */
  activitiesReminded: number
  /** Ended activities whose checked-in people had their hours credited. */
  activitiesCredited: number
  /** Doorplates given to households that had none. */
  platesIssued: number
  /** Replaced or withdrawn sets of board lines removed (kept a while for readers). */
  listsDropped: number
  /** Steps of board publish jobs run (one per running job). */
  publishSteps: number
}

/** The phase event a campaign is due to announce at `now`, if any. */
function dueEvent(c: CampaignView, now: number): 'votingOpened' | 'resultsPublished' | null {
  const { phase } = phaseAt(c, now)
  return phase === 'voting' ? 'votingOpened' : phase === 'publicity' ? 'resultsPublished' : null
}

/**
 * Sends "voting opened" once voting has begun and "results published" once 公示 has, once per
 * campaign and event: the store's claim decides, so two ticks at once send it once.
 */
async function announce(deps: TickDeps, c: CampaignView, now: number): Promise<boolean> {
  const event = dueEvent(c, now)
  if (!event) return false
  const { store, notifier } = deps
  return store.unitOfWork(async () => {
    if (!(await store.campaigns.claimEvent(c.id, event, now))) return false
    const recipients = await store.campaigns.subscribers(c.id)
    if (recipients.length > 0) {
      await notifier.send({
        event,
        campaignId: c.id,
        recipients,
        key: `${c.id}|${event}`,
        at: now,
        title: event === 'votingOpened' ? `${c.title}开始投票` : `${c.title}结果公示`,
        body:
          event === 'votingOpened'
            ? `投票截止：${wallClock(c.votingEndsAt)}。每个人都可以凭自己的判断投票。`
            : `评选结果已公布，${campaignPhaseLabels.publicity}至 ${wallClock(c.publicityEndsAt)}，如有异议可在公示期内提出。`,
      })
    }
    return true
  }, 'write')
}

/** Campaigns whose 公示 has not ended, newest end first: the only ones with an event due. */
async function* openCampaigns(store: Store, now: number): AsyncGenerator<CampaignView> {
  let after: CampaignView | null = null
  for (;;) {
    const page = await store.unitOfWork(
      () =>
        store.campaigns.list({
          villageIds: null,
          limit: 50,
          after: after ? { at: after.publicityEndsAt, id: after.id } : undefined,
        }),
      'read',
    )
    for (const c of page.items) {
      if (c.publicityEndsAt <= now) return
      yield c
    }
    after = page.items[page.items.length - 1] ?? null
    if (!page.next || !after) return
  }
}

export async function runTick(deps: TickDeps, now: number): Promise<TickReport> {
  const { store, notifier, logger } = deps
  const report: TickReport = {
    announced: 0,
    redelivered: 0,
    keysExpired: 0,
    mediaRemoved: 0,
    householdsSorted: 0,
    activitiesReminded: 0,
    activitiesCredited: 0,
    platesIssued: 0,
    listsDropped: 0,
    publishSteps: 0,
  }
  const step = async (name: string, work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      logger.error('tick step failed', { step: name, error: String(error) })
    }
  }
  await step('announce', async () => {
    for await (const c of openCampaigns(store, now)) {
      if (await announce(deps, c, now)) report.announced++
    }
  })
  await step('remind activities', async () => {
    report.activitiesReminded = await remindActivities(deps, now)
  })
  await step('credit hours', async () => {
    report.activitiesCredited = await creditHours(deps, now)
  })
  await step('redeliver', async () => {
    const { redeliverDue } = notifier
    if (redeliverDue) {
      report.redelivered = await store.unitOfWork(
        () => redeliverDue.call(notifier, now, REDELIVER_PER_TICK),
        'write',
      )
    }
  })
  await step('expire keys', async () => {
    report.keysExpired = await store.unitOfWork(
      () => store.idempotency.expire(now - IDEMPOTENCY_TTL_MS, EXPIRE_PER_TICK),
      'write',
    )
    // Rate-limit counters of windows that have ended.
    await store.unitOfWork(() => store.limits.expire(now, EXPIRE_PER_TICK), 'write')
  })
  await step('house order', async () => {
    report.householdsSorted = await store.unitOfWork(
      () => store.households.fillSortKeys(SORT_KEYS_PER_TICK),
      'write',
    )
  })
  await step('sweep media', async () => {
    for (let sweep = 0; sweep < MEDIA_SWEEPS_PER_TICK; sweep++) {
      const swept = await store.unitOfWork(() => sweepUnusedMedia(store, deps.media, now), 'write')
      report.mediaRemoved += swept.removed.length
      for (const failure of swept.failed) logger.error('unused upload not deleted', failure)
      if (!swept.more) break
    }
  })
  await step('doorplates', async () => {
    report.platesIssued = await backfillStep(store, now)
  })
  await step('publish lists', async () => {
    report.publishSteps = await drainPublishJobs(deps)
  })
  await step('retired lists', async () => {
    report.listsDropped = await store.unitOfWork(() => store.board.dropRetired(now), 'write')
  })
  return report
}

/**
 * The day-before reminder of activities starting within 24 hours, to those signed up: once per
 * activity (the store's claim decides), each activity in its own unit.
 */
async function remindActivities(deps: TickDeps, now: number): Promise<number> {
  const { store, notifier } = deps
  const due = await store.unitOfWork(
    // [now, now + 24 h]: the end is included, as reminderDue's rule has it.
    () => store.activities.reminderDue(now, now + REMINDER_LEAD_MS + 1, ACTIVITIES_PER_TICK),
    'read',
  )
  let sent = 0
  for (const a of due) {
    if (!reminderDue(a, now)) continue
    const claimed = await store.unitOfWork(async () => {
      if (!(await store.activities.claimReminder(a.id, now))) return false
      const recipients = await store.activities.recipients(a.id, false)
      if (recipients.length > 0)
        await notifier.send({
          event: 'activityReminder',
          campaignId: null,
          recipients,
          key: `activity:${a.id}|reminder`,
          at: now,
          title: `明天的活动：${a.title}`,
          body: `时间：${activityClock(a.startsAt)}，地点：${a.place}。不能参加请在开始前取消报名。`,
        })
      return true
    }, 'write')
    if (claimed) sent++
  }
  return sent
}

/**
 * Hours for activities that have ended: every checked-in person gets the activity's duration
 * (rounded to half hours), once (the activity is marked credited in the same step).
 */
async function creditHours(deps: TickDeps, now: number): Promise<number> {
  const { store } = deps
  const due = await store.unitOfWork(
    () => store.activities.creditDue(now, ACTIVITIES_PER_TICK),
    'read',
  )
  let credited = 0
  for (const a of due) {
    if (!creditDue(a, now)) continue
    const minutes = creditedMinutes(a.startsAt, a.endsAt)
    if (await store.unitOfWork(() => store.activities.credit(a.id, minutes, now), 'write'))
      credited++
  }
  return credited
}
