// Opens a store of either kind with the test town loaded.
import type { Snapshot, Store } from '../../../../../server/store/store'
import { buildTestTown } from '../../../../helpers/factories'
import { openStore, type StoreKind } from '../../../../helpers/store-adapters'

export function openTown(kind: StoreKind, town: Snapshot = buildTestTown()): Promise<Store> {
  return openStore(kind, town)
}
