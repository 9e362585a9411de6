// Publishing a round's lists as a job on the cloud database, for a county: at 60,000 households
// the lists are tens of thousands of lines, far more than one function invocation may write. The
// job lives on the round document (`job`) and the timer runs one bounded step per invocation:
//
//   collect  pages through the round's current scores by `_id` (publishChunks.collectPages),
//            joins their households and the previous round's scores by `_id`, and stores the
//            compact rows as one board_jobs document per page (written in one request);
//   write    reads the stored rows back (a few requests), computes the lists with the same rules
//            as board.publish (deterministic: same rows, same lists), checks the figures the admin
//            confirmed, and writes the lines of the next villages  under
//            the job's new generation, LINES_PER_ADD to a request (publishChunks.linesPerStep);
//   flip     one transaction: the round still open and still this job's → published, its
//            generation the new one (readers switch from no lists / the old ones at once);
//   notify   (driven by server/board/publish-job.ts, which has the notifier) tells the listed
//            households' members, NOTIFY villages at a time, then the job is removed.
//
// A kill at any point loses nothing: every step first removes what a killed run of the same step
// may have left (the pages from its cursor on, the lines of its villages), then writes, then
// moves the job's cursor in a transaction that checks the job is still the same one. The next
// tick repeats the step; since the stored rows do not change, the lists come out the same.
import { computeLists, toEntryRecords } from '../../board/board.rules'
import { newId } from '../../shared/ids'
import type { ListEntry } from '../../board/board.rules'
import type {
  PublishJobStart,
  PublishNotices,
  PublishProgress,
  RoundRecord,
  ScoreRow,
  Store,
} from '../store'
import { currentKey, entryKey, roundState } from './board-docs'
import { addLines, retiring } from './board-rounds'
import { all, byIds, GET_MAX, getDoc, loadPlaces, toDoc } from './docs'
import type { CloudDb, Doc } from './sdk'

type BoardRepo = Store['board']

/** Above this many inspected households a round is published by the job. */
export const PUBLISH_AT_ONCE = 1_000
/**
 * A step's size: pages of GET_MAX scores one collect step reads (3 requests a page, so 40 pages
 * ≈ 125 requests), and lines one write step writes at most (LINES_PER_ADD to a request, whole
 * villages at a time). Tests make them smaller to get many steps out of a small town.
 */
export const publishChunks = { collectPages: 40, linesPerStep: 15_000 }
/** Stored pages read back per request. */
const PARTS_PER_GET = 20

/** The job as the round document stores it. */
export interface Job {
  id: string
  generation: string
  publishedAt: number
  publicityEndsAt: number
  expect: PublishJobStart['expect']
  previousRoundId: string | null
  phase: 'collect' | 'write' | 'flip' | 'notify'
  /** collect: the last current document read, and pages stored. */
  cursor: string | null
  parts: number
  /** write / notify: the villages in list order, and how many are done. */
  villages: string[]
  villagesTotal: number
  written: number
  notified: number
  failed: string | null
}

/** A collected row: household, names and places, score, deducted items, previous score. */
type Row = [string, string, string, string, string, string, number, number, number, number | null]

const jobOf = (doc: Doc | null): Job | null =>
  doc && doc.job && typeof doc.job === 'object' ? (doc.job as Job) : null

export function progressOf(roundId: string, job: Job): PublishProgress {
  return {
    roundId,
    publishedAt: job.publishedAt,
    publicityEndsAt: job.publicityEndsAt,
    phase: job.phase === 'flip' ? 'write' : job.phase,
    villagesDone: job.phase === 'notify' ? job.notified : job.written,
    villagesTotal: job.villagesTotal,
    failed: job.failed,
  }
}

const plain = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The users bound to each household (approved), earliest first: one query per GET_MAX. */
async function boundUsers(db: CloudDb, householdIds: readonly string[]) {
  const _ = db.command
  const ids = [...new Set(householdIds)]
  const users = new Map<string, string[]>()
  for (let i = 0; i < ids.length; i += GET_MAX) {
    const bound = await all(
      db
        .collection('bindings')
        .where({ householdId: _.in(ids.slice(i, i + GET_MAX)), status: 'approved' })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc'),
    )
    for (const b of bound) {
      const list = users.get(String(b.householdId)) ?? []
      list.push(String(b.userId))
      users.set(String(b.householdId), list)
    }
  }
  return users
}

export function publishJobPart(
  db: CloudDb,
): Pick<
  BoardRepo,
  | 'boundUsers'
  | 'publishesInChunks'
  | 'startPublish'
  | 'publishJobs'
  | 'publishStep'
  | 'publishNotices'
  | 'publishNoticed'
> {
  const _ = db.command
  const rounds = () => db.collection('rounds')

  /** Saves the job (or removes it: null) if the round still carries job `id`; false if not. */
  const saveJob = (roundId: string, id: string, next: Job | null, extra: Doc = {}) =>
    db.runTransaction(async (tx) => {
      const ref = tx.collection('rounds').doc(roundId)
      const job = jobOf(await getDoc(ref))
      if (job?.id !== id) return false
      await ref.update({ data: { job: next === null ? null : _.set(next), ...extra } })
      return true
    })

  async function collect(roundId: string, job: Job): Promise<Job> {
    let cursor = job.cursor
    let finished = false
    const parts: Doc[] = []
    for (let page = 0; page < publishChunks.collectPages && !finished; page++) {
      const { data } = await db
        .collection('inspection_current')
        .where(cursor ? { roundId, _id: _.gt(cursor) } : { roundId })
        .orderBy('_id', 'asc')
        .limit(GET_MAX)
        .get()
      if (data.length < GET_MAX) finished = true
      if (data.length === 0) break
      const ids = data.map((c) => String(c.householdId))
      const households = await byIds(db, 'households', ids)
      const previous = job.previousRoundId
        ? await byIds(
            db,
            'inspection_current',
            ids.map((id) => currentKey(String(job.previousRoundId), id)),
          )
        : new Map<string, Doc>()
      const rows = data.flatMap((c): Row[] => {
        const h = households.get(String(c.householdId))
        if (!h) return []
        const before = previous.get(currentKey(String(job.previousRoundId), String(h._id)))
        return [
          [
            String(h._id),
            String(h.headName),
            String(h.houseNo),
            String(h.villageId),
            String(h.groupId),
            String(h.gridId),
            h.showNameOnRed === true ? 1 : 0,
            Number(c.total),
            Number(c.deductedItems),
            before ? Number(before.total) : null,
          ],
        ]
      })
      const seq = job.parts + parts.length
      parts.push({ _id: `${job.id}:${seq}`, roundId, jobId: job.id, seq, rows })
      cursor = String(data[data.length - 1]?._id)
    }
    // What a killed run of this step may have stored goes first.
    await db
      .collection('board_jobs')
      .where({ jobId: job.id, seq: _.gte(job.parts) })
      .remove()
    if (parts.length > 0) await db.collection('board_jobs').add({ data: parts })
    return {
      ...job,
      cursor,
      parts: job.parts + parts.length,
      phase: finished ? 'write' : 'collect',
    }
  }

  /** The lists from the stored rows (the same every time), and the villages in list order. */
  async function lists(job: Job, round: RoundRecord) {
    const parts: Doc[] = []
    for (let seq = 0; seq < job.parts; seq += PARTS_PER_GET) {
      const { data } = await db
        .collection('board_jobs')
        .where({ jobId: job.id, seq: _.gte(seq) })
        .orderBy('seq', 'asc')
        .limit(PARTS_PER_GET)
        .get()
      parts.push(...data)
    }
    const places = await loadPlaces(db)
    const previous = new Map<string, number>()
    const rows: ScoreRow[] = []
    for (const part of parts)
      for (const [
        id,
        headName,
        houseNo,
        villageId,
        groupId,
        gridId,
        show,
        total,
        deducted,
        before,
      ] of part.rows as Row[]) {
        const village = places.villages.get(villageId)
        const group = places.groups.get(groupId)
        if (!village || !group) continue
        if (before !== null) previous.set(id, before)
        rows.push({
          householdId: id,
          headName,
          houseNo,
          villageId,
          villageName: village.name,
          groupId,
          groupName: group.name,
          gridId,
          villageSort: village.sort,
          groupSort: group.sort ?? 0,
          showNameOnRed: show === 1,
          total,
          deductedItems: deducted,
        })
      }
    const computed = computeLists(rows, round, previous)
    const order = new Map<string, number>()
    for (const r of rows) if (!order.has(r.villageId)) order.set(r.villageId, r.villageSort)
    const villages = [...order].sort(([a, sa], [b, sb]) => sa - sb || plain(a, b)).map(([id]) => id)
    return { rows, computed, villages }
  }

  async function write(roundId: string, job: Job, round: RoundRecord): Promise<Job> {
    const { rows, computed, villages } = await lists(job, round)
    if (job.written === 0 && job.villages.length === 0) {
      const found = {
        inspected: rows.length,
        red: computed.red.length,
        black: computed.black.length,
      }
      if (
        found.inspected !== job.expect.inspected ||
        found.red !== job.expect.red ||
        found.black !== job.expect.black
      )
        return {
          ...job,
          failed: `预览之后检查结果有变化（现在已检查 ${found.inspected} 户，红榜 ${found.red} 户、黑榜 ${found.black} 户），请重新预览后再发布`,
        }
      job = { ...job, villages, villagesTotal: villages.length }
    }
    const byVillage = new Map<string, Doc[]>()
    const entries = toEntryRecords(roundId, computed)
    const lineOf = new Map<string, ListEntry>()
    for (const list of ['red', 'black', 'progress'] as const)
      for (const e of computed[list]) lineOf.set(`${list}:${e.householdId}`, e)
    for (const e of entries) {
      const shown = lineOf.get(`${e.list}:${e.householdId}`) as ListEntry
      const doc = {
        ...toDoc(e),
        headName: shown.headName,
        houseNo: shown.houseNo,
        villageId: shown.villageId,
        villageName: shown.villageName,
        groupId: shown.groupId,
        groupName: shown.groupName,
        gridId: shown.gridId,
        villageSort: shown.villageSort,
        groupSort: shown.groupSort,
        showNameOnRed: shown.showNameOnRed,
        _id: entryKey(roundId, job.generation, e.list, e.householdId),
        generation: job.generation,
      }
      const list = byVillage.get(shown.villageId) ?? []
      list.push(doc)
      byVillage.set(shown.villageId, list)
    }
    const chunk: string[] = []
    let lines = 0
    for (const id of job.villages.slice(job.written)) {
      const n = byVillage.get(id)?.length ?? 0
      if (chunk.length > 0 && (lines + n > publishChunks.linesPerStep || chunk.length >= GET_MAX))
        break
      chunk.push(id)
      lines += n
    }
    // Lines a killed run of this step may have written go first.
    if (chunk.length > 0)
      await db
        .collection('board_entries')
        .where({ roundId, generation: job.generation, villageId: _.in(chunk) })
        .remove()
    await addLines(
      db,
      chunk.flatMap((id) => byVillage.get(id) ?? []),
    )
    const written = job.written + chunk.length
    return { ...job, written, phase: written >= job.villages.length ? 'flip' : 'write' }
  }

  return {
    boundUsers: (ids) => boundUsers(db, ids),
    publishesInChunks: (inspected) => inspected > PUBLISH_AT_ONCE,

    async startPublish(start) {
      const job: Job = {
        id: newId('job'),
        generation: newId('gen'),
        publishedAt: start.publishedAt,
        publicityEndsAt: start.publicityEndsAt,
        expect: start.expect,
        previousRoundId: null,
        phase: 'collect',
        cursor: null,
        parts: 0,
        villages: [],
        villagesTotal: start.villages,
        written: 0,
        notified: 0,
        failed: null,
      }
      const cur = await getDoc(rounds().doc(start.roundId))
      if (cur) {
        const { data } = await rounds()
          .where({ windowStart: _.lt(cur.windowStart) })
          .orderBy('windowStart', 'desc')
          .orderBy('_id', 'desc')
          .limit(1)
          .get()
        job.previousRoundId = data[0] ? String(data[0]._id) : null
      }
      return db.runTransaction(async (tx) => {
        const ref = tx.collection('rounds').doc(start.roundId)
        const doc = await getDoc(ref)
        if (doc?.status !== 'open') return false
        const running = jobOf(doc)
        if (running && running.failed === null) return false
        await ref.update({ data: { job: _.set(job) } })
        return true
      })
    },

    async publishJobs() {
      const docs = await all(
        rounds()
          .where({ 'job.phase': _.exists(true) })
          .orderBy('_id', 'asc'),
      )
      return docs.flatMap((d) => {
        const job = jobOf(d)
        return job ? [progressOf(String(d._id), job)] : []
      })
    },

    async publishStep(roundId) {
      const doc = await getDoc(rounds().doc(roundId))
      const job = jobOf(doc)
      if (!doc || !job || job.failed !== null || job.phase === 'notify')
        return job && doc ? progressOf(roundId, job) : null
      const round = roundState(doc).round
      if (round.status !== 'open') {
        await saveJob(roundId, job.id, { ...job, failed: '这一期榜单已经公布过了' })
        return progressOf(roundId, { ...job, failed: '这一期榜单已经公布过了' })
      }
      if (job.phase === 'collect') {
        const next = await collect(roundId, job)
        await saveJob(roundId, job.id, next)
        return progressOf(roundId, next)
      }
      if (job.phase === 'write') {
        const next = await write(roundId, job, round)
        await saveJob(roundId, job.id, next)
        return progressOf(roundId, next)
      }
      // flip: the round is published with the new generation, in one transaction.
      const notify: Job = { ...job, phase: 'notify', notified: 0 }
      const flipped = await db.runTransaction(async (tx) => {
        const ref = tx.collection('rounds').doc(roundId)
        const now = await getDoc(ref)
        if (jobOf(now)?.id !== job.id || now?.status !== 'open') return false
        const state = roundState(now)
        await ref.update({
          data: {
            status: 'published',
            publishedAt: job.publishedAt,
            publicityEndsAt: job.publicityEndsAt,
            generation: job.generation,
            retired: retiring(state.retired, state.generation),
            job: _.set(notify),
          },
        })
        return true
      })
      if (flipped) await db.collection('board_jobs').where({ jobId: job.id }).remove()
      return progressOf(roundId, flipped ? notify : job)
    },

    async publishNotices(roundId, villages): Promise<PublishNotices | null> {
      const doc = await getDoc(rounds().doc(roundId))
      const job = jobOf(doc)
      if (!job || job.phase !== 'notify') return null
      const slice = job.villages.slice(job.notified, job.notified + Math.min(villages, GET_MAX))
      if (slice.length === 0) return { villages: 0, lines: [] }
      const lines = await all(
        db
          .collection('board_entries')
          .where({
            roundId,
            generation: job.generation,
            villageId: _.in(slice),
            list: _.in(['red', 'black']),
          })
          .orderBy('_id', 'asc'),
      )
      const users = await boundUsers(
        db,
        lines.map((l) => String(l.householdId)),
      )
      const order = new Map(slice.map((id, i) => [id, i]))
      return {
        villages: slice.length,
        lines: lines
          .map((l) => ({
            householdId: String(l.householdId),
            list: l.list as 'red' | 'black',
            score: Number(l.score),
            userIds: users.get(String(l.householdId)) ?? [],
            at: [order.get(String(l.villageId)) ?? 0, l.list === 'red' ? 0 : 1, Number(l.position)],
          }))
          .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.at[2] - b.at[2])
          .map(({ at: _at, ...line }) => line),
      }
    },

    async publishNoticed(roundId, villages) {
      const job = jobOf(await getDoc(rounds().doc(roundId)))
      if (!job || job.phase !== 'notify') return
      const notified = job.notified + villages
      await saveJob(roundId, job.id, notified >= job.villages.length ? null : { ...job, notified })
    },
  }
}
