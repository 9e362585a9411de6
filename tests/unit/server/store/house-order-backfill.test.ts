// Households stored on the cloud database before the walking-order key existed have no
// houseSort: the timer's fillSortKeys gives them theirs, and the list reads in 门牌号 order.
import { afterEach, describe, expect, it } from 'vitest'
import { houseSortKey } from '../../../../server/places/house-order.rules'
import type { Store } from '../../../../server/store/store'
import { buildTestTown, NOW } from '../../../helpers/factories'
import { openStoreWithCloud } from '../../../helpers/store-adapters'

describe('walking-order key backfill (cloud)', () => {
  let store: Store | undefined
  afterEach(async () => store?.close())

  it('fills the key of households stored without one, in bounded batches, once', async () => {
    const opened = await openStoreWithCloud('cloud', buildTestTown())
    store = opened.store
    const { cloud } = opened
    if (!cloud) throw new Error('the cloud store comes with its emulated environment')
    const db = cloud.db
    // Written as the adapter did before houseSort: no key.
    for (const [id, houseNo] of [
      ['hh-old1', '东街20号'],
      ['hh-old2', '东街4号'],
      ['hh-old3', '东街10号之一'],
    ] as const)
      await db.collection('households').add({
        data: {
          _id: id,
          villageId: 'vil-a',
          groupId: 'vil-a-g1',
          gridId: 'vil-a-grid',
          headName: `老户${id}`,
          houseNo,
          size: 1,
          phone: null,
          showNameOnRed: false,
          createdAt: NOW,
        },
      })
    const list = async () =>
      (await store!.households.list({ gridIds: null, villageId: 'vil-a', limit: 20 })).items.map(
        (h) => h.houseNo,
      )
    // Without a key they are out of place.
    expect((await list()).slice(0, 3)).not.toEqual(['东街1号', '东街2号', '东街3号'])

    expect(await store.households.fillSortKeys(2)).toBe(2)
    expect(await store.households.fillSortKeys(100)).toBe(1)
    expect(await store.households.fillSortKeys(100)).toBe(0)
    expect(await list()).toEqual([
      '东街1号',
      '东街2号',
      '东街3号',
      '东街4号',
      '东街10号',
      '东街10号之一',
      '东街20号',
    ])
    const stored = cloud.dump('households').find((d) => d._id === 'hh-old3')
    expect(stored?.houseSort).toBe(houseSortKey('东街10号之一'))
    // The key stays a storage detail: the record read back has no houseSort.
    const view = await store.places.household('hh-old3')
    expect(view && 'houseSort' in view).toBe(false)
  })

  it('finds nothing to fill on SQLite: the migration and every insert set the key', async () => {
    const opened = await openStoreWithCloud('sqlite', buildTestTown())
    store = opened.store
    expect(await store.households.fillSortKeys(100)).toBe(0)
  })
})
