// Parts of the cloud Store that only rarely used actions (and the timer) call: 志愿活动, 广播稿,
// 门牌码, the roster and the board's publish job. Each is a stand-in whose methods load the
// real part on first call (server/lazy/load.ts), so that the cloud function's cold start does
// not carry their code; the methods and their answers are the real part's.
import {
  loadActivitiesStore,
  loadBroadcastStore,
  loadDoorplatesStore,
  loadPublishStore,
  loadRosterStore,
} from '../../lazy/load'
import { lazyMethods } from '../../lazy/methods'
import type { ActivitiesRepo, BroadcastRepo, DoorplateRepo, Store } from '../store'
import { PUBLISH_AT_ONCE, type publishJobPart as jobPart } from './board-publish-job'
import type { CloudDb } from './sdk'

export function activitiesRepo(db: CloudDb): ActivitiesRepo {
  return lazyMethods(() => loadActivitiesStore().then((m) => m.activitiesRepo(db)), {
    create: true,
    get: true,
    update: true,
    cancel: true,
    list: true,
    signUp: true,
    cancelSignup: true,
    signup: true,
    signups: true,
    recipients: true,
    waitingPosition: true,
    checkIn: true,
    adjust: true,
    creditDue: true,
    credit: true,
    reminderDue: true,
    claimReminder: true,
    setNotice: true,
    mine: true,
    totals: true,
    householdCredits: true,
    villageActivities: true,
    participants: true,
    code: true,
    ensureCode: true,
    codeOwner: true,
  })
}

export function broadcastRepo(db: CloudDb): BroadcastRepo {
  return lazyMethods(() => loadBroadcastStore().then((m) => m.broadcastRepo(db)), {
    script: true,
    saveScript: true,
    clearScript: true,
    schedule: true,
    play: true,
    unschedule: true,
    markPlayed: true,
    plays: true,
    month: true,
  })
}

export function doorplatesRepo(db: CloudDb): DoorplateRepo {
  return lazyMethods(() => loadDoorplatesStore().then((m) => m.doorplatesRepo(db)), {
    byCode: true,
    of: true,
    issue: true,
    reissue: true,
    markPrinted: true,
    setImage: true,
    unplated: true,
  })
}

export function rosterRepo(db: CloudDb): Store['roster'] {
  return lazyMethods(() => loadRosterStore().then((m) => m.rosterRepo(db)), {
    entries: true,
    apply: true,
  })
}

type PublishJobPart = ReturnType<typeof jobPart>

/**
 * The board's publish job. Whether a round is published as a job is answered at once (the
 * threshold is a constant of board-publish-job.ts, which index.js keeps beside progressOf).
 */
export function publishJobPart(db: CloudDb): PublishJobPart {
  const steps = lazyMethods<Omit<PublishJobPart, 'publishesInChunks'>>(
    () => loadPublishStore().then((m) => m.publishJobPart(db)),
    {
      boundUsers: true,
      startPublish: true,
      publishJobs: true,
      publishStep: true,
      publishNotices: true,
      publishNoticed: true,
    },
  )
  return { ...steps, publishesInChunks: (inspected) => inspected > PUBLISH_AT_ONCE }
}
