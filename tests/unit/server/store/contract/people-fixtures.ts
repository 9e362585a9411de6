// Opens a store of either kind with the test town's people and places loaded. The cloud store
// loads them with loadPeople: its importSnapshot also needs the bulletin, board and campaign
// loaders, which other areas build (once they are in, openStore(kind, town) does the same).
import { loadPeople } from '../../../../../server/store/cloud/people'
import type { Snapshot, Store } from '../../../../../server/store/store'
import { buildTestTown } from '../../../../helpers/factories'
import { createCloudTestStore, openStore, type StoreKind } from '../../../../helpers/store-adapters'

export async function openTown(kind: StoreKind, town: Snapshot = buildTestTown()): Promise<Store> {
  if (kind === 'sqlite') return openStore(kind, town)
  const { store, double } = createCloudTestStore()
  await loadPeople(double.cloud.database({ throwOnNotFound: false }), town)
  return store
}
