// Columns, notices and filing (信息报送) on the cloud database.
import type { Snapshot, Store } from '../store'
import { pending } from './pending'
import type { CloudDb } from './sdk'

export type BulletinRepos = Pick<Store, 'columns' | 'notices' | 'filing'>

export function bulletinRepos(_db: CloudDb): BulletinRepos {
  return { columns: pending('columns'), notices: pending('notices'), filing: pending('filing') }
}

/** Writes the snapshot's columns and notices as documents. */
export async function loadBulletin(_db: CloudDb, _snapshot: Snapshot): Promise<void> {
  throw new Error('loadBulletin: not built yet')
}
