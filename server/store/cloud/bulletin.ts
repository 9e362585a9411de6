// Columns, notices and filing (信息报送) on the cloud database, one file each:
// bulletin-columns.ts, bulletin-notices.ts, bulletin-filing.ts.
import type { Snapshot, Store } from '../store'
import { columnsRepo } from './bulletin-columns'
import { filingRepo } from './bulletin-filing'
import { noticeDoc, noticesRepo } from './bulletin-notices'
import { addAll, inBatches } from './docs'
import type { CloudDb } from './sdk'

export type BulletinRepos = Pick<Store, 'columns' | 'notices' | 'filing'>

export function bulletinRepos(db: CloudDb): BulletinRepos {
  return { columns: columnsRepo(db), notices: noticesRepo(db), filing: filingRepo(db) }
}

/** Writes the snapshot's columns and notices as documents. */
export async function loadBulletin(db: CloudDb, snapshot: Snapshot): Promise<void> {
  await addAll(db, 'columns', snapshot.columns)
  await inBatches(snapshot.notices, 20, (n) => db.collection('notices').add({ data: noticeDoc(n) }))
}
