// lazyMethods (server/lazy/methods.ts): stand-ins that load the real object on first call.
import { describe, expect, it } from 'vitest'
import { lazyMethods } from '../../../server/lazy/methods'

interface Counter {
  add(by: number): Promise<number>
  total(): Promise<number>
}

function counter(): Counter {
  let n = 0
  return {
    add: async (by) => (n += by),
    total: async () => n,
  }
}

describe('lazyMethods', () => {
  it('loads nothing until a method is called, then once for every call after', async () => {
    let loads = 0
    const lazy = lazyMethods(
      async () => {
        loads++
        return counter()
      },
      { add: true, total: true },
    )
    expect(loads).toBe(0)
    expect(Object.keys(lazy).sort()).toEqual(['add', 'total'])
    // Calls made while the first load is under way wait for that same load.
    expect(await Promise.all([lazy.add(2), lazy.add(3)])).toEqual([2, 5])
    expect(await lazy.total()).toBe(5)
    expect(loads).toBe(1)
  })

  it('passes the arguments and the answer through, errors included', async () => {
    const lazy = lazyMethods(
      async () => ({
        join: async (a: string, b: string) => `${a}+${b}`,
        fail: async () => {
          throw new RangeError('no')
        },
      }),
      { join: true, fail: true },
    )
    expect(await lazy.join('a', 'b')).toBe('a+b')
    await expect(lazy.fail()).rejects.toBeInstanceOf(RangeError)
  })

  it('tries the load again on the next call after it failed', async () => {
    let attempts = 0
    const lazy = lazyMethods(
      async () => {
        attempts++
        if (attempts === 1) throw new Error('file missing')
        return counter()
      },
      { add: true, total: true },
    )
    await expect(lazy.add(1)).rejects.toThrow('file missing')
    expect(await lazy.add(1)).toBe(1)
    expect(await lazy.total()).toBe(1)
    expect(attempts).toBe(2)
  })
})
