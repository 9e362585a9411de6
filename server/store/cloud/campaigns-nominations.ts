// Nominations on the cloud database: per-nominator slots and the live-nomination key as
// deterministic `_id`s, candidate numbers from a per-campaign counter guarded by unique_keys.
import { UniqueViolation } from '../common'
import type { CampaignsRepo } from '../store'
import {
  all,
  claimKey,
  getDoc,
  isDuplicate,
  keysetPage,
  pageRows,
  releaseKey,
  UNIQUE_KEYS,
} from './docs'
import { byIds } from './docs'
import {
  C,
  candidateCountOf,
  ids,
  nominationDoc,
  nominationFromDoc,
  nominationViews,
} from './campaigns-docs'
import type { CloudDb, Transaction } from './sdk'

/**
 * Moves the campaign's candidate counter by `by` in the transaction that approves or withdraws
 * a candidate. A campaign document without a counter (written before it existed) is left
 * without one: its count is then counted when read.
 */
async function countCandidate(tx: Transaction, campaignId: string, by: 1 | -1) {
  const ref = tx.collection(C.campaigns).doc(campaignId)
  const doc = await getDoc(ref)
  const count = doc ? candidateCountOf(doc) : null
  if (count !== null) await ref.update({ data: { candidateCount: count + by } })
}

/** Transactions that lost a race for a deterministic `_id` are run again this often. */
const RETRIES = 3

/** Runs `attempt` again while it fails on a duplicate key; the last failure is UniqueViolation. */
export async function retryOnDuplicate<T>(constraint: string, attempt: () => Promise<T>) {
  for (let i = 1; ; i++) {
    try {
      return await attempt()
    } catch (e) {
      if (!isDuplicate(e) && !(e instanceof UniqueViolation)) throw e
      if (i >= RETRIES) throw e instanceof UniqueViolation ? e : new UniqueViolation(constraint)
    }
  }
}

type NominationMethods = Pick<
  CampaignsRepo,
  'nominate' | 'nomination' | 'nominations' | 'nominationsOf' | 'decide' | 'withdraw'
>

export function nominationMethods(db: CloudDb): NominationMethods {
  const _ = db.command
  const nominations = () => db.collection(C.nominations)
  const page = async (
    where: object,
    after: Parameters<CampaignsRepo['nominations']>[0]['after'],
    limit: number,
  ) => {
    const { docs, next } = await keysetPage(db, {
      collection: C.nominations,
      where: Object.keys(where).length ? where : undefined,
      field: 'createdAt',
      direction: 'desc',
      after,
      limit,
    })
    return { items: await nominationViews(db, docs), next }
  }
  return {
    async nominate(n) {
      // The highest slot taken so far (slots are never freed); re-checked by `_id` inside.
      const { data } = await nominations()
        .where({ campaignId: n.campaignId, nominatorKey: n.nominatorKey })
        .orderBy('nominatorSlot', 'desc')
        .limit(1)
        .get()
      const used = Number(data[0]?.nominatorSlot ?? 0)
      return retryOnDuplicate('nominations_slot', () =>
        db.runTransaction(async (tx) => {
          let slot = used + 1
          while (
            slot <= n.slotLimit &&
            (await getDoc(
              tx
                .collection(C.nominationSlots)
                .doc(ids.nominationSlot(n.campaignId, n.nominatorKey, slot)),
            ))
          )
            slot++
          if (slot > n.slotLimit) return 'limit' as const
          const live = ids.liveNomination(n.campaignId, n.householdId)
          if (await getDoc(tx.collection(UNIQUE_KEYS).doc(live))) return 'duplicate' as const
          await tx.collection(C.nominationSlots).add({
            data: {
              _id: ids.nominationSlot(n.campaignId, n.nominatorKey, slot),
              nominationId: n.id,
            },
          })
          await claimKey(tx, live, n.id, 'nominations_live')
          await tx.collection(C.nominations).add({ data: nominationDoc(n, n.nominatorKey, slot) })
          return 'ok' as const
        }),
      )
    },
    async nomination(id) {
      const doc = await getDoc(nominations().doc(id))
      return doc ? ((await nominationViews(db, [doc]))[0] ?? null) : null
    },
    async nominations(q) {
      const where: Record<string, unknown> = {}
      if (q.campaignId !== undefined) where.campaignId = q.campaignId
      if (q.status !== undefined) where.status = q.status
      if (q.gridIds === null) return page(where, q.after, q.limit)
      // The nominee's grid is the household's, read live: filter in the function.
      const docs = await all(
        (Object.keys(where).length ? nominations().where(where) : nominations()).orderBy(
          '_id',
          'asc',
        ),
      )
      const households = await byIds(
        db,
        'households',
        docs.map((d) => String(d.householdId)),
      )
      const grids = new Set(q.gridIds)
      const inGrids = docs.filter((d) =>
        grids.has(String(households.get(String(d.householdId))?.gridId)),
      )
      const rows = pageRows(
        inGrids,
        (d) => Number(d.createdAt),
        (d) => String(d._id),
        'desc',
        q.after,
        q.limit,
      )
      return { items: await nominationViews(db, rows.items), next: rows.next }
    },
    async nominationsOf(q) {
      const mine = { nominatorId: q.userId }
      const where = q.householdId === null ? mine : _.or([mine, { householdId: q.householdId }])
      return page(where, q.after, q.limit)
    },
    async decide(id, d) {
      return retryOnDuplicate('nominations_number', () =>
        db.runTransaction(async (tx) => {
          const doc = await getDoc(tx.collection(C.nominations).doc(id))
          if (!doc || doc.status !== 'pending') return false
          const n = nominationFromDoc(doc)
          let number: number | null = null
          if (d.status === 'approved') {
            const counter = tx.collection(C.candidateNumbers).doc(n.campaignId)
            const last = await getDoc(counter)
            number = Number(last?.last ?? 0) + 1
            await counter.set({ data: { last: number } })
            await claimKey(tx, ids.candidateNumber(n.campaignId, number), id, 'nominations_number')
            await countCandidate(tx, n.campaignId, 1)
          } else await releaseKey(tx, ids.liveNomination(n.campaignId, n.householdId))
          await tx
            .collection(C.nominations)
            .doc(id)
            .update({
              data: {
                status: d.status,
                reason: d.reason,
                decidedBy: d.by,
                decidedAt: d.at,
                number,
              },
            })
          return true
        }),
      )
    },
    async withdraw(id, d) {
      return db.runTransaction(async (tx) => {
        const doc = await getDoc(tx.collection(C.nominations).doc(id))
        if (!doc || (doc.status !== 'pending' && doc.status !== 'approved')) return false
        await releaseKey(tx, ids.liveNomination(String(doc.campaignId), String(doc.householdId)))
        if (doc.status === 'approved') await countCandidate(tx, String(doc.campaignId), -1)
        await tx
          .collection(C.nominations)
          .doc(id)
          .update({
            data: { status: 'withdrawn', reason: d.reason, decidedBy: d.by, decidedAt: d.at },
          })
        return true
      })
    },
  }
}
