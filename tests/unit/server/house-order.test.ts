import { describe, expect, it } from 'vitest'
import {
  chineseNumber,
  compareHouseNo,
  houseNoTokens,
  houseSortKey,
  MAX_HOUSE_NO_CHARS,
  MAX_KEY_CHARS,
} from '../../../server/places/house-order.rules'

/** Sorted by the stored key with plain string order, as both databases do. */
const byKey = (list: readonly string[]) =>
  [...list].sort((a, b) => {
    const ka = houseSortKey(a)
    const kb = houseSortKey(b)
    return ka < kb ? -1 : ka > kb ? 1 : 0
  })

/** Fisher–Yates with a fixed sequence, so the input order is never the answer. */
const shuffled = <T>(list: readonly T[]) => {
  const out = [...list]
  let seed = 7
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 48_271) % 2_147_483_647
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

describe('门牌号 in walking order', () => {
  it('东街1号 < 东街2号 < 东街10号 < 东街10号之一 < 东街11号', () => {
    const walk = ['东街1号', '东街2号', '东街10号', '东街10号之一', '东街11号']
    expect(byKey(shuffled(walk))).toEqual(walk)
    expect(byKey([...walk].reverse())).toEqual(walk)
  })

  it('numbers 1..12 in number order, not as text (text puts 10, 11, 12 before 1)', () => {
    const walk = Array.from({ length: 12 }, (_, i) => `西街${i + 1}号`)
    expect([...walk].sort().slice(0, 4)).toEqual(['西街10号', '西街11号', '西街12号', '西街1号'])
    expect(byKey(shuffled(walk))).toEqual(walk)
  })

  it('street first, then number: every house of one street before the next street', () => {
    const walk = ['东街2号', '东街10号', '西街1号', '西街3号']
    expect(byKey(shuffled(walk))).toEqual(walk)
  })

  it('suffixes after the plain number: 之一 < 之二 < 之十, then 附1 < 附2', () => {
    const walk = [
      '北巷5号',
      '北巷5号之一',
      '北巷5号之二',
      '北巷5号之十',
      '北巷5号附1',
      '北巷5号附2',
      '北巷6号',
    ]
    expect(byKey(shuffled(walk))).toEqual(walk)
  })

  it('Chinese numerals count as their value, equal to the digits', () => {
    expect(houseSortKey('东街十二号')).toBe(houseSortKey('东街12号'))
    expect(houseSortKey('东街一百零五号')).toBe(houseSortKey('东街105号'))
    const walk = ['东街九号', '东街10号', '东街十一号', '东街12号', '东街二十号']
    expect(byKey(shuffled(walk))).toEqual(walk)
  })

  it('chineseNumber: units, zeros, and digit-by-digit runs', () => {
    expect(chineseNumber('一')).toBe(1)
    expect(chineseNumber('十')).toBe(10)
    expect(chineseNumber('十二')).toBe(12)
    expect(chineseNumber('二十')).toBe(20)
    expect(chineseNumber('二十一')).toBe(21)
    expect(chineseNumber('一百零五')).toBe(105)
    expect(chineseNumber('两千')).toBe(2000)
    expect(chineseNumber('三万零一')).toBe(30_001)
    expect(chineseNumber('一〇五')).toBe(105)
  })

  it('full-width digits, spaces and leading zeros read as the same number', () => {
    expect(houseSortKey('东街１２号')).toBe(houseSortKey('东街12号'))
    expect(houseSortKey('东街 012 号')).toBe(houseSortKey('东街12号'))
  })

  it('a 门牌号 without a number comes after the numbered houses of its street', () => {
    const walk = ['东街1号', '东街99号', '东街', '西街1号']
    expect(byKey(shuffled(walk))).toEqual(walk)
  })

  it('at the same place a number comes before text', () => {
    expect(compareHouseNo('东街3号', '东街甲号')).toBe(-1)
    expect(compareHouseNo('东街甲号', '东街3号')).toBe(1)
    expect(compareHouseNo('东街3号', '东街3号')).toBe(0)
  })

  it('a page cursor holding the longest key stays within its 200 characters', () => {
    const cursor = Buffer.from(
      JSON.stringify([houseSortKey('街'.repeat(30)), 'hh-0123456789abcdef']),
    ).toString('base64url')
    expect(cursor.length).toBeLessThanOrEqual(200)
  })

  it('large numbers compare by value (digit count first)', () => {
    expect(compareHouseNo('路9号', '路10号')).toBe(-1)
    expect(compareHouseNo('路99号', '路100号')).toBe(-1)
    expect(compareHouseNo('路1000号', '路999号')).toBe(1)
  })

  it('keys are printable ASCII, so every database orders them alike, and bounded', () => {
    for (const no of ['东街10号之一', '😀路1号', 'A栋3单元', ''])
      expect(houseSortKey(no)).toMatch(/^[\x21-\x7e]*$/)
    expect(houseSortKey('路'.repeat(500))).toHaveLength(MAX_KEY_CHARS)
    // Cut keys keep the order: a shorter street of 30 characters still sorts by its number.
    const street = '很长的街道名'.repeat(5)
    expect(compareHouseNo(`${street}2号`, `${street}10号`)).toBeLessThanOrEqual(0)
    expect(houseSortKey(`${'路'.repeat(20)}9号`) <= houseSortKey(`${'路'.repeat(20)}10号`)).toBe(
      true,
    )
  })

  it('letters and digits: A栋2单元 < A栋10单元 < B栋1单元', () => {
    const walk = ['A栋2单元', 'A栋10单元', 'B栋1单元']
    expect(byKey(shuffled(walk))).toEqual(walk)
  })

  it('a 万 multiplies everything before it: 十二万 is 120000, 三百万 is 3000000', () => {
    expect(chineseNumber('十二万')).toBe(120_000)
    expect(chineseNumber('三百万')).toBe(3_000_000)
    expect(chineseNumber('一万二千')).toBe(12_000)
  })

  it('reads a 门牌号 as runs of text characters and numbers without leading zeros', () => {
    expect(houseNoTokens('东街0012号')).toEqual([
      { kind: 'text', value: '东' },
      { kind: 'text', value: '街' },
      { kind: 'number', value: '12' },
      { kind: 'text', value: '号' },
    ])
    expect(houseNoTokens('十二之一')).toEqual([
      { kind: 'number', value: '12' },
      { kind: 'text', value: '之' },
      { kind: 'number', value: '1' },
    ])
    expect(houseNoTokens('0')).toEqual([{ kind: 'number', value: '0' }])
    expect(houseSortKey('东街0012号')).toBe(houseSortKey('东街12号'))
  })

  it('letters compare without case: a栋 and A栋 are one place, before B栋', () => {
    expect(houseSortKey('a栋1单元')).toBe(houseSortKey('A栋1单元'))
    expect(compareHouseNo('a栋2单元', 'B栋1单元')).toBe(-1)
  })

  it('the key is 4 characters a text character, N + count + digits a number, ~ without one', () => {
    expect(houseSortKey('东街')).toHaveLength(4 + 4 + 1)
    expect(houseSortKey('东街12号')).toHaveLength(4 + 4 + (1 + 1 + 2) + 4)
    expect(houseSortKey('东街12号')).toMatch(/^T...T...N.12T...$/)
    // Beyond the Basic Multilingual Plane: 'U' and four characters.
    expect(houseSortKey('😀')).toMatch(/^U....~$/)
    // U+FFFF is the last character of the Plane: 'T' and three.
    expect(houseSortKey('\uffff')).toMatch(/^T...~$/)
  })

  it('characters beyond the Basic Multilingual Plane count and order by code point', () => {
    expect(compareHouseNo('😀1号', '1号')).not.toBe(0)
    expect(compareHouseNo('\u{3ffff}1号', '\u{f0000}1号')).toBe(-1)
    expect(compareHouseNo('\u{f0000}1号', '\u{3ffff}1号')).toBe(1)
    expect(compareHouseNo('\uffff', '\u{10000}')).toBe(-1)
  })

  it('reads the first 60 characters of a 门牌号 and ignores the rest', () => {
    expect(MAX_HOUSE_NO_CHARS).toBe(60)
    expect(houseSortKey('1'.repeat(61))).toBe(houseSortKey('1'.repeat(60)))
    expect(houseSortKey('1'.repeat(60))).not.toBe(houseSortKey('1'.repeat(59)))
  })
})
