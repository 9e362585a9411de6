// What an import changes in a household it updates, pure: line, 门牌号 and each field from → to,
// so a preview that says "将更新 N 户" names each of them.
import type { RosterChange } from '../../contract/places'
import type { RosterEntry } from '../store/store'

/** The most updated households a report lists one by one; the count covers all of them. */
export const MAX_LISTED_CHANGES = 500

const fields = [
  { label: '户主姓名', of: (e: RosterEntry) => e.headName },
  { label: '村民小组', of: (e: RosterEntry) => e.groupName },
  { label: '家庭人口', of: (e: RosterEntry) => String(e.size) },
  { label: '联系电话', of: (e: RosterEntry) => e.phone ?? '' },
] as const

/** The fields that differ between the stored household and the row, in column order. */
export function changeOf(line: number, before: RosterEntry, after: RosterEntry): RosterChange {
  return {
    line,
    villageName: after.villageName,
    houseNo: after.houseNo,
    fields: fields
      .filter((f) => f.of(before) !== f.of(after))
      .map((f) => ({ field: f.label, from: f.of(before), to: f.of(after) })),
  }
}
