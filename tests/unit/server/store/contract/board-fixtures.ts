// Records and stores the board's contract tests (board.test.ts, board-lists.test.ts) share.
import type {
  AppealRecord,
  BoardEntryRecord,
  InspectionRecord,
  Snapshot,
  Store,
} from '../../../../../server/store/store'
import type { EmulatedEnvironment } from '../../../../emulator/harness'
import { NOW, testItems, who } from '../../../../helpers/factories'
import { openStoreWithCloud, type StoreKind } from '../../../../helpers/store-adapters'

/** A store with the snapshot, and its emulated cloud environment when it is the cloud one. */
export function boardStore(
  kind: StoreKind,
  s: Snapshot,
): Promise<{ store: Store; cloud: EmulatedEnvironment | null }> {
  return openStoreWithCloud(kind, s)
}

export const admin = `u-${who.admin}`
type NewInspection = Omit<InspectionRecord, 'version' | 'reason'>

export const inspection = (
  householdId: string,
  total: number,
  extra: Partial<NewInspection> = {},
) => ({
  id: `ins-${householdId}-${total}-${Math.random().toString(36).slice(2)}`,
  roundId: 'r-open',
  householdId,
  inspectorId: admin,
  total,
  createdAt: NOW,
  deductedItems: total < 100 ? 1 : 0,
  // Out of criterion order on purpose: the store answers in the rubric's order.
  items: [...testItems(total, '')].reverse(),
  ...extra,
})

export const entry = (list: BoardEntryRecord['list'], householdId: string, position: number) => ({
  roundId: 'r-open',
  list,
  householdId,
  position,
  unitKey: 'town',
  unitName: '全镇',
  rank: position + 1,
  score: 90 - position,
  deductedItems: 1,
  previousScore: null,
  rectifiedAt: list === 'black' ? NOW : null,
})

export const appeal = (id: string, householdId = 'hh-a3'): AppealRecord => ({
  id,
  roundId: 'r-pub',
  householdId,
  userId: `u-${who.residentA}`,
  text: '复查一下',
  photos: [{ url: 'https://x/p.jpg', takenAt: NOW }],
  status: 'pending',
  scoreBefore: 50,
  scoreAfter: null,
  inspectionId: null,
  reason: null,
  decidedBy: null,
  decidedAt: null,
  createdAt: NOW,
})
