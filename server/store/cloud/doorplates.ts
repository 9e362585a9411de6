// Doorplates (Store.doorplates) on the cloud database: one document per household, its `_id`
// the household id (one plate per household), `code` under a unique index.
import { UniqueViolation } from '../common'
import type { DoorplateRecord, DoorplateRepo } from '../doorplate-repo'
import { byIds, getDoc, GET_MAX, isDuplicate } from './docs'
import type { CloudDb, Doc } from './sdk'

const DOORPLATES = 'doorplates'

const plateOf = (d: Doc): DoorplateRecord => ({
  householdId: String(d._id),
  code: String(d.code),
  issuedAt: Number(d.issuedAt),
  printedAt: d.printedAt === null || d.printedAt === undefined ? null : Number(d.printedAt),
  imageFileId: d.imageFileId === null || d.imageFileId === undefined ? null : String(d.imageFileId),
})

export function doorplatesRepo(db: CloudDb): DoorplateRepo {
  const plates = () => db.collection(DOORPLATES)
  return {
    async byCode(code) {
      const { data } = await plates().where({ code }).limit(1).get()
      return data[0] ? plateOf(data[0]) : null
    },
    async of(householdIds) {
      return [...(await byIds(db, DOORPLATES, householdIds)).values()].map(plateOf)
    },
    async issue(list) {
      let written = 0
      for (const p of list) {
        const { householdId, ...fields } = p
        try {
          await plates().add({ data: { _id: householdId, ...fields } })
          written += 1
        } catch (e) {
          if (!isDuplicate(e)) throw e
          // A household that has its plate keeps it; otherwise the code was taken.
          if (!(await getDoc(plates().doc(householdId))))
            throw new UniqueViolation('doorplates.code')
        }
      }
      return written
    },
    async reissue(householdId, code, at) {
      const ref = plates().doc(householdId)
      if (!(await getDoc(ref))) return false
      try {
        await ref.update({ data: { code, issuedAt: at, printedAt: null, imageFileId: null } })
      } catch (e) {
        if (isDuplicate(e)) throw new UniqueViolation('doorplates.code')
        throw e
      }
      return true
    },
    async markPrinted(householdIds, at) {
      const _ = db.command
      for (let i = 0; i < householdIds.length; i += GET_MAX) {
        const chunk = householdIds.slice(i, i + GET_MAX)
        await plates()
          .where({ _id: _.in(chunk) })
          .update({ data: { printedAt: at } })
      }
    },
    async setImage(householdId, code, fileId) {
      await plates()
        .where({ _id: householdId, code })
        .update({ data: { imageFileId: fileId } })
    },
    async unplated({ afterId, limit }) {
      const _ = db.command
      const base = db.collection('households')
      const { data } = await (afterId === null ? base : base.where({ _id: _.gt(afterId) }))
        .orderBy('_id', 'asc')
        .limit(Math.min(limit, GET_MAX))
        .field({ _id: true })
        .get()
      const ids = data.map((d) => String(d._id))
      const plated = await byIds(db, DOORPLATES, ids)
      return {
        ids: ids.filter((id) => !plated.has(id)),
        scannedTo: data.length < Math.min(limit, GET_MAX) ? null : (ids[ids.length - 1] ?? null),
      }
    },
  }
}
