// The frozen lists of a round published inside a snapshot (the demo seed, test towns),
// computed by the same rules as board.publish so that both agree.
import { computeLists, toEntryRecords } from '../board/board.rules'
import { scoreItems } from '../board/inspection.rules'
import type { BoardEntryRecord, ScoreRow, Snapshot } from '../store/store'

/** Each household's latest inspection of a round in the snapshot, as the store would score it. */
function snapshotScores(s: Snapshot, roundId: string): ScoreRow[] {
  const round = s.rounds.find((r) => r.id === roundId)
  if (!round) throw new Error(`no round ${roundId} in the snapshot`)
  const criteria = s.criteria.filter((c) => c.rubricId === round.rubricId)
  const latest = new Map<string, Snapshot['inspections'][number]>()
  for (const i of s.inspections) {
    if (i.roundId !== roundId) continue
    const seen = latest.get(i.householdId)
    if (!seen || seen.version < i.version) latest.set(i.householdId, i)
  }
  const villages = new Map(s.villages.map((v) => [v.id, v]))
  const groups = new Map(s.groups.map((g) => [g.id, g]))
  return s.households.flatMap((h) => {
    const i = latest.get(h.id)
    if (!i) return []
    return [
      {
        householdId: h.id,
        headName: h.headName,
        houseNo: h.houseNo,
        villageId: h.villageId,
        villageName: villages.get(h.villageId)?.name ?? '',
        groupId: h.groupId,
        groupName: groups.get(h.groupId)?.name ?? '',
        gridId: h.gridId,
        villageSort: villages.get(h.villageId)?.sort ?? 0,
        groupSort: groups.get(h.groupId)?.sort ?? 0,
        showNameOnRed: h.showNameOnRed,
        total: i.total,
        deductedItems: i.deductedItems ?? scoreItems(criteria, i.items).deductedItems,
      },
    ]
  })
}

/** The frozen list lines of a published round of the snapshot (进步榜 against the round before). */
export function frozenEntries(s: Snapshot, roundId: string): BoardEntryRecord[] {
  const round = s.rounds.find((r) => r.id === roundId)
  if (!round) throw new Error(`no round ${roundId} in the snapshot`)
  const before = s.rounds
    .filter((r) => r.windowStart < round.windowStart)
    .sort((a, b) => b.windowStart - a.windowStart)[0]
  const previous = new Map(
    before ? snapshotScores(s, before.id).map((r) => [r.householdId, r.total]) : [],
  )
  const lists = computeLists(snapshotScores(s, roundId), round, previous)
  return toEntryRecords(roundId, lists)
}
