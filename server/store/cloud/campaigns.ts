// Campaigns, nominations, votes and the notification outbox on the cloud database.
import type { CampaignsRepo, NotifyRepo, Snapshot } from '../store'
import { pending } from './pending'
import type { CloudDb } from './sdk'

export function campaignsRepo(_db: CloudDb): CampaignsRepo {
  return pending('campaigns')
}

export function notifyRepo(_db: CloudDb): NotifyRepo {
  return pending('notify')
}

/** Writes the snapshot's campaigns, nominations and votes (with their slots and counters). */
export async function loadCampaigns(_db: CloudDb, _snapshot: Snapshot): Promise<void> {
  throw new Error('loadCampaigns: not built yet')
}
