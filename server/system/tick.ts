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
import { loadDoorplates, loadPublish } from '../lazy/load'
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
  /** Phase notifications whose last chunk went out in this tick (one per campaign and event). */
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
 * Recipients one tick announces to, across campaigns: each costs a handful of requests on the
 * cloud (its outbox row, the WeChat send, the outcome, the audit line), so a tick stays under
 * 300 requests; the rest go out on the next ticks.
 */
export const ANNOUNCE_PER_TICK = 50

/** Where an announcement's fan-out has got to, kept in settings between ticks. */
interface AnnounceProgress {
  /** The last user id of the subscriber pages sent; null before the first. */
  after: string | null
  done: boolean
}

const progressKey = (campaignId: string, event: string) => `announce:${campaignId}|${event}`

/**
 * Sends "voting opened" once voting has begun and "results published" once 公示 has, once per
 * campaign and event, in chunks of subscribers by user id. The store's claim starts it (so two
 * ticks at once start it once, and an event announced before chunks existed is not sent
 * again); each chunk is sent, then the progress saved, so a tick killed between chunks resumes
 * at the next one with nobody missed and nobody sent twice. (A kill inside a chunk sends that
 * chunk again: the outbox keeps one row per key and recipient, and WeChat may deliver to those
 * of the chunk already reached a second time.) Answers how many recipients it used of `budget`.
 */
async function announce(
  deps: TickDeps,
  c: CampaignView,
  now: number,
  budget: number,
): Promise<{ used: number; finished: boolean }> {
  const event = dueEvent(c, now)
  if (!event) return { used: 0, finished: false }
  const { store, notifier } = deps
  const key = progressKey(c.id, event)
  const saved = await store.unitOfWork(() => store.settings.get(key), 'read')
  let progress: AnnounceProgress
  if (saved) {
    progress = JSON.parse(saved) as AnnounceProgress
    if (progress.done) return { used: 0, finished: false }
  } else {
    const claimed = await store.unitOfWork(async () => {
      if (!(await store.campaigns.claimEvent(c.id, event, now))) return false
      await store.settings.set(key, JSON.stringify({ after: null, done: false }))
      return true
    }, 'write')
    if (!claimed) return { used: 0, finished: false }
    progress = { after: null, done: false }
  }
  let used = 0
  while (!progress.done && used < budget) {
    const after = progress.after
    const page = await store.unitOfWork(
      () => store.campaigns.subscriberPage(c.id, after, Math.min(budget - used, 100)),
      'read',
    )
    if (page.userIds.length > 0) {
      await store.unitOfWork(
        () =>
          notifier.send({
            event,
            campaignId: c.id,
            recipients: page.userIds,
            key: `${c.id}|${event}`,
            at: now,
            title: event === 'votingOpened' ? `${c.title}开始投票` : `${c.title}结果公示`,
            body:
              event === 'votingOpened'
                ? `投票截止：${wallClock(c.votingEndsAt)}。每个人都可以凭自己的判断投票。`
                : `评选结果已公布，${campaignPhaseLabels.publicity}至 ${wallClock(c.publicityEndsAt)}，如有异议可在公示期内提出。`,
          }),
        'write',
      )
    }
    used += Math.max(page.userIds.length, 1)
    progress = { after: page.next, done: page.next === null }
    const next = progress
    await store.unitOfWork(() => store.settings.set(key, JSON.stringify(next)), 'write')
  }
  return { used, finished: progress.done }
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
    let budget = ANNOUNCE_PER_TICK
    for await (const c of openCampaigns(store, now)) {
      if (budget <= 0) break
      const { used, finished } = await announce(deps, c, now, budget)
      budget -= used
      if (finished) report.announced++
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
    const { backfillStep } = await loadDoorplates()
    report.platesIssued = await backfillStep(store, now)
  })
  await step('publish lists', async () => {
    const { drainPublishJobs } = await loadPublish()
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
