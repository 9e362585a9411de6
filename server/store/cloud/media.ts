// Uploaded files' records on the cloud database: one document per file, `_id` = the media id
// (which the reserved cloud path ends with, so one path has one record).
import type { MediaRecord, Store } from '../store'
import { byIds, fromDoc, getDoc, toDoc } from './docs'
import type { CloudDb } from './sdk'

const mediaFrom = (doc: Record<string, unknown>): MediaRecord => {
  const record = fromDoc<MediaRecord>(doc)
  // Documents written before the cloud upload fields existed read as checked local files.
  return {
    ...record,
    status: record.status ?? 'pass',
    cloudPath: record.cloudPath ?? null,
    fileId: record.fileId ?? null,
    traceId: record.traceId ?? null,
  }
}

export function mediaRepo(db: CloudDb): Store['media'] {
  const media = () => db.collection('media')
  return {
    async create(record) {
      await media().add({ data: toDoc(record) })
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
  }
}
