// 大喇叭 (Store.broadcast) on the cloud database: scripts by notice id, plays by their
// deterministic id (a village, day and notice scheduled once).
import type { BroadcastRepo, PlayRecord, PlayView } from '../broadcast-repo'
import { allOf, byIds, getDoc, isDuplicate, keysetPage } from './docs'
import type { CloudDb, Doc } from './sdk'

const SCRIPTS = 'broadcast_scripts'
const PLAYS = 'broadcast_plays'

const playOf = (d: Doc): PlayRecord => ({
  id: String(d._id),
  villageId: String(d.villageId),
  day: String(d.day),
  noticeId: String(d.noticeId),
  scheduledBy: String(d.scheduledBy),
  createdAt: Number(d.createdAt),
  playedAt: d.playedAt === null || d.playedAt === undefined ? null : Number(d.playedAt),
  playedBy: d.playedBy === null || d.playedBy === undefined ? null : String(d.playedBy),
})

export function broadcastRepo(db: CloudDb): BroadcastRepo {
  const _ = db.command
  const views = async (docs: Doc[]): Promise<PlayView[]> => {
    const plays = docs.map(playOf)
    const [villages, notices] = await Promise.all([
      byIds(
        db,
        'villages',
        plays.map((p) => p.villageId),
      ),
      byIds(
        db,
        'notices',
        plays.map((p) => p.noticeId),
      ),
    ])
    return plays.map((p) => ({
      ...p,
      villageName: String(villages.get(p.villageId)?.name ?? ''),
      title: String(notices.get(p.noticeId)?.title ?? ''),
    }))
  }
  return {
    async script(noticeId) {
      const d = await getDoc(db.collection(SCRIPTS).doc(noticeId))
      return d
        ? {
            noticeId,
            text: String(d.text),
            updatedBy: String(d.updatedBy),
            updatedAt: Number(d.updatedAt),
          }
        : null
    },
    async saveScript({ noticeId, ...fields }) {
      await db.collection(SCRIPTS).doc(noticeId).set({ data: fields })
    },
    async clearScript(noticeId) {
      const ref = db.collection(SCRIPTS).doc(noticeId)
      if (await getDoc(ref)) await ref.remove()
    },
    async schedule(plays) {
      let added = 0
      for (const { id, ...fields } of plays) {
        try {
          await db.collection(PLAYS).add({ data: { _id: id, ...fields } })
          added += 1
        } catch (e) {
          if (!isDuplicate(e)) throw e
        }
      }
      return added
    },
    async play(id) {
      const d = await getDoc(db.collection(PLAYS).doc(id))
      return d ? ((await views([d]))[0] ?? null) : null
    },
    async unschedule(id) {
      const { stats } = await db.collection(PLAYS).where({ _id: id, playedAt: null }).remove()
      return stats.removed > 0
    },
    async markPlayed(id, at, by) {
      const { stats } = await db
        .collection(PLAYS)
        .where({ _id: id, playedAt: null })
        .update({ data: { playedAt: at, playedBy: by } })
      return stats.updated > 0
    },
    async plays(q) {
      const day = q.to === null ? _.gte(q.from) : _.and([_.gte(q.from), _.lte(q.to)])
      const { docs, next } = await keysetPage(db, {
        collection: PLAYS,
        where: { villageId: q.villageId, day },
        field: 'day',
        direction: 'asc',
        after: q.after,
        limit: q.limit,
      })
      return { items: await views(docs), next }
    },
    async month({ from, to }) {
      const docs = await allOf(db, PLAYS, { day: _.and([_.gte(from), _.lte(to)]) })
      const byVillage = new Map<string, { villageId: string; scheduled: number; played: number }>()
      for (const p of docs.map(playOf)) {
        const row = byVillage.get(p.villageId) ?? {
          villageId: p.villageId,
          scheduled: 0,
          played: 0,
        }
        row.scheduled += 1
        if (p.playedAt !== null) row.played += 1
        byVillage.set(p.villageId, row)
      }
      return [...byVillage.values()]
    },
  }
}
