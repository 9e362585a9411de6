// Columns on the cloud database: a unique `name` index, and the `column_sort` counter that
// gives each new column its place and lets reorder notice a column created meanwhile.
import type { ColumnRecord, Store } from '../store'
import { UniqueViolation } from '../common'
import { addUnique, all, getDoc, isDuplicate, placesCached, placesChanged, toDoc } from './docs'
import type { CloudDb, Doc } from './sdk'

/** The one document of `column_sort`: the sort the next created column gets. */
const NEXT_SORT = 'next'
const COLUMN_NAME = 'columns.name'

export const columnFrom = (d: Doc): ColumnRecord => ({
  id: String(d._id),
  name: String(d.name),
  sort: Number(d.sort),
  hidden: d.hidden === true,
})

/** Every column in display order (sort, then name), hidden ones too. */
export async function allColumns(db: CloudDb, where?: object): Promise<ColumnRecord[]> {
  const base = db.collection('columns')
  const docs = await all(
    (where ? base.where(where) : base)
      .orderBy('sort', 'asc')
      .orderBy('name', 'asc')
      .orderBy('_id', 'asc'),
  )
  return docs.map(columnFrom)
}

/**
 * Every column as this warm instance last read it (PLACES_TTL_MS, like the places): the names
 * and hidden flags notices are shown with. Column writes through this instance drop it.
 */
export const cachedColumns = (db: CloudDb) => placesCached(db, 'columns', () => allColumns(db))

export function columnsRepo(db: CloudDb): Store['columns'] {
  const _ = db.command
  const columns = () => db.collection('columns')

  /** The sort after the last column, as SQLite's COALESCE(MAX(sort), -1) + 1 computes it. */
  const afterLast = async () => {
    const { data } = await columns().orderBy('sort', 'desc').limit(1).get()
    return data[0] ? Number(data[0].sort) + 1 : 0
  }

  const repo: Store['columns'] = {
    async list() {
      return allColumns(db, { hidden: false })
    },
    async get(id) {
      // This instance's copy first (a notice's page asks on every view); a column it does not
      // know yet (made on another instance a moment ago) is read.
      const known = (await cachedColumns(db)).find((c) => c.id === id)
      if (known) return known
      const doc = await getDoc(columns().doc(id))
      return doc ? columnFrom(doc) : null
    },
    async all() {
      // One count per column: a township has a handful of columns.
      const list = await allColumns(db)
      const counts = await Promise.all(
        list.map(
          async (c) =>
            (
              await db
                .collection('notices')
                .where({ columnId: c.id, status: _.eq('published') })
                .count()
            ).total,
        ),
      )
      return list.map((c, i) => ({ ...c, noticeCount: counts[i] ?? 0 }))
    },
    async create({ id, name }) {
      // The next sort comes from the `column_sort` counter, taken in the same transaction as
      // the add, so two creations never share one; the unique `name` index refuses a taken
      // name and the rollback gives the sort back.
      const fallback = await afterLast()
      await db.runTransaction(async (tx) => {
        const counter = tx.collection('column_sort').doc(NEXT_SORT)
        const current = await getDoc(counter)
        const sort = current ? Number(current.value) : fallback
        await counter.set({ data: { value: sort + 1 } })
        await addUnique(
          tx.collection('columns'),
          toDoc({ id, name, sort, hidden: false }),
          COLUMN_NAME,
        )
      })
    },
    async rename(id, name) {
      try {
        await columns().doc(id).update({ data: { name } })
      } catch (e) {
        if (isDuplicate(e)) throw new UniqueViolation(COLUMN_NAME)
        throw e
      }
    },
    async reorder(ids) {
      // The id set is checked against every column first; inside the transaction the counter
      // is read again (a column created meanwhile moved it) and each column re-read by _id.
      const [existing, counter] = await Promise.all([
        allColumns(db),
        getDoc(db.collection('column_sort').doc(NEXT_SORT)),
      ])
      const wanted = new Set(ids)
      if (
        wanted.size !== ids.length ||
        ids.length !== existing.length ||
        existing.some((c) => !wanted.has(c.id))
      )
        return false
      return db.runTransaction(async (tx) => {
        const now = await getDoc(tx.collection('column_sort').doc(NEXT_SORT))
        if ((now?.value ?? null) !== (counter?.value ?? null)) return false
        for (const id of ids) if (!(await getDoc(tx.collection('columns').doc(id)))) return false
        for (const [sort, id] of ids.entries())
          await tx.collection('columns').doc(id).update({ data: { sort } })
        return true
      })
    },
    async setHidden(id, hidden) {
      await columns().doc(id).update({ data: { hidden } })
    },
  }
  // A column write drops this instance's copy of the columns (and places) after it.
  for (const name of ['create', 'rename', 'reorder', 'setHidden'] as const) {
    const write = repo[name] as (...args: unknown[]) => Promise<unknown>
    ;(repo as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      try {
        return await write(...args)
      } finally {
        placesChanged(db)
      }
    }
  }
  return repo
}
