// Uploaded files' records on the cloud database: one document per file, `_id` = the media id
// (which the reserved cloud path ends with, so one path has one record).
import type { MediaRecord, Store } from '../store'
import { byIds, fromDoc, GET_MAX, getDoc, toDoc } from './docs'
import type { CloudDb } from './sdk'

// `unused: true` is derived (for where): set while usedAt is null. Documents written before it
// existed have neither field and count as used, so the sweep never takes a file in use.
const mediaFrom = (doc: Record<string, unknown>): MediaRecord => {
  const record = fromDoc<MediaRecord>(doc, ['unused'])
  // Documents written before the cloud upload fields existed read as checked local files.
  return {
    ...record,
    status: record.status ?? 'pass',
    cloudPath: record.cloudPath ?? null,
    fileId: record.fileId ?? null,
    traceId: record.traceId ?? null,
    usedAt: doc.unused === true ? null : (record.usedAt ?? record.createdAt),
  }
}

export function mediaRepo(db: CloudDb): Store['media'] {
  const media = () => db.collection('media')
  return {
    async create(record) {
      await media().add({ data: { ...toDoc(record), unused: record.usedAt === null } })
    },
    async get(id) {
      const doc = await getDoc(media().doc(id))
      return doc ? mediaFrom(doc) : null
    },
    async many(ids) {
      return [...(await byIds(db, 'media', ids)).values()].map(mediaFrom)
    },
    async register(id, file) {
      // Read and write the one document in a transaction: of two registrations of the same
      // slot, only the first sees fileId null.
      return db.runTransaction(async (tx) => {
        const ref = tx.collection('media').doc(id)
        const doc = await getDoc(ref)
        if (!doc || (doc.fileId ?? null) !== null) return false
        await ref.update({ data: { ...file } })
        return true
      })
    },
    async settle(traceId, status) {
      const { data } = await media().where({ traceId, status: 'pending' }).limit(1).get()
      const found = data[0]
      if (!found) return null
      return db.runTransaction(async (tx) => {
        const ref = tx.collection('media').doc(String(found._id))
        const doc = await getDoc(ref)
        // Re-checked by _id inside: a verdict delivered twice settles the record once.
        if (!doc || doc.traceId !== traceId || doc.status !== 'pending') return null
        await ref.update({ data: { status } })
        return mediaFrom({ ...doc, status })
      })
    },
    async markUsed(ids, at) {
      const unique = [...new Set(ids)]
      for (let i = 0; i < unique.length; i += GET_MAX) {
        const _ = db.command
        await media()
          .where({ _id: _.in(unique.slice(i, i + GET_MAX)), unused: true })
          .update({ data: { unused: false, usedAt: at } })
      }
    },
    async unused({ createdBefore, limit }) {
      const _ = db.command
      const { data } = await media()
        .where({ unused: true, createdAt: _.lt(createdBefore) })
        .orderBy('createdAt', 'asc')
        .limit(Math.min(limit, GET_MAX))
        .get()
      return data.map(mediaFrom)
    },
    async removeUnused(id) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection('media').doc(id)
        const doc = await getDoc(ref)
        if (!doc || doc.unused !== true) return false
        await ref.remove()
        return true
      })
    },
    async held(limit) {
      const { data } = await media()
        .where({ status: 'review' })
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(Math.min(limit, GET_MAX))
        .get()
      return data.map(mediaFrom)
    },
    async decide(id, from, to) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection('media').doc(id)
        const doc = await getDoc(ref)
        if (!doc || (doc.status ?? 'pass') !== from) return null
        await ref.update({ data: { status: to } })
        return mediaFrom({ ...doc, status: to })
      })
    },
  }
}
