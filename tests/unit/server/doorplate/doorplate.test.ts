// 户码's pure parts: the code carries nothing of the household and is long and random enough
// not to be guessed; the landing of every kind of caller.
import { describe, expect, it } from 'vitest'
import type { Role } from '../../../../contract'
import type { Caller } from '../../../../server/context'
import { landingFor } from '../../../../server/doorplate/doorplate.rules'
import {
  base32,
  newPlateCode,
  PLATE_CODE_BYTES,
  plateCodePattern,
} from '../../../../server/doorplate/plate-code'
import type { BindingRecord, HouseholdView } from '../../../../server/store/store'

describe('the doorplate code', () => {
  it('encodes 160 random bits as 32 lower-case base32 characters (RFC 4648 vectors)', () => {
    expect(PLATE_CODE_BYTES * 8).toBeGreaterThanOrEqual(128)
    expect(base32(Buffer.from('foobar'))).toBe('mzxw6ytboi')
    expect(base32(Buffer.from('f'))).toBe('my')
    expect(base32(new Uint8Array(20).fill(255))).toBe('7'.repeat(32))
    for (let i = 0; i < 200; i++) expect(newPlateCode()).toMatch(plateCodePattern)
  })

  it('two households side by side (ids and 门牌号 one apart) get codes that share nothing', () => {
    // The code takes no input at all: whatever two adjacent households are, their codes are
    // independent draws. Measured over many pairs: no common prefix beyond chance, and about
    // 1/32 of positions equal, as two random strings would.
    let samePositions = 0
    let longestPrefix = 0
    const pairs = 500
    for (let i = 0; i < pairs; i++) {
      const a = newPlateCode()
      const b = newPlateCode()
      expect(a).not.toBe(b)
      let prefix = 0
      while (prefix < 32 && a[prefix] === b[prefix]) prefix++
      longestPrefix = Math.max(longestPrefix, prefix)
      for (let k = 0; k < 32; k++) if (a[k] === b[k]) samePositions++
    }
    expect(longestPrefix).toBeLessThan(5)
    const rate = samePositions / (pairs * 32)
    expect(rate).toBeGreaterThan(1 / 32 - 0.01)
    expect(rate).toBeLessThan(1 / 32 + 0.01)
  })

  it('uses every symbol about equally (entropy close to 5 bits a character)', () => {
    const counts = new Map<string, number>()
    const draws = 2_000
    for (let i = 0; i < draws; i++)
      for (const ch of newPlateCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1)
    const total = draws * 32
    let entropy = 0
    for (const n of counts.values()) entropy -= (n / total) * Math.log2(n / total)
    expect(counts.size).toBe(32)
    expect(entropy).toBeGreaterThan(4.99)
  })
})

function caller(
  role: Role,
  extra: { household?: string; gridIds?: string[]; bound?: boolean } = {},
): Caller {
  return {
    user: { id: `u-${role}`, openid: role, nickname: role, staffRole: null, createdAt: 0 },
    role,
    binding: extra.bound ? ({ id: 'b' } as BindingRecord) : null,
    household: extra.household ? ({ id: extra.household } as HouseholdView) : null,
    gridVillageIds: [],
    gridIds: extra.gridIds ?? [],
  }
}

describe('landingFor', () => {
  const home = { householdId: 'hh-1', gridId: 'grid-1' }
  it('sends each caller where the issue says', () => {
    expect(landingFor(caller('resident', { household: 'hh-1', bound: true }), home, null)).toBe(
      'family',
    )
    expect(landingFor(caller('gridWorker', { gridIds: ['grid-1'] }), home, 'r-1')).toBe('inspect')
    // Between rounds there is no form: the household's staff page.
    expect(landingFor(caller('gridWorker', { gridIds: ['grid-1'] }), home, null)).toBe('household')
    expect(landingFor(caller('gridWorker', { gridIds: ['grid-2'] }), home, 'r-1')).toBe('public')
    expect(landingFor(caller('visitor'), home, 'r-1')).toBe('bind')
    expect(landingFor(caller('resident', { household: 'hh-2', bound: true }), home, null)).toBe(
      'public',
    )
    expect(landingFor(null, home, 'r-1')).toBe('public')
    expect(landingFor(caller('admin'), home, 'r-1')).toBe('household')
    // A grid worker who lives in the household lands at home first.
    expect(
      landingFor(caller('gridWorker', { household: 'hh-1', gridIds: ['grid-1'] }), home, 'r-1'),
    ).toBe('family')
  })
})
