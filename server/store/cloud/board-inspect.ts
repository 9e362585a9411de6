// Inspections on the cloud database: versions with deterministic `_id`s, the per-(round,
// household) "current" document naming the latest one, and the reads built on those.
import type { InspectableRow, InspectionRecord, ScoreRow, Store } from '../store'
import {
  clientKey,
  currentDoc,
  currentKey,
  currentOfRound,
  householdColumns,
  inspectionDoc,
  inspectionKey,
  inspectionViews,
} from './board-docs'
import {
  all,
  allOf,
  byIds,
  claimKey,
  getDoc,
  householdView,
  householdViews,
  isDuplicate,
  loadPlaces,
  pageRows,
} from './docs'
import { houseSortKey } from '../../places/house-order.rules'
import { enteredItems, scoringCriteria } from './inspection-items'
import type { CloudDb, Doc, Transaction } from './sdk'

type BoardRepo = Store['board']

/** Another transaction took the version this one computed (the platform reports a conflict). */
class VersionTaken extends Error {}

/**
 * Adds the next version of a household's inspection inside the caller's transaction: reads the
 * current document by `_id`, adds version+1 under its deterministic `_id` and moves the current
 * document to it. A clientId is claimed in the same transaction (UniqueViolation on reuse).
 */
export async function addVersion(
  tx: Transaction,
  r: Omit<InspectionRecord, 'version' | 'reason'>,
  appeal: boolean,
): Promise<Doc> {
  if (r.clientId) await claimKey(tx, clientKey(r.clientId), r.id, 'inspections.client_id')
  const currentRef = tx.collection('inspection_current').doc(currentKey(r.roundId, r.householdId))
  const current = await getDoc(currentRef)
  const household = await getDoc(tx.collection('households').doc(r.householdId))
  const inspector = await getDoc(tx.collection('users').doc(r.inspectorId))
  const version = current ? Number(current.version) + 1 : 1
  const reason = appeal ? 'appeal' : version === 1 ? 'first' : 'reinspect'
  // Written without the count (never by the handlers) it is -1, as in the SQLite adapter.
  const doc = {
    ...inspectionDoc({ ...r, version }, reason, r.deductedItems ?? -1),
    inspectorName: inspector ? String(inspector.nickname) : null,
  }
  try {
    await tx.collection('inspections').add({ data: doc })
  } catch (e) {
    if (isDuplicate(e)) throw new VersionTaken()
    throw e
  }
  await currentRef.set({ data: currentDoc(doc, household) })
  return doc
}

/** Runs a transaction that adds a version, again when a concurrent one took the same version. */
export async function withVersionRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run()
    } catch (e) {
      if (!(e instanceof VersionTaken) || attempt >= 9) throw e
    }
  }
}

export function inspectPart(
  db: CloudDb,
): Pick<
  BoardRepo,
  | 'scores'
  | 'scoreSummary'
  | 'roundItems'
  | 'inspectables'
  | 'inspections'
  | 'byClientId'
  | 'addInspection'
> {
  return {
    async scores(roundId, villageId) {
      const currents = await currentOfRound(db, roundId, villageId ? { villageId } : {})
      const places = await loadPlaces(db)
      const households = await householdViews(
        db,
        currents.map((c) => String(c.householdId)),
        places,
      )
      return currents.flatMap((c): ScoreRow[] => {
        const h = households.get(String(c.householdId))
        if (!h || (villageId && h.villageId !== villageId)) return []
        return [
          {
            householdId: h.id,
            ...householdColumns(h, places),
            total: Number(c.total),
            deductedItems: Number(c.deductedItems),
          },
        ]
      })
    },
    async scoreSummary(roundId, villageId) {
      // One aggregate, whatever the size of the round.
      const _ = db.command
      const { list } = await db
        .collection('inspection_current')
        .aggregate()
        .match(villageId ? { roundId, villageId } : { roundId })
        .group({ _id: null, n: _.aggregate.sum(1), sum: _.aggregate.sum('$total') })
        .limit(1)
        .end()
      return { inspected: Number(list[0]?.n ?? 0), sum: Number(list[0]?.sum ?? 0) }
    },
    async roundItems(roundId) {
      const currents = await currentOfRound(db, roundId)
      const keys = currents.map((c) =>
        inspectionKey(roundId, String(c.householdId), Number(c.version)),
      )
      const versions = await byIds(db, 'inspections', keys)
      const criteria = await scoringCriteria(
        db,
        [...versions.values()].flatMap((d) =>
          (d.items as { criterionId: string }[]).map((i) => i.criterionId),
        ),
      )
      return keys.flatMap((key) => {
        const doc = versions.get(key)
        if (!doc) return []
        return enteredItems(doc, criteria).map((i) => ({
          householdId: String(doc.householdId),
          criterionId: i.criterionId,
          points: i.points,
          deductions: i.deductions,
          note: i.note,
        }))
      })
    },
    async inspectables(q) {
      const _ = db.command
      const grids = q.gridIds === null ? undefined : { gridId: _.in(q.gridIds) }
      const [docs, places, currents] = await Promise.all([
        allOf(db, 'households', grids),
        loadPlaces(db),
        currentOfRound(db, q.roundId, grids),
      ])
      const latest = new Map(currents.map((c) => [String(c.householdId), c]))
      const inScope = docs.map((d) => householdView(d, places))
      // SQLite's LIKE folds the case of ASCII letters only.
      const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase())
      const keyword = q.keyword ? fold(q.keyword) : undefined
      const rows = inScope
        .filter(
          (h) =>
            (!q.groupId || h.groupId === q.groupId) &&
            (!keyword || fold(h.headName).includes(keyword) || fold(h.houseNo).includes(keyword)) &&
            (q.done === undefined || latest.has(h.id) === q.done),
        )
        .map((h): InspectableRow => {
          const c = latest.get(h.id)
          return {
            householdId: h.id,
            headName: h.headName,
            houseNo: h.houseNo,
            villageName: h.villageName,
            groupId: h.groupId,
            groupName: h.groupName,
            total: c ? Number(c.total) : null,
            version: c ? Number(c.version) : null,
          }
        })
      const usedGroups = new Set(inScope.map((h) => h.groupId))
      const villageSort = (id: string) => places.villages.get(id)?.sort ?? 0
      const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
      const groups = [...places.groups.values()]
        .filter((g) => !g.archivedAt && usedGroups.has(g.id) && places.villages.has(g.villageId))
        .sort(
          (a, b) =>
            villageSort(a.villageId) - villageSort(b.villageId) ||
            cmp(a.villageId, b.villageId) ||
            a.sort - b.sort ||
            cmp(a.id, b.id),
        )
        .map((g) => ({
          id: g.id,
          name: g.name,
          villageName: places.villages.get(g.villageId)?.name ?? '',
        }))
      return {
        ...pageRows(
          rows,
          (r) => houseSortKey(r.houseNo),
          (r) => r.householdId,
          'asc',
          q.after,
          q.limit,
        ),
        total: inScope.length,
        doneCount: inScope.filter((h) => latest.has(h.id)).length,
        groups,
      }
    },
    async inspections(roundId, householdId) {
      const docs = await all(
        db
          .collection('inspections')
          .where({ roundId, householdId })
          .orderBy('version', 'desc')
          .orderBy('_id', 'desc'),
      )
      return inspectionViews(db, docs)
    },
    async byClientId(clientId) {
      const { data } = await db.collection('inspections').where({ clientId }).limit(1).get()
      return (await inspectionViews(db, data))[0] ?? null
    },
    async addInspection(inspection) {
      const { reason, ...rest } = inspection
      const doc = await withVersionRetry(() =>
        db.runTransaction((tx) => addVersion(tx, rest, reason === 'appeal')),
      )
      return (await inspectionViews(db, [doc]))[0] as NonNullable<
        Awaited<ReturnType<BoardRepo['addInspection']>>
      >
    },
  }
}
