// Rounds and their frozen lists (board_entries) on the cloud database.
//
// Why the lists are written in generations: publishing (or an appeal's re-inspection) writes a
// whole list, hundreds of documents, but a cloud transaction holds only a handful. So the new
// entries are written first, outside any transaction, under a fresh generation id nobody reads
// yet; then one small transaction re-reads the round by `_id`, re-checks what must still hold
// (the round still open, the appeal still pending, no 已整改 mark or other rewrite landed since
// the marks were copied) and flips the round's `generation` to the new one. Readers only ever
// read the round's current generation, so they see the old lists or the new ones, never a mix.
// A generation that lost (or was replaced) is removed afterwards (a reader that caught the
// replaced one meanwhile sees the round's generation change and reads again); a crash in between
// only leaves unread documents behind.
import { newId } from '../../shared/ids'
import type { BoardEntryRecord, BoardEntryView, Store } from '../store'
import { entryKey, householdColumns, roundState, roundView, roundViews } from './board-docs'
import { addUnique, all, getDoc, householdViews, inBatches, keysetPage, loadPlaces } from './docs'
import { toDoc } from './docs'
import type { CloudDb, Doc, Transaction } from './sdk'

type BoardRepo = Store['board']

const RETRY = Symbol('retry')

/** What a rewrite's transaction decided: flip to the new lists, or keep the old ones. */
export type Outcome<T> = { flip: T } | { keep: T }

/** 已整改 marks of a generation's black list, by household. */
async function rectifiedMarks(db: CloudDb, roundId: string, generation: string) {
  const docs = await all(
    db
      .collection('board_entries')
      .where({ roundId, generation, list: 'black' })
      .orderBy('_id', 'asc'),
  )
  return new Map(
    docs
      .filter((d) => typeof d.rectifiedAt === 'number')
      .map((d) => [String(d.householdId), Number(d.rectifiedAt)]),
  )
}

function dropGeneration(db: CloudDb, roundId: string, generation: string) {
  return db.collection('board_entries').where({ roundId, generation }).remove()
}

/** Writes entries as one generation of a round's lists (snapshot import and rewrites). */
export function writeEntries(
  db: CloudDb,
  generation: string,
  entries: readonly BoardEntryRecord[],
): Promise<void> {
  return inBatches(entries, 20, (e) =>
    db.collection('board_entries').add({
      data: {
        ...toDoc(e),
        _id: entryKey(e.roundId, generation, e.list, e.householdId),
        generation,
      },
    }),
  )
}

/**
 * Replaces a round's frozen lists with `entries` (keeping 已整改 marks of households still on the
 * black list), committing through `commit` inside the flipping transaction: see the top of file.
 */
export async function rewriteLists<T>(
  db: CloudDb,
  roundId: string,
  entries: readonly BoardEntryRecord[],
  commit: (tx: Transaction, round: Doc | null) => Promise<Outcome<T>>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const doc = await getDoc(db.collection('rounds').doc(roundId))
    const before = doc ? roundState(doc) : null
    const marks = before?.generation
      ? await rectifiedMarks(db, roundId, before.generation)
      : new Map<string, number>()
    const generation = newId('gen')
    await writeEntries(
      db,
      generation,
      entries.map((e) => ({
        ...e,
        roundId,
        rectifiedAt: e.list === 'black' ? (marks.get(e.householdId) ?? null) : null,
      })),
    )
    const flipping = db.runTransaction(async (tx) => {
      const ref = tx.collection('rounds').doc(roundId)
      const now = await getDoc(ref)
      const state = now ? roundState(now) : null
      if (state?.generation !== before?.generation || state?.marks !== before?.marks) return RETRY
      const outcome = await commit(tx, now)
      if ('flip' in outcome && now) await ref.update({ data: { generation } })
      return outcome
    })
    const result = await flipping.catch(async (e: unknown) => {
      await dropGeneration(db, roundId, generation)
      throw e
    })
    if (result === RETRY) {
      await dropGeneration(db, roundId, generation)
      if (attempt < 5) continue
      throw new Error(`rewriteLists: round ${roundId} kept changing`)
    }
    if ('keep' in result) {
      await dropGeneration(db, roundId, generation)
      return result.keep
    }
    if (before?.generation) await dropGeneration(db, roundId, before.generation)
    return result.flip
  }
}

/** The generation a round's readers read, or null before its lists are published. */
async function generationOf(db: CloudDb, roundId: string): Promise<string | null> {
  const doc = await getDoc(db.collection('rounds').doc(roundId))
  return doc ? roundState(doc).generation : null
}

/**
 * The lines of a round's current generation in list order. Read again when the generation
 * changed meanwhile: the replaced one is being removed and may be incomplete.
 */
async function currentLines(
  db: CloudDb,
  q: { roundId: string; list?: string; householdId?: string },
): Promise<Doc[]> {
  for (let generation = await generationOf(db, q.roundId); generation;) {
    const where: Doc = { roundId: q.roundId, generation }
    if (q.list) where.list = q.list
    if (q.householdId) where.householdId = q.householdId
    const docs = await all(
      db
        .collection('board_entries')
        .where(where)
        .orderBy('list', 'asc')
        .orderBy('position', 'asc')
        .orderBy('_id', 'asc'),
    )
    const now = await generationOf(db, q.roundId)
    if (now === generation) return docs
    generation = now
  }
  return []
}

export function roundsPart(
  db: CloudDb,
): Pick<
  BoardRepo,
  | 'rounds'
  | 'round'
  | 'previousRound'
  | 'createRound'
  | 'publish'
  | 'entries'
  | 'markRectified'
  | 'withdraw'
> {
  const rounds = () => db.collection('rounds')
  return {
    async rounds(q) {
      const { docs, next } = await keysetPage(db, {
        collection: 'rounds',
        where: q.publishedOnly ? { status: 'published' } : undefined,
        field: 'windowStart',
        direction: 'desc',
        after: q.after,
        limit: q.limit,
      })
      return { items: await roundViews(db, docs), next }
    },
    round: (id) => roundView(db, id),
    async previousRound(id) {
      const cur = await getDoc(rounds().doc(id))
      if (!cur) return null
      const { data } = await rounds()
        .where({ windowStart: db.command.lt(cur.windowStart) })
        .orderBy('windowStart', 'desc')
        .orderBy('_id', 'desc')
        .limit(1)
        .get()
      return (await roundViews(db, data))[0] ?? null
    },
    async createRound(round) {
      // The unique month index refuses a second round of a month.
      await addUnique(rounds(), { ...toDoc(round), generation: null, marks: 0 }, 'rounds.month')
    },
    async publish(roundId, at, entries) {
      const doc = await getDoc(rounds().doc(roundId))
      if (doc?.status !== 'open') return false
      return rewriteLists<boolean>(db, roundId, entries, async (tx, round) => {
        if (round?.status !== 'open') return { keep: false }
        await tx
          .collection('rounds')
          .doc(roundId)
          .update({ data: { status: 'published', ...at } })
        return { flip: true }
      })
    },
    async withdraw(roundId, publishedAt) {
      const before = await getDoc(rounds().doc(roundId))
      const generation = before ? roundState(before).generation : null
      const done = await db.runTransaction(async (tx) => {
        const ref = tx.collection('rounds').doc(roundId)
        const doc = await getDoc(ref)
        if (doc?.status !== 'published' || doc.publishedAt !== publishedAt) return false
        if (roundState(doc).generation !== generation) return false
        await ref.update({
          data: { status: 'open', publishedAt: null, publicityEndsAt: null, generation: null },
        })
        return true
      })
      if (done && generation) await dropGeneration(db, roundId, generation)
      return done
    },
    async entries(q) {
      const docs = await currentLines(db, q)
      const places = await loadPlaces(db)
      const households = await householdViews(
        db,
        docs.map((d) => String(d.householdId)),
        places,
      )
      return docs.flatMap((d): BoardEntryView[] => {
        const h = households.get(String(d.householdId))
        if (!h || (q.villageId && h.villageId !== q.villageId)) return []
        return [
          {
            roundId: String(d.roundId),
            list: d.list as BoardEntryView['list'],
            householdId: String(d.householdId),
            position: Number(d.position),
            unitKey: String(d.unitKey),
            unitName: String(d.unitName),
            rank: Number(d.rank),
            score: Number(d.score),
            deductedItems: Number(d.deductedItems),
            previousScore: typeof d.previousScore === 'number' ? d.previousScore : null,
            rectifiedAt: typeof d.rectifiedAt === 'number' ? d.rectifiedAt : null,
            ...householdColumns(h, places),
          },
        ]
      })
    },
    async markRectified(roundId, householdId, at) {
      // The round's `marks` goes up with the line, in one transaction: a concurrent rewrite of
      // the lists sees it changed and copies the marks again (rewriteLists).
      return db.runTransaction(async (tx) => {
        const ref = tx.collection('rounds').doc(roundId)
        const doc = await getDoc(ref)
        const state = doc ? roundState(doc) : null
        if (!state?.generation) return false
        const line = tx
          .collection('board_entries')
          .doc(entryKey(roundId, state.generation, 'black', householdId))
        const entry = await getDoc(line)
        if (!entry || typeof entry.rectifiedAt === 'number') return false
        await line.update({ data: { rectifiedAt: at } })
        await ref.update({ data: { marks: state.marks + 1 } })
        return true
      })
    },
  }
}
