// Notices on the cloud database: one document per notice, its villages as the `villageIds`
// array (empty = township-wide), read with the SQLite adapter's visibility and order.
import type { NoticeRecord, NoticeState, NoticeView, Store } from '../store'
import { cachedColumns } from './bulletin-columns'
import { addUnique, byIds, getDoc, keysetPage, loadPlaces, toDoc } from './docs'
import type { CloudDb, Doc } from './sdk'

/** A notice as its document: every optional field present (null or empty), as SQLite keeps it. */
export function noticeDoc(n: NoticeRecord): Doc {
  return toDoc({
    ...n,
    cover: n.cover ?? null,
    images: n.images ?? [],
    video: n.video ?? null,
    adoptedAt: n.adoptedAt ?? null,
  })
}

const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

/** The record of a notice document (`adoptedBy` and anything else stays behind). */
function noticeFrom(d: Doc, villageIds: string[]): NoticeRecord {
  return {
    id: String(d._id),
    columnId: String(d.columnId),
    title: String(d.title),
    summary: String(d.summary),
    body: String(d.body),
    villageIds,
    pinned: d.pinned === true,
    status: d.status as NoticeRecord['status'],
    authorId: String(d.authorId),
    publishAt: Number(d.publishAt),
    expireAt: optNum(d.expireAt),
    createdAt: Number(d.createdAt),
    updatedAt: Number(d.updatedAt),
    viewCount: Number(d.viewCount ?? 0),
    cover: optStr(d.cover),
    images: Array.isArray(d.images) ? d.images.map(String) : [],
    video: optStr(d.video),
    adoptedAt: optNum(d.adoptedAt),
  }
}

/** A keyword as a case-insensitive regular expression matching it literally (like LIKE). */
export const literal = (keyword: string) => keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function noticesRepo(db: CloudDb): Store['notices'] {
  const _ = db.command
  const notices = () => db.collection('notices')

  /**
   * Notice documents with their column, author and village names (no joins: columns and
   * villages are read whole, authors by id). Villages come in village order and unknown ids
   * are dropped, as SQLite's join does.
   */
  async function views(docs: Doc[]): Promise<NoticeView[]> {
    if (docs.length === 0) return []
    const [columns, places, authors] = await Promise.all([
      cachedColumns(db),
      loadPlaces(db),
      byIds(
        db,
        'users',
        docs.map((d) => String(d.authorId)),
      ),
    ])
    const columnName = new Map(columns.map((c) => [c.id, c.name]))
    const village = new Map(
      [...places.villages.values()].map((v) => [v.id, { sort: Number(v.sort), name: v.name }]),
    )
    return docs.map((d) => {
      const own = (Array.isArray(d.villageIds) ? d.villageIds.map(String) : [])
        .filter((id) => village.has(id))
        .map((id) => ({ id, ...(village.get(id) as { sort: number; name: string }) }))
        .sort((a, b) => a.sort - b.sort || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      return {
        ...noticeFrom(
          d,
          own.map((v) => v.id),
        ),
        columnName: columnName.get(String(d.columnId)) ?? '',
        authorName: String(authors.get(String(d.authorId))?.nickname ?? ''),
        villages: own.map(({ id, name }) => ({ id, name })),
      }
    })
  }

  const get = async (id: string) => {
    const doc = await getDoc(notices().doc(id))
    return doc ? ((await views([doc]))[0] ?? null) : null
  }

  /** Not expired at `now`: no expiry, or one still ahead. */
  const unexpired = (now: number) => _.or([{ expireAt: _.eq(null) }, { expireAt: _.gt(now) }])

  /** Conditions for one derived state, in the same order of tests as SQLite's stateWhere. */
  const stateWhere = (state: NoticeState, now: number): object[] => {
    switch (state) {
      case 'draft':
      case 'withdrawn':
        return [{ status: _.eq(state) }]
      case 'expired':
        return [{ status: _.eq('published'), expireAt: _.lte(now) }]
      case 'scheduled':
        return [{ status: _.eq('published'), publishAt: _.gt(now) }, unexpired(now)]
      case 'published':
        return [{ status: _.eq('published'), publishAt: _.lte(now) }, unexpired(now)]
    }
  }

  const both = (conds: object[]) =>
    conds.length === 0 ? undefined : conds.length === 1 ? conds[0] : _.and(conds)

  return {
    async list(q) {
      const hidden = (await cachedColumns(db)).filter((c) => c.hidden).map((c) => c.id)
      const conds: object[] = [
        { status: _.eq('published'), publishAt: _.lte(q.now) },
        unexpired(q.now),
      ]
      if (hidden.length > 0) conds.push({ columnId: _.nin(hidden) })
      if (q.villageIds !== null)
        conds.push(_.or([{ villageIds: _.eq([]) }, { villageIds: _.in(q.villageIds) }]))
      if (q.columnId !== undefined) conds.push({ columnId: _.eq(q.columnId) })
      if (q.pinned !== undefined) conds.push({ pinned: _.eq(q.pinned) })
      if (q.keyword) {
        const re = db.RegExp({ regexp: literal(q.keyword), options: 'i' })
        conds.push(_.or([{ title: re }, { body: re }]))
      }
      const { docs, next } = await keysetPage(db, {
        collection: 'notices',
        where: both(conds),
        field: 'publishAt',
        direction: 'desc',
        after: q.after,
        limit: q.limit,
      })
      return { items: await views(docs), next }
    },
    get,
    async create(notice) {
      await addUnique(notices(), noticeDoc(notice), 'notices.id')
      const created = await get(notice.id)
      if (!created) throw new Error(`notice ${notice.id} vanished after insert`)
      return created
    },
    async update(id, patch) {
      // One document holds the notice and its villages, so one update() is atomic. A key
      // present but undefined means "unchanged", like a missing one.
      const data = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      await notices().doc(id).update({ data })
      const updated = await get(id)
      if (!updated) throw new Error(`notice ${id} vanished after update`)
      return updated
    },
    async mine(q) {
      const conds: object[] = []
      if (q.authorId !== null) conds.push({ authorId: _.eq(q.authorId) })
      if (q.status) conds.push(...stateWhere(q.status, q.now))
      const { docs, next } = await keysetPage(db, {
        collection: 'notices',
        where: both(conds),
        field: 'updatedAt',
        direction: 'desc',
        after: q.after,
        limit: q.limit,
      })
      return { items: await views(docs), next }
    },
    async countView(id) {
      await notices()
        .doc(id)
        .update({ data: { viewCount: _.inc(1) } })
    },
  }
}
