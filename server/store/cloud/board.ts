// The red and black list (Store.board) on the cloud database: rounds and frozen lists
// (board-rounds), inspections (board-inspect), rubrics (board-rubrics), appeals and history
// (board-appeals); documents and shared reads in board-docs.
import { scoreItems } from '../../board/inspection.rules'
import type { InspectionRecord, Snapshot } from '../store'
import type { BoardRepo } from '../store'
import { appealsPart, insertAppeal } from './board-appeals'
import {
  clientKey,
  currentDoc,
  currentKey,
  embeddedCriteria,
  inspectionDoc,
  SEED_GENERATION,
} from './board-docs'
import { inspectPart } from './board-inspect'
import { publishJobPart } from './lazy-parts'
import { roundsPart, writeEntries } from './board-rounds'
import { rubricsPart } from './board-rubrics'
import { addAll, getDoc, inBatches, UNIQUE_KEYS } from './docs'
import { newRowKey, ROW_KEY_SETTING } from '../../board/row-ids'
import type { CloudDb } from './sdk'

export function boardRepo(db: CloudDb): BoardRepo {
  return {
    ...roundsPart(db),
    ...inspectPart(db),
    ...rubricsPart(db),
    ...appealsPart(db),
    ...publishJobPart(db),
  }
}

/** Writes the snapshot's rubrics, criteria, rounds, inspections, frozen lists and appeals. */
export async function loadBoard(db: CloudDb, s: Snapshot): Promise<void> {
  // Each rubric version carries its criteria (board-docs rubricViews).
  await addAll(
    db,
    'rubrics',
    s.rubrics.map((r) => ({
      ...r,
      criteria: embeddedCriteria(s.criteria.filter((c) => c.rubricId === r.id)),
    })),
  )
  await addAll(db, 'criteria', s.criteria)
  const frozen = new Set((s.boardEntries ?? []).map((e) => e.roundId))
  await addAll(
    db,
    'rounds',
    s.rounds.map((r) => ({
      ...r,
      generation: frozen.has(r.id) ? SEED_GENERATION : null,
      marks: 0,
      retired: [],
      rubricVersion: s.rubrics.find((b) => b.id === r.rubricId)?.version ?? null,
    })),
  )

  // Versions as given; the newest of each (round, household) also becomes its current document.
  const rubricOf = new Map(s.rounds.map((r) => [r.id, r.rubricId]))
  const deducted = (i: InspectionRecord) =>
    i.deductedItems ??
    scoreItems(
      s.criteria.filter((c) => c.rubricId === rubricOf.get(i.roundId)),
      i.items,
    ).deductedItems
  const latest = new Map<string, InspectionRecord>()
  for (const i of s.inspections) {
    const key = currentKey(i.roundId, i.householdId)
    if ((latest.get(key)?.version ?? 0) < i.version) latest.set(key, i)
  }
  const nickname = new Map(s.users.map((u) => [u.id, u.nickname]))
  const docs = s.inspections.map((i) => ({
    ...inspectionDoc(i, i.reason ?? (i.version > 1 ? 'reinspect' : 'first'), deducted(i)),
    inspectorName: nickname.get(i.inspectorId) ?? null,
  }))
  await inBatches(docs, 20, (data) => db.collection('inspections').add({ data }))
  const households = new Map(s.households.map((h) => [h.id, h]))
  await inBatches([...latest], 20, ([key, i]) =>
    db
      .collection('inspection_current')
      .doc(key)
      .set({
        data: currentDoc(
          inspectionDoc(i, 'first', deducted(i)),
          households.get(i.householdId) ?? null,
        ),
      }),
  )
  const claimed = s.inspections.filter((i) => i.clientId)
  await inBatches(claimed, 20, (i) =>
    db.collection(UNIQUE_KEYS).add({ data: { _id: clientKey(String(i.clientId)), owner: i.id } }),
  )

  await writeEntries(db, SEED_GENERATION, s.boardEntries ?? [])
  // Published lists come with the key of their line ids, as board.publish creates it: the
  // first ranking read does not write.
  if ((s.boardEntries ?? []).length > 0) {
    const key = db.collection('settings').doc(ROW_KEY_SETTING)
    if (!(await getDoc(key))) await key.set({ data: { value: newRowKey() } })
  }
  for (const a of s.appeals ?? []) await insertAppeal(db, a)
}
