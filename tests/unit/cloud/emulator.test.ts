// The CloudBase emulator under the real wx-server-sdk 4.0.2: what the cloud Store relies on,
// end to end through the SDK's own encoding (see tests/emulator/README.md). These were the
// in-memory double's tests; they now hold for the real client library against the emulator.
import { describe, expect, it } from 'vitest'
import { AGGREGATE_DEFAULT_LIMIT, GET_MAX } from '../../emulator/database'
import { sharedEmulator } from '../../emulator/harness'
import { setCaller } from '../../emulator/sdk'

/** errCode of a failed database request (TCB_ERR_CODE.DATABASE_REQUEST_FAILED). */
const DATABASE_REQUEST_FAIL = -502001
let envs = 0

/** What set() and remove() answer (typed `unknown` in the Store's narrower SDK interface). */
const statsOf = (answer: unknown) => (answer as { stats: Record<string, number> }).stats
/** A command's own chaining (`_.gt(30).and(...)`), which the Store's interface leaves out. */
const chain = (command: object) => command as { and(other: object): object }

/** A fresh environment with the collections these tests use, and its real SDK database. */
async function setup(options: { uniqueIndexes?: Record<string, string[][]> } = {}) {
  const { emulator, sdk } = await sharedEmulator()
  const env = `emu-${++envs}`
  const database = emulator.database(env)
  for (const name of ['c', 'people', 'acc', 'log', 'seq', 'votes', 'users', 'many'])
    database.createCollection(name)
  for (const [collection, list] of Object.entries(options.uniqueIndexes ?? {}))
    list.forEach((fields, n) =>
      database.createIndex(collection, { name: `u${n}`, fields, unique: true }),
    )
  const db = sdk.database({ env, throwOnNotFound: false })
  return {
    db,
    _: db.command,
    $: db.command.aggregate,
    sdk,
    env,
    emulator,
    dump: (name: string) => database.dump(name),
  }
}

async function seedPeople(db: Awaited<ReturnType<typeof setup>>['db']) {
  const people = [
    { _id: 'p1', name: '甲', age: 30, village: { id: 'v1', name: '东村' }, tags: ['a'] },
    { _id: 'p2', name: '乙', age: 45, village: { id: 'v1', name: '东村' }, tags: ['b'] },
    { _id: 'p3', name: '丙', age: 60, village: { id: 'v2', name: '西村' }, phone: '138' },
    { _id: 'p4', name: '丁', age: 45, village: { id: 'v2', name: '西村' }, tags: ['a', 'b'] },
  ]
  for (const data of people) await db.collection('people').add({ data })
}

const ids = (res: { data: { _id?: unknown }[] }) => res.data.map((d) => d._id)

describe('the emulator under the real SDK: the platform', () => {
  it('getWXContext reads the caller the platform set for this invocation', async () => {
    const { sdk, env } = await setup()
    setCaller({ OPENID: 'o-caller', SOURCE: 'wx_client', ENV: env })
    expect(sdk.getWXContext()).toMatchObject({ OPENID: 'o-caller', SOURCE: 'wx_client', ENV: env })
    setCaller({ OPENID: '' })
    expect(sdk.getWXContext().OPENID).toBe('')
  })

  it('answers -502005 for a collection that was never created', async () => {
    const { db } = await setup()
    const err = await db
      .collection('nope')
      .add({ data: { a: 1 } })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ errCode: -502005 })
  })
})

describe('the emulator under the real SDK: documents', () => {
  it('doc().get answers the record, a copy the caller cannot change in place', async () => {
    const { db } = await setup()
    await db.collection('c').add({ data: { _id: 'x', n: 1, deep: { a: 1 } } })
    const got = await db.collection('c').doc('x').get()
    expect(got.data).toEqual({ _id: 'x', n: 1, deep: { a: 1 } })
    ;(got.data!.deep as { a: number }).a = 99
    expect((await db.collection('c').doc('x').get()).data).toMatchObject({ deep: { a: 1 } })
  })

  it('doc().get of a missing record throws by default, answers null with throwOnNotFound false', async () => {
    const { sdk, env } = await setup()
    const err = await sdk
      .database({ env })
      .collection('c')
      .doc('nope')
      .get()
      .catch((e) => e)
    expect(err).toBeInstanceOf(Error)
    expect(err.errMsg).toMatch(/document\.get:fail.*does not exist/)
    const quiet = sdk.database({ env, throwOnNotFound: false })
    expect((await quiet.collection('c').doc('nope').get()).data).toBeNull()
  })

  it('doc().set replaces the whole record and creates a missing one', async () => {
    const { db } = await setup()
    const created = await db
      .collection('c')
      .doc('x')
      .set({ data: { a: 1, b: { c: 2 } } })
    expect(statsOf(created)).toEqual({ updated: 0, created: 1 })
    const replaced = await db
      .collection('c')
      .doc('x')
      .set({ data: { b: { d: 3 } } })
    expect(statsOf(replaced)).toEqual({ updated: 1, created: 0 })
    expect((await db.collection('c').doc('x').get()).data).toEqual({ _id: 'x', b: { d: 3 } })
    await expect(
      db
        .collection('c')
        .doc('x')
        .set({ data: { _id: 'y' } }),
    ).rejects.toThrow(/_id/)
  })

  it('doc().update on a missing record is no error and updates nothing', async () => {
    const { db } = await setup()
    const res = await db
      .collection('c')
      .doc('nope')
      .update({ data: { a: 1 } })
    expect(res.stats.updated).toBe(0)
    expect(await db.collection('c').count()).toMatchObject({ total: 0 })
  })

  it('doc().remove answers stats.removed', async () => {
    const { db } = await setup()
    await db.collection('c').add({ data: { _id: 'x' } })
    expect(statsOf(await db.collection('c').doc('x').remove()).removed).toBe(1)
    expect(statsOf(await db.collection('c').doc('x').remove()).removed).toBe(0)
  })
})

describe('the emulator under the real SDK: add', () => {
  it('generates an _id when the data has none and answers it', async () => {
    const { db } = await setup()
    const a = await db.collection('c').add({ data: { n: 1 } })
    const b = await db.collection('c').add({ data: { n: 2 } })
    expect(a._id).toMatch(/^[0-9a-f]{32}$/)
    expect(b._id).not.toBe(a._id)
    expect((await db.collection('c').doc(String(a._id)).get()).data).toEqual({ _id: a._id, n: 1 })
  })

  it('fails on a duplicate _id with errCode -502001 and a duplicate-key message, keeping the first', async () => {
    const { db } = await setup()
    await db.collection('votes').add({ data: { _id: 'c1:u1:n1:2026-11-26', n: 1 } })
    const err = await db
      .collection('votes')
      .add({ data: { _id: 'c1:u1:n1:2026-11-26', n: 2 } })
      .catch((e) => e)
    expect(err).toBeInstanceOf(Error)
    expect(err.errCode).toBe(DATABASE_REQUEST_FAIL)
    expect(err.errMsg).toMatch(/duplicate key/)
    expect((await db.collection('votes').doc('c1:u1:n1:2026-11-26').get()).data).toMatchObject({
      n: 1,
    })
  })

  it('enforces unique indexes on add, set and update alike', async () => {
    const { db } = await setup({ uniqueIndexes: { users: [['openid']] } })
    await db.collection('users').add({ data: { _id: 'u1', openid: 'o1' } })
    await db.collection('users').add({ data: { _id: 'u2', openid: 'o2' } })
    const dup = { errCode: DATABASE_REQUEST_FAIL, errMsg: expect.stringMatching(/duplicate key/) }
    await expect(db.collection('users').add({ data: { openid: 'o1' } })).rejects.toMatchObject(dup)
    await expect(
      db
        .collection('users')
        .doc('u3')
        .set({ data: { openid: 'o2' } }),
    ).rejects.toMatchObject(dup)
    await expect(
      db
        .collection('users')
        .doc('u2')
        .update({ data: { openid: 'o1' } }),
    ).rejects.toMatchObject(dup)
    expect(
      (
        await db
          .collection('users')
          .doc('u1')
          .update({ data: { openid: 'o1' } })
      ).stats,
    ).toEqual({ updated: 0 })
  })
})

describe('the emulator under the real SDK: where', () => {
  it('matches plain values, nested objects and dotted paths alike', async () => {
    const { db } = await setup()
    await seedPeople(db)
    expect(ids(await db.collection('people').where({ age: 45 }).get())).toEqual(['p2', 'p4'])
    const nested = await db
      .collection('people')
      .where({ village: { id: 'v2' } })
      .get()
    const dotted = await db.collection('people').where({ 'village.id': 'v2' }).get()
    expect(ids(nested)).toEqual(['p3', 'p4'])
    expect(ids(dotted)).toEqual(['p3', 'p4'])
    expect(ids(await db.collection('people').where({ tags: 'b' }).get())).toEqual(['p2', 'p4'])
  })

  it('supports eq, neq, gt, gte, lt, lte, in and nin', async () => {
    const { db, _ } = await setup()
    await seedPeople(db)
    const q = async (cond: object) => ids(await db.collection('people').where(cond).get())
    expect(await q({ age: _.eq(30) })).toEqual(['p1'])
    expect(await q({ age: _.neq(45) })).toEqual(['p1', 'p3'])
    expect(await q({ age: _.gt(45) })).toEqual(['p3'])
    expect(await q({ age: _.gte(45) })).toEqual(['p2', 'p3', 'p4'])
    expect(await q({ age: _.lt(45) })).toEqual(['p1'])
    expect(await q({ age: _.lte(45) })).toEqual(['p1', 'p2', 'p4'])
    expect(await q({ name: _.in(['甲', '丙']) })).toEqual(['p1', 'p3'])
    expect(await q({ name: _.nin(['甲', '丙']) })).toEqual(['p2', 'p4'])
    // Comparisons hold only between values of one type: a string is not "greater" than 45.
    expect(await q({ name: _.gt(45) })).toEqual([])
  })

  it('supports and / or, at the top and inside a field, and exists', async () => {
    const { db, _ } = await setup()
    await seedPeople(db)
    const q = async (cond: object) => ids(await db.collection('people').where(cond).get())
    expect(await q(_.or([{ age: 30 }, { 'village.id': 'v2', age: _.gt(50) }]))).toEqual([
      'p1',
      'p3',
    ])
    expect(await q(_.and([{ age: 45 }, { 'village.id': 'v1' }]))).toEqual(['p2'])
    expect(await q({ age: chain(_.gt(30)).and(_.lt(60)) })).toEqual(['p2', 'p4'])
    expect(await q({ age: _.or(_.eq(30), _.eq(60)) })).toEqual(['p1', 'p3'])
    expect(await q({ phone: _.exists(true) })).toEqual(['p3'])
    expect(await q({ phone: _.exists(false) })).toEqual(['p1', 'p2', 'p4'])
  })

  it('db.RegExp matches string fields (and array elements), with options', async () => {
    const { db } = await setup()
    await seedPeople(db)
    const people = db.collection('people')
    expect(ids(await people.where({ 'village.name': db.RegExp({ regexp: '东' }) }).get())).toEqual([
      'p1',
      'p2',
    ])
    expect(
      ids(await people.where({ tags: db.RegExp({ regexp: '^B$', options: 'i' }) }).get()),
    ).toEqual(['p2', 'p4'])
    // A number is no string: it never matches.
    expect(ids(await people.where({ age: db.RegExp({ regexp: '45' }) }).get())).toEqual([])
  })

  it('orders, skips, limits and projects fields', async () => {
    const { db } = await setup()
    await seedPeople(db)
    const res = await db
      .collection('people')
      .orderBy('age', 'desc')
      .orderBy('_id', 'asc')
      .skip(1)
      .limit(2)
      .field({ name: true, 'village.name': true })
      .get()
    expect(res.data).toEqual([
      { _id: 'p2', name: '乙', village: { name: '东村' } },
      { _id: 'p4', name: '丁', village: { name: '西村' } },
    ])
  })

  it(`get answers at most ${GET_MAX} records per call, by default and when asked for more`, async () => {
    const { db } = await setup()
    for (let i = 0; i < GET_MAX + 30; i++)
      await db.collection('many').add({ data: { _id: `r${String(i).padStart(3, '0')}`, i } })
    expect((await db.collection('many').get()).data).toHaveLength(GET_MAX)
    expect((await db.collection('many').limit(500).get()).data).toHaveLength(GET_MAX)
    const rest = await db.collection('many').orderBy('i', 'asc').skip(GET_MAX).get()
    expect(rest.data).toHaveLength(30)
  })

  it('count answers every matching record, past the get cap', async () => {
    const { db, _ } = await setup()
    for (let i = 0; i < 150; i++) await db.collection('many').add({ data: { i } })
    expect((await db.collection('many').count()).total).toBe(150)
    expect(
      (
        await db
          .collection('many')
          .where({ i: _.gte(140) })
          .count()
      ).total,
    ).toBe(10)
  })
})

describe('the emulator under the real SDK: update and remove', () => {
  it('a plain-object update merges nested objects while _.set replaces them', async () => {
    const { db, _ } = await setup()
    await db.collection('c').add({ data: { _id: 'x', style: { color: 'blue', size: 'large' } } })
    await db
      .collection('c')
      .doc('x')
      .update({ data: { style: { color: 'red' } } })
    expect((await db.collection('c').doc('x').get()).data).toEqual({
      _id: 'x',
      style: { color: 'red', size: 'large' },
    })
    await db
      .collection('c')
      .doc('x')
      .update({ data: { style: _.set({ color: 'green' }) } })
    expect((await db.collection('c').doc('x').get()).data).toEqual({
      _id: 'x',
      style: { color: 'green' },
    })
  })

  it('_.inc adds, _.push appends, _.remove drops a field', async () => {
    const { db, _ } = await setup()
    await db.collection('c').add({ data: { _id: 'x', n: 1, list: ['a'], gone: true } })
    await db
      .collection('c')
      .doc('x')
      .update({
        data: { n: _.inc(2), list: _.push(['b', 'c']), gone: _.remove(), fresh: _.inc(5) },
      })
    expect((await db.collection('c').doc('x').get()).data).toEqual({
      _id: 'x',
      n: 3,
      list: ['a', 'b', 'c'],
      fresh: 5,
    })
    await expect(
      db
        .collection('c')
        .doc('x')
        .update({ data: { _id: 'y' } }),
    ).rejects.toThrow(/_id/)
  })

  it('where().update answers stats.updated: the records it changed', async () => {
    const { db, _ } = await setup()
    await seedPeople(db)
    const res = await db
      .collection('people')
      .where({ age: _.gte(45) })
      .update({ data: { senior: true } })
    expect(res.stats.updated).toBe(3)
    // Writing what is already there changes nothing.
    const again = await db
      .collection('people')
      .where({ age: 60 })
      .update({ data: { age: 60 } })
    expect(again.stats.updated).toBe(0)
    expect(ids(await db.collection('people').where({ senior: true }).get())).toEqual([
      'p2',
      'p3',
      'p4',
    ])
  })

  it('where().remove answers stats.removed', async () => {
    const { db } = await setup()
    await seedPeople(db)
    const res = await db.collection('people').where({ 'village.id': 'v1' }).remove()
    expect(res.stats.removed).toBe(2)
    expect((await db.collection('people').count()).total).toBe(2)
  })
})

describe('the emulator under the real SDK: runTransaction', () => {
  it("commits the callback's writes and resolves with its value", async () => {
    const { db, _ } = await setup()
    await db.collection('acc').add({ data: { _id: 'a', money: 100 } })
    await db.collection('acc').add({ data: { _id: 'b', money: 0 } })
    const value = await db.runTransaction(async (t) => {
      const a = await t.collection('acc').doc('a').get()
      await t
        .collection('acc')
        .doc('a')
        .update({ data: { money: _.inc(-30) } })
      await t
        .collection('acc')
        .doc('b')
        .update({ data: { money: _.inc(30) } })
      await t.collection('log').add({ data: { _id: 'l1', from: a.data!._id } })
      return 'done'
    })
    expect(value).toBe('done')
    expect((await db.collection('acc').get()).data.map((d) => d.money)).toEqual([70, 30])
    expect((await db.collection('log').count()).total).toBe(1)
  })

  it('rolls every write back when the callback throws, and rejects with that error', async () => {
    const { db, dump } = await setup()
    await db.collection('acc').add({ data: { _id: 'a', money: 100 } })
    const err = await db
      .runTransaction(async (t) => {
        await t
          .collection('acc')
          .doc('a')
          .update({ data: { money: 0 } })
        await t
          .collection('acc')
          .doc('new')
          .set({ data: { money: 1 } })
        await t.collection('acc').doc('a').remove()
        // A duplicate _id inside the transaction fails it as a whole.
        await t.collection('acc').add({ data: { _id: 'new' } })
      })
      .catch((e) => e)
    expect(err.errCode).toBe(DATABASE_REQUEST_FAIL)
    expect(dump('acc')).toEqual([{ _id: 'a', money: 100 }])
  })

  it('rollback(reason) undoes the writes and rejects with the reason', async () => {
    const { db, dump } = await setup()
    const err = await db
      .runTransaction(async (t) => {
        await t
          .collection('acc')
          .doc('x')
          .set({ data: { n: 1 } })
        await t.rollback(-100)
      })
      .catch((e) => e)
    expect(err).toBe(-100)
    expect(dump('acc')).toEqual([])
  })

  it('runs transactions concurrently; a conflict at commit runs the callback again', async () => {
    const { db } = await setup()
    await db.collection('seq').add({ data: { _id: 'n', value: 0 } })
    let runs = 0
    const bump = (times?: number) =>
      db.runTransaction(async (t) => {
        runs++
        const { data } = await t.collection('seq').doc('n').get()
        await new Promise((r) => setTimeout(r, 5))
        await t
          .collection('seq')
          .doc('n')
          .update({ data: { value: (data!.value as number) + 1 } })
      }, times)
    await Promise.all([bump(), bump(), bump()])
    // Read-then-write stays safe: the two that read a stale value ran again.
    expect((await db.collection('seq').doc('n').get()).data).toMatchObject({ value: 3 })
    expect(runs).toBe(3 + 2 + 1)
  })

  it('fails with DATABASE_TRANSACTION_CONFLICT once its retries are used up, writing nothing', async () => {
    const { db } = await setup()
    await db.collection('seq').add({ data: { _id: 'n', value: 0 } })
    const bump = () =>
      db.runTransaction(async (t) => {
        const { data } = await t.collection('seq').doc('n').get()
        await new Promise((r) => setTimeout(r, 5))
        await t
          .collection('seq')
          .doc('n')
          .update({ data: { value: (data!.value as number) + 1 } })
      }, 0)
    const results = await Promise.allSettled([bump(), bump()])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(failed.reason).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect((await db.collection('seq').doc('n').get()).data).toMatchObject({ value: 1 })
  })
})

describe('the emulator under the real SDK: aggregate', () => {
  it('match, group with sum/avg/max/min/first, sort, skip, limit and project', async () => {
    const { db, _, $ } = await setup()
    await seedPeople(db)
    const { list } = await db
      .collection('people')
      .aggregate()
      .match({ age: _.gte(30) })
      .group({
        _id: '$village.id',
        count: $.sum(1),
        ages: $.sum('$age'),
        avg: $.avg('$age'),
        oldest: $.max('$age'),
        youngest: $.min('$age'),
        first: $.first('$name'),
      })
      .sort({ ages: -1 })
      .skip(0)
      .limit(10)
      .project({
        _id: 0,
        village: '$_id',
        count: 1,
        ages: 1,
        avg: 1,
        oldest: 1,
        youngest: 1,
        first: 1,
      })
      .end()
    expect(list).toEqual([
      { village: 'v2', count: 2, ages: 105, avg: 52.5, oldest: 60, youngest: 45, first: '丙' },
      { village: 'v1', count: 2, ages: 75, avg: 37.5, oldest: 45, youngest: 30, first: '甲' },
    ])
  })

  it(`answers at most ${AGGREGATE_DEFAULT_LIMIT} results when no limit is given`, async () => {
    const { db } = await setup()
    for (let i = 0; i < 45; i++) await db.collection('many').add({ data: { i } })
    expect((await db.collection('many').aggregate().end()).list).toHaveLength(
      AGGREGATE_DEFAULT_LIMIT,
    )
    const all = await db.collection('many').aggregate().sort({ i: 1 }).limit(1000).end()
    expect(all.list).toHaveLength(45)
    const paged = await db.collection('many').aggregate().sort({ i: 1 }).skip(40).limit(20).end()
    expect(paged.list.map((d) => d.i)).toEqual([40, 41, 42, 43, 44])
  })
})

describe('the emulator under the real SDK: storage and openapi', () => {
  it('uploads through the signed URL, gives temp URLs (ranged reads too), deletes', async () => {
    const { sdk, emulator } = await setup()
    const { fileID } = await sdk.uploadFile({
      cloudPath: 'media/2026-12/a.jpg',
      fileContent: Buffer.from('0123456789'),
    })
    expect(emulator.storage.files.get(fileID)?.toString()).toBe('0123456789')
    const { fileList } = await sdk.getTempFileURL({
      fileList: [
        { fileID, maxAge: 60 },
        { fileID: `${fileID}.missing`, maxAge: 60 },
      ],
    })
    expect(fileList.map((f) => f.status)).toEqual([0, -503003])
    const ranged = await fetch(fileList[0]!.tempFileURL, { headers: { Range: 'bytes=2-4' } })
    expect([ranged.status, ranged.headers.get('content-range'), await ranged.text()]).toEqual([
      206,
      'bytes 2-4/10',
      '234',
    ])
    expect((await sdk.downloadFile({ fileID })).fileContent.toString()).toBe('0123456789')
    expect((await sdk.deleteFile({ fileList: [fileID] })).fileList[0]?.status).toBe(0)
    expect(emulator.storage.files.has(fileID)).toBe(false)
  })

  it('answers openapi calls from a script, WeChat errors as thrown errCodes', async () => {
    const { sdk, emulator } = await setup()
    const openapi = sdk.openapi as {
      subscribeMessage: { send(data: object): Promise<{ errCode: number }> }
    }
    expect(
      await openapi.subscribeMessage.send({ touser: 'o', templateId: 't', data: {} }),
    ).toMatchObject({ errCode: 0 })
    emulator.openapi.script('subscribeMessage.send', () => ({ errcode: 43101, errmsg: 'refused' }))
    await expect(
      openapi.subscribeMessage.send({ touser: 'o', templateId: 't', data: {} }),
    ).rejects.toMatchObject({ errCode: 43101 })
    // The SDK sends snake_case keys, as WeChat's HTTPS API takes them.
    expect(emulator.openapi.calls.at(-1)?.data).toEqual({ touser: 'o', template_id: 't', data: {} })
    emulator.openapi.reset()
  })
})
