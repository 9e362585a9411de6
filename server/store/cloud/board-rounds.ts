// Rounds and their frozen lists (board_entries) on the cloud database.
//
// Why the lists are written in generations: publishing (or an appeal's re-inspection) writes a
// whole list, hundreds of documents, but a cloud transaction holds only a handful. So the new
// entries are written first, outside any transaction, under a fresh generation id nobody reads
// yet; then one small transaction re-reads the round by `_id`, re-checks what must still hold
// (the round still open, the appeal still pending, no 已整改 mark or other rewrite landed since
// the marks were copied) and flips the round's `generation` to the new one. Readers only ever
// read the round's current generation, so they see the old lists or the new ones, never a mix.
// A generation that lost is removed at once (nobody read it); one that was replaced or withdrawn
// is retired: kept RETIRED_KEEP_MS on the round's `retired` list, then removed by the timer
// (dropRetired), so a reader that read the round just before the flip still reads all of it —
// and a list read is one query after the round, whose generation the caller passes back
// (RoundView.listsVersion). A crash in between only leaves unread documents behind.
//
// Every line carries what it shows (the household's village, group, grid, names, consent) so
// that a village's list is one query by round + generation + village; a household's change is
// copied onto its lines (refreshHouseholdCopies in board-docs).
import { newId } from '../../shared/ids'
import type { BoardEntryRecord, BoardEntryView, Store } from '../store'
import {
  entryKey,
  householdColumns,
  lineView,
  RETIRED_KEEP_MS,
  roundState,
  roundView,
  roundViews,
  type RetiredGeneration,
} from './board-docs'
import { addUnique, all, getDoc, groupsOf, householdViews, keysetPage, loadPlaces } from './docs'
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

/** Lines written by one add (the SDK sends them in one request). */
export const LINES_PER_ADD = 100

/**
 * Writes entries as one generation of a round's lists (snapshot import, rewrites and the publish
 * job), each line with what it shows; entries of households that no longer exist are left out.
 */
export async function writeEntries(
  db: CloudDb,
  generation: string,
  entries: readonly BoardEntryRecord[],
): Promise<void> {
  if (entries.length === 0) return
  const places = await loadPlaces(db)
  const docs: Doc[] = []
  for (let i = 0; i < entries.length; i += LINES_PER_ADD) {
    const chunk = entries.slice(i, i + LINES_PER_ADD)
    const households = await householdViews(
      db,
      chunk.map((e) => e.householdId),
      places,
    )
    for (const e of chunk) {
      const h = households.get(e.householdId)
      if (!h) continue
      docs.push({
        ...toDoc(e),
        ...householdColumns(h, places),
        _id: entryKey(e.roundId, generation, e.list, e.householdId),
        generation,
      })
    }
  }
  await addLines(db, docs)
}

/** Adds line documents LINES_PER_ADD to a request. */
export async function addLines(db: CloudDb, docs: readonly Doc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += LINES_PER_ADD)
    await db.collection('board_entries').add({ data: docs.slice(i, i + LINES_PER_ADD) })
}

/** The round's retired generations with `generation` added (retired now). */
export function retiring(retired: readonly RetiredGeneration[], generation: string | null) {
  return generation ? [...retired, { generation, at: Date.now() }] : [...retired]
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
      if ('flip' in outcome && now && state)
        await ref.update({
          data: { generation, retired: retiring(state.retired, state.generation) },
        })
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
    return result.flip
  }
}

/** The generation a round's readers read, or null before its lists are published. */
async function generationOf(db: CloudDb, roundId: string): Promise<string | null> {
  const doc = await getDoc(db.collection('rounds').doc(roundId))
  return doc ? roundState(doc).generation : null
}

/**
 * The lines of one generation in list order (one query for a village's or a household's lines).
 * The generation was current when its round was read: a replaced one is kept long enough
 * (RETIRED_KEEP_MS) for this read to find all of it.
 */
function linesOf(
  db: CloudDb,
  generation: string,
  q: { roundId: string; list?: string; villageId?: string; householdId?: string },
): Promise<Doc[]> {
  const where: Doc = { roundId: q.roundId, generation }
  if (q.villageId) where.villageId = q.villageId
  if (q.list) where.list = q.list
  if (q.householdId) where.householdId = q.householdId
  return all(
    db
      .collection('board_entries')
      .where(where)
      .orderBy('list', 'asc')
      .orderBy('position', 'asc')
      .orderBy('_id', 'asc'),
  )
}

/** Removes retired generations older than RETIRED_KEEP_MS before `now`; answers how many. */
export async function dropRetired(db: CloudDb, now: number): Promise<number> {
  let dropped = 0
  const rounds = await all(db.collection('rounds').orderBy('_id', 'asc'))
  for (const doc of rounds) {
    const due = roundState(doc).retired.filter((r) => r.at <= now - RETIRED_KEEP_MS)
    if (due.length === 0) continue
    for (const r of due) await dropGeneration(db, String(doc._id), r.generation)
    const gone = new Set(due.map((r) => r.generation))
    await db.runTransaction(async (tx) => {
      const ref = tx.collection('rounds').doc(String(doc._id))
      const now = await getDoc(ref)
      if (!now) return
      const left = roundState(now).retired.filter((r) => !gone.has(r.generation))
      await ref.update({ data: { retired: left } })
    })
    dropped += due.length
  }
  return dropped
}

/**
 * Each village's inspected households and their scores' sum in a round: one grouping aggregate
 * over the "current" documents, which carry the household's village (refreshHouseholdCopies).
 */
async function villageScores(db: CloudDb, roundId: string): Promise<Map<string, [number, number]>> {
  const $ = db.command.aggregate
  const groups = await groupsOf(() =>
    db
      .collection('inspection_current')
      .aggregate()
      .match({ roundId })
      .group({ _id: '$villageId', n: $.sum(1), sum: $.sum('$total') }),
  )
  return new Map(
    groups
      .filter((g) => typeof g._id === 'string')
      .map((g) => [String(g._id), [Number(g.n), Number(g.sum)]]),
  )
}

/**
 * Each village's red and black lines in one generation of a round's lists: one grouping
 * aggregate over the lines, which carry their household's village. Lines written before they
 * did (no villageId) are read and joined with their households.
 */
async function villageLines(
  db: CloudDb,
  roundId: string,
  generation: string,
): Promise<Map<string, [number, number]>> {
  const _ = db.command
  const $ = _.aggregate
  const listed = { roundId, generation, list: _.in(['red', 'black']) }
  const groups = await groupsOf(() =>
    db
      .collection('board_entries')
      .aggregate()
      .match(listed)
      .group({
        _id: '$villageId',
        red: $.sum($.cond({ if: $.eq(['$list', 'red']), then: 1, else: 0 })),
        black: $.sum($.cond({ if: $.eq(['$list', 'black']), then: 1, else: 0 })),
      }),
  )
  const out = new Map<string, [number, number]>()
  const add = (villageId: string, red: number, black: number) => {
    const [r, b] = out.get(villageId) ?? [0, 0]
    out.set(villageId, [r + red, b + black])
  }
  for (const g of groups) if (typeof g._id === 'string') add(g._id, Number(g.red), Number(g.black))
  if (groups.some((g) => typeof g._id !== 'string')) {
    const bare = await all(
      db
        .collection('board_entries')
        .where({ ...listed, villageId: _.exists(false) })
        .orderBy('_id', 'asc'),
    )
    const households = await householdViews(
      db,
      bare.map((d) => String(d.householdId)),
    )
    for (const d of bare) {
      const h = households.get(String(d.householdId))
      if (h) add(h.villageId, d.list === 'red' ? 1 : 0, d.list === 'black' ? 1 : 0)
    }
  }
  return out
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
  | 'dropRetired'
  | 'villageSummary'
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
      // The rubric's version goes on the round (versions never change): a round reads as one
      // document. The unique month index refuses a second round of a month.
      const rubric = await getDoc(db.collection('rubrics').doc(round.rubricId))
      const rubricVersion = rubric ? Number(rubric.version) : null
      await addUnique(
        rounds(),
        { ...toDoc(round), generation: null, marks: 0, retired: [], rubricVersion },
        'rounds.month',
      )
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
        const state = roundState(doc)
        if (state.generation !== generation) return false
        await ref.update({
          data: {
            status: 'open',
            publishedAt: null,
            publicityEndsAt: null,
            generation: null,
            retired: retiring(state.retired, generation),
          },
        })
        return true
      })
      return done
    },
    dropRetired: (now) => dropRetired(db, now),
    async entries(q) {
      const generation =
        q.listsVersion !== undefined ? q.listsVersion : await generationOf(db, q.roundId)
      if (!generation) return []
      const docs = await linesOf(db, generation, q)
      // Lines written before they carried what they show are joined with their households.
      const bare = docs.filter((d) => typeof d.villageId !== 'string')
      if (bare.length === 0) return docs.map(lineView)
      const places = await loadPlaces(db)
      const households = await householdViews(
        db,
        bare.map((d) => String(d.householdId)),
        places,
      )
      return docs.flatMap((d): BoardEntryView[] => {
        if (typeof d.villageId === 'string') return [lineView(d)]
        const h = households.get(String(d.householdId))
        if (!h || (q.villageId && h.villageId !== q.villageId)) return []
        return [lineView({ ...d, ...householdColumns(h, places) })]
      })
    },
    async villageSummary(roundId, listsVersion) {
      const generation = listsVersion !== undefined ? listsVersion : await generationOf(db, roundId)
      const [scores, lines] = await Promise.all([
        villageScores(db, roundId),
        generation ? villageLines(db, roundId, generation) : new Map<string, [number, number]>(),
      ])
      const ids = new Set([...scores.keys(), ...lines.keys()])
      return [...ids].map((villageId) => ({
        villageId,
        inspected: scores.get(villageId)?.[0] ?? 0,
        sum: scores.get(villageId)?.[1] ?? 0,
        red: lines.get(villageId)?.[0] ?? 0,
        black: lines.get(villageId)?.[1] ?? 0,
      }))
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
