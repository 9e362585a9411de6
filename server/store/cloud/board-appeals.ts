// Appeals, a household's history and its red-list consent on the cloud database.
import type { AppealRecord, AppealView, HistoryRow, Store } from '../store'
import { inspectionViews, pendingAppealKey, roundState } from './board-docs'
import { addVersion, withVersionRetry } from './board-inspect'
import { rewriteLists } from './board-rounds'
import {
  addUnique,
  all,
  byIds,
  claimKey,
  fromDoc,
  GET_MAX,
  getDoc,
  householdViews,
  pageRows,
  releaseKey,
  toDoc,
} from './docs'
import type { CloudDb, Doc, Transaction } from './sdk'

type BoardRepo = Store['board']

/**
 * Fields an appeal document carries besides its record: the appellant's nickname (kept up to
 * date by users.update) and the round's title (titles never change), so that a household's
 * appeals read as the appeals and their households.
 */
export const APPEAL_DERIVED = ['appellantName', 'roundTitle'] as const

/** Appeal documents with household, appellant and round (one missing any is left out). */
async function appealViews(db: CloudDb, docs: Doc[]): Promise<AppealView[]> {
  if (docs.length === 0) return []
  // Appeals stored before they carried the names read their users and rounds.
  const nameless = docs.filter((d) => typeof d.appellantName !== 'string')
  const untitled = docs.filter((d) => typeof d.roundTitle !== 'string')
  const [households, users, rounds] = await Promise.all([
    householdViews(
      db,
      docs.map((d) => String(d.householdId)),
    ),
    // byIds sends nothing for no ids.
    byIds(
      db,
      'users',
      nameless.map((d) => String(d.userId)),
    ),
    byIds(
      db,
      'rounds',
      untitled.map((d) => String(d.roundId)),
    ),
  ])
  return docs.flatMap((d) => {
    const household = households.get(String(d.householdId))
    const appellantName =
      typeof d.appellantName === 'string'
        ? d.appellantName
        : users.has(String(d.userId))
          ? String(users.get(String(d.userId))?.nickname)
          : null
    const roundTitle =
      typeof d.roundTitle === 'string'
        ? d.roundTitle
        : rounds.has(String(d.roundId))
          ? String(rounds.get(String(d.roundId))?.title)
          : null
    if (!household || appellantName === null || roundTitle === null) return []
    const a = fromDoc<AppealRecord>(d, APPEAL_DERIVED)
    return [{ ...a, household, appellantName, roundTitle }]
  })
}

/**
 * Adds an appeal with its appellant's nickname and its round's title; a pending one claims its
 * (round, household) in the same transaction.
 */
export function insertAppeal(db: CloudDb, appeal: AppealRecord): Promise<void> {
  return db.runTransaction(async (tx) => {
    if (appeal.status === 'pending')
      await claimKey(
        tx,
        pendingAppealKey(appeal.roundId, appeal.householdId),
        appeal.id,
        'appeals.one_pending',
      )
    // The names it shows, copied in the same transaction (see APPEAL_DERIVED).
    const user = await getDoc(tx.collection('users').doc(appeal.userId))
    const round = await getDoc(tx.collection('rounds').doc(appeal.roundId))
    await addUnique(
      tx.collection('appeals'),
      {
        ...toDoc(appeal),
        ...(user ? { appellantName: String(user.nickname) } : {}),
        ...(round ? { roundTitle: String(round.title) } : {}),
      },
      'appeals.id',
    )
  })
}

export function appealsPart(
  db: CloudDb,
): Pick<
  BoardRepo,
  | 'createAppeal'
  | 'appeal'
  | 'appeals'
  | 'rejectAppeal'
  | 'reinspectAppeal'
  | 'history'
  | 'setShowNameOnRed'
  | 'consent'
> {
  const _ = db.command
  return {
    createAppeal: (appeal) => insertAppeal(db, appeal),
    async appeal(id) {
      const doc = await getDoc(db.collection('appeals').doc(id))
      return doc ? ((await appealViews(db, [doc]))[0] ?? null) : null
    },
    async appeals(q) {
      const where: Doc = {}
      if (q.status) where.status = q.status === 'pending' ? 'pending' : _.neq('pending')
      if (q.roundId) where.roundId = q.roundId
      if (q.householdId) where.householdId = q.householdId
      const base = db.collection('appeals')
      const docs = await all(
        (Object.keys(where).length > 0 ? base.where(where) : base).orderBy('_id', 'asc'),
      )
      const grids = q.gridIds === null ? null : new Set(q.gridIds)
      const views = (await appealViews(db, docs)).filter(
        (a) => !grids || grids.has(a.household.gridId),
      )
      return q.status === 'decided'
        ? pageRows(
            views,
            (a) => a.decidedAt ?? 0,
            (a) => a.id,
            'desc',
            q.after,
            q.limit,
          )
        : pageRows(
            views,
            (a) => a.createdAt,
            (a) => a.id,
            q.status === 'pending' ? 'asc' : 'desc',
            q.after,
            q.limit,
          )
    },
    async rejectAppeal(id, decision) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection('appeals').doc(id)
        const a = await getDoc(ref)
        if (a?.status !== 'pending') return false
        await ref.update({
          data: {
            status: 'rejected',
            reason: decision.reason,
            decidedBy: decision.by,
            decidedAt: decision.at,
          },
        })
        await releaseKey(tx, pendingAppealKey(String(a.roundId), String(a.householdId)))
        return true
      })
    },
    async reinspectAppeal(id, inspection, decision, entries) {
      // The appeal, the new version, the released claim and (with new lists) the round's
      // generation change in one transaction; the lists themselves are written before it.
      const decide = async (tx: Transaction): Promise<Doc | null> => {
        const ref = tx.collection('appeals').doc(id)
        const a = await getDoc(ref)
        if (a?.status !== 'pending') return null
        const saved = await addVersion(tx, inspection, true)
        await ref.update({
          data: {
            status: 'reinspected',
            scoreAfter: saved.total,
            inspectionId: saved.inspectionId,
            decidedBy: decision.by,
            decidedAt: decision.at,
          },
        })
        await releaseKey(tx, pendingAppealKey(String(a.roundId), String(a.householdId)))
        return saved
      }
      const saved = await withVersionRetry(() =>
        entries
          ? rewriteLists<Doc | null>(db, inspection.roundId, entries, async (tx) => {
              const doc = await decide(tx)
              return doc ? { flip: doc } : { keep: null }
            })
          : db.runTransaction(decide),
      )
      return saved ? ((await inspectionViews(db, [saved]))[0] ?? null) : null
    },
    async history(householdId, q) {
      const currents = await all(
        db.collection('inspection_current').where({ householdId }).orderBy('_id', 'asc'),
      )
      const rounds = await byIds(
        db,
        'rounds',
        currents.map((c) => String(c.roundId)),
      )
      const published = currents.filter(
        (c) => rounds.get(String(c.roundId))?.status === 'published',
      )
      const ids = published.map((c) => String(c.roundId))
      const entries: Doc[] = []
      for (let i = 0; i < ids.length; i += GET_MAX) {
        const chunk = ids.slice(i, i + GET_MAX)
        const where = { householdId, roundId: _.in(chunk) }
        entries.push(
          ...(await all(db.collection('board_entries').where(where).orderBy('_id', 'asc'))),
        )
      }
      const rows = published.map((c): HistoryRow => {
        const { round, generation } = roundState(rounds.get(String(c.roundId)) as Doc)
        const lines = entries.filter((e) => e.roundId === round.id && e.generation === generation)
        const line = lines.find((e) => e.list === 'red' || e.list === 'black')
        const black = lines.find((e) => e.list === 'black')
        return {
          roundId: round.id,
          month: round.month,
          title: round.title,
          windowStart: round.windowStart,
          score: Number(c.total),
          list: line?.list === 'red' ? 'red' : line?.list === 'black' ? 'black' : null,
          rectified: typeof black?.rectifiedAt === 'number',
        }
      })
      return pageRows(
        rows,
        (r) => r.windowStart,
        (r) => r.roundId,
        'asc',
        q.after,
        q.limit,
      )
    },
    async consent(householdId) {
      const h = await getDoc(db.collection('households').doc(householdId))
      if (!h) return null
      const setBy = typeof h.consentBy === 'string' ? h.consentBy : null
      const user = setBy ? await getDoc(db.collection('users').doc(setBy)) : null
      return {
        showNameOnRed: h.showNameOnRed === true,
        setBy,
        setByName: user ? String(user.nickname) : null,
        setAt: typeof h.consentAt === 'number' ? h.consentAt : null,
      }
    },
    async setShowNameOnRed(householdId, show, by) {
      await db
        .collection('households')
        .doc(householdId)
        .update({ data: { showNameOnRed: show, consentBy: by.userId, consentAt: by.at } })
      // The lines carry the consent they show.
      await db
        .collection('board_entries')
        .where({ householdId })
        .update({ data: { showNameOnRed: show } })
    },
  }
}
