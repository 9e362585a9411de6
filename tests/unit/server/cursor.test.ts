// Keyset cursors (server/shared/cursor.ts): opaque to the client, and any cursor that does not
// decode to [number or string, string] is BAD_INPUT with the same Chinese message.
import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from '../../../server/shared/cursor'

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

const refusal = {
  code: 'BAD_INPUT',
  message: '分页参数无效，请下拉刷新后重试',
  details: { fields: [{ path: 'cursor', message: '分页参数无效' }] },
}

describe('keyset cursors', () => {
  it('encodes [at, id] as base64url JSON', () => {
    expect(encodeCursor({ at: 123, id: 'ntc_1' })).toBe(raw([123, 'ntc_1']))
    expect(encodeCursor({ at: '东街2号', id: 'hh-1' })).toBe(raw(['东街2号', 'hh-1']))
    expect(encodeCursor({ at: 1, id: '?>' })).not.toMatch(/[+/=]/)
  })

  it('reads back a number or a string position', () => {
    expect(decodeCursor(raw([0, 'a']))).toEqual({ at: 0, id: 'a' })
    expect(decodeCursor(raw(['东街2号', 'hh-1']))).toEqual({ at: '东街2号', id: 'hh-1' })
    expect(decodeCursor(encodeCursor({ at: -5, id: '' }) ?? undefined)).toEqual({ at: -5, id: '' })
  })

  it.each([
    ['not JSON', Buffer.from('{').toString('base64url')],
    ['an object', raw({ at: 1, id: 'a' })],
    ['one element', raw([1])],
    ['three elements', raw([1, 'a', 'b'])],
    ['a boolean position', raw([true, 'a'])],
    ['a null position', raw([null, 'a'])],
    ['a number id', raw([1, 2])],
    ['a null id', raw([1, null])],
    ['a string', raw('1,a')],
    ['null', raw(null)],
  ])('refuses %s as BAD_INPUT', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining(refusal))
  })
})
