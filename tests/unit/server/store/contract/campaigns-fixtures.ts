// Shared by the campaigns' Store contract tests: a town store of either kind, votes and paging.
import type { CloudDb } from '../../../../../server/store/cloud/sdk'
import type { CastVote, Snapshot, Store, VoteOutcome } from '../../../../../server/store/store'
import { NOW, who } from '../../../../helpers/factories'
import { openStoreWithCloud, type StoreKind } from '../../../../helpers/store-adapters'

export const TODAY = '2026-11-26'
export const resA = `u-${who.residentA}`
export const admin = `u-${who.admin}`

/** A store holding the snapshot, with the cloud database behind it when it is the cloud one. */
export async function openTown(
  kind: StoreKind,
  s: Snapshot,
): Promise<{ store: Store; db?: CloudDb }> {
  const { store, cloud } = await openStoreWithCloud(kind, s)
  return cloud ? { store, db: cloud.db } : { store }
}

export const vote = (
  voterId: string,
  householdId: string,
  over: Partial<CastVote> = {},
): CastVote => ({
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
export async function everyPage<T>(
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

/** A vote cast the way campaigns.vote casts it: its ballot read first, then cast on that read. */
export async function castOnBallot(store: Store, v: CastVote): Promise<VoteOutcome> {
  const ballot = await store.campaigns.ballot({
    campaignId: v.campaignId,
    nominationId: v.nominationId,
    voterId: v.voterId,
    voterHouseholdId: v.voterHouseholdId,
    day: v.day,
  })
  if (!ballot) throw new Error(`no campaign ${v.campaignId}`)
  return store.campaigns.castVote(v, ballot)
}
