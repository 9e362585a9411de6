import type { DoorplateRecord, DoorplateRepo } from '../doorplate-repo'
import { guardUnique } from './errors'
import { jsonList, type Row, type Sql } from './sql'

const plateFrom = (r: Row): DoorplateRecord => ({
  householdId: String(r.household_id),
  code: String(r.code),
  issuedAt: Number(r.issued_at),
  printedAt: r.printed_at === null ? null : Number(r.printed_at),
  imageFileId: r.image_file_id === null ? null : String(r.image_file_id),
})

export function doorplatesRepo({ prepare, one, all, tx }: Sql): DoorplateRepo {
  return {
    async byCode(code) {
      const r = one('SELECT * FROM doorplates WHERE code = @code', { code })
      return r ? plateFrom(r) : null
    },
    async of(householdIds) {
      return all(
        'SELECT * FROM doorplates WHERE household_id IN (SELECT value FROM json_each(@ids))',
        { ids: jsonList(householdIds) },
      ).map(plateFrom)
    },
    async issue(plates) {
      const insert = prepare(
        `INSERT INTO doorplates (household_id, code, issued_at, printed_at, image_file_id)
         VALUES (@householdId, @code, @issuedAt, @printedAt, @imageFileId)
         ON CONFLICT (household_id) DO NOTHING`,
      )
      return guardUnique(() => tx(() => plates.reduce((n, p) => n + insert.run(p).changes, 0)))
    },
    async reissue(householdId, code, at) {
      const { changes } = guardUnique(() =>
        prepare(
          `UPDATE doorplates SET code = @code, issued_at = @at, printed_at = NULL,
             image_file_id = NULL WHERE household_id = @householdId`,
        ).run({ householdId, code, at }),
      )
      return changes > 0
    },
    async markPrinted(householdIds, at) {
      prepare(
        `UPDATE doorplates SET printed_at = @at
         WHERE household_id IN (SELECT value FROM json_each(@ids))`,
      ).run({ ids: jsonList(householdIds), at })
    },
    async setImage(householdId, code, fileId) {
      prepare(
        `UPDATE doorplates SET image_file_id = @fileId
         WHERE household_id = @householdId AND code = @code`,
      ).run({ householdId, code, fileId })
    },
    async unplated({ afterId, limit }) {
      const rows = all(
        `SELECT h.id, d.household_id AS plated FROM households h
         LEFT JOIN doorplates d ON d.household_id = h.id
         WHERE @afterId IS NULL OR h.id > @afterId ORDER BY h.id LIMIT @limit`,
        { afterId, limit },
      )
      return {
        ids: rows.filter((r) => r.plated === null).map((r) => String(r.id)),
        scannedTo: rows.length < limit ? null : String(rows[rows.length - 1]?.id),
      }
    },
  }
}
