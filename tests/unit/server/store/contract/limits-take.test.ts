// Store contract: rate-limit counters (Store.limits.take) on both adapters. Under a limit an
// amount is added only while it fits: at the limit passes, one over is refused and writes
// nothing, and an amount larger than the whole budget never lands on the counter.
import { describe, expect, it } from 'vitest'
import { NOW } from '../../../../helpers/factories'
import { openStore, storeKinds, closeAfterEach } from '../../../../helpers/store-adapters'

const END = NOW + 60_000

describe.each(storeKinds)('rate-limit counters (%s)', (kind) => {
  const closing = closeAfterEach()

  it('a budget of 3 calls: the 1st to the 3rd fit, the 4th is refused and not counted', async () => {
    const store = closing(await openStore(kind))
    const take = () => store.limits.take('write:u-1:0', 1, END, 3)
    for (let i = 1; i <= 3; i++) {
      const answer = await take()
      // The cloud answers a fitting amount with any value from it to the limit.
      expect(answer).toBeGreaterThanOrEqual(1)
      expect(answer).toBeLessThanOrEqual(3)
      expect(await store.limits.take('write:u-1:0', 0, END)).toBe(i)
    }
    expect(await take()).toBe(4)
    expect(await take()).toBe(4)
    expect(await store.limits.take('write:u-1:0', 0, END)).toBe(3)
    // Another caller's counter is its own.
    expect(await store.limits.take('write:u-2:0', 1, END, 3)).toBe(1)
  })

  it('bytes: 6 of 10 taken, 5 more is refused (11), 4 more fits exactly (10)', async () => {
    const store = closing(await openStore(kind))
    const key = 'uploadBytes:u-1:0'
    expect(await store.limits.take(key, 6, END, 10)).toBeGreaterThanOrEqual(6)
    expect(await store.limits.take(key, 5, END, 10)).toBe(11)
    expect(await store.limits.take(key, 0, END)).toBe(6)
    expect(await store.limits.take(key, 4, END, 10)).toBe(10)
    expect(await store.limits.take(key, 0, END)).toBe(10)
  })

  it('an amount over the whole budget never lands, on a new counter or a used one', async () => {
    const store = closing(await openStore(kind))
    expect(await store.limits.take('uploadBytes:u-3:0', 11, END, 10)).toBe(11)
    expect(await store.limits.take('uploadBytes:u-3:0', 0, END)).toBe(0)
    await store.limits.take('uploadBytes:u-4:0', 2, END, 10)
    expect(await store.limits.take('uploadBytes:u-4:0', 11, END, 10)).toBeGreaterThan(10)
    expect(await store.limits.take('uploadBytes:u-4:0', 0, END)).toBe(2)
  })

  it('without a limit (a failure drawn after the fact) the amount is always added', async () => {
    const store = closing(await openStore(kind))
    for (let i = 1; i <= 12; i++) expect(await store.limits.take('wrongCode:u-1:0', 1, END)).toBe(i)
  })
})
