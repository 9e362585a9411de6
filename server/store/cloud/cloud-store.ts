// The Store on WeChat cloud development's database (wx-server-sdk), one module per area. It is
// given the database object, so the same code runs in the `api` cloud function and, in tests,
// on the real wx-server-sdk against a local CloudBase emulator (tests/emulator).
import type { Store } from '../store'
import { boardRepo, loadBoard } from './board'
import { bulletinRepos, loadBulletin } from './bulletin'
import { campaignsRepo, loadCampaigns, notifyRepo } from './campaigns'
import { idempotencyRepo } from './idempotency'
// 志愿活动, 广播稿 and 门牌码 load on first use (lazy-parts.ts).
import { activitiesRepo, broadcastRepo, doorplatesRepo } from './lazy-parts'
import { limitsRepo } from './limits'
import { loadPeople, peopleRepos } from './people'
import type { CloudDb } from './sdk'
import { type ConflictRetry, retryingConflicts } from './transactions'

export function createCloudStore(platformDb: CloudDb, retry?: ConflictRetry): Store {
  const db = retryingConflicts(platformDb, retry)
  return {
    ...peopleRepos(db),
    ...bulletinRepos(db),
    board: boardRepo(db),
    campaigns: campaignsRepo(db),
    notify: notifyRepo(db),
    activities: activitiesRepo(db),
    doorplates: doorplatesRepo(db),
    broadcast: broadcastRepo(db),
    idempotency: idempotencyRepo(db),
    limits: limitsRepo(db),
    // No cloud transaction spans queries: the work runs as it is (see Store.unitOfWork).
    unitOfWork: (work) => work(),
    attempt: (work) => work(),
    async importSnapshot(snapshot) {
      // Not one transaction (a cloud transaction holds a handful of documents): the seed and
      // tests import into an empty database, in dependency order.
      await loadPeople(db, snapshot)
      await loadBulletin(db, snapshot)
      await loadBoard(db, snapshot)
      await loadCampaigns(db, snapshot)
    },
    async isEmpty() {
      const { data } = await db.collection('villages').limit(1).get()
      return data.length === 0
    },
    async close() {
      // The SDK keeps no connection of ours open.
    },
  }
}
