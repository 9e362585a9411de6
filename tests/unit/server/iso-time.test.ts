// Epoch milliseconds on the wire (server/shared/time.ts): ISO 8601 in UTC, null kept.
import { describe, expect, it } from 'vitest'
import { toIso, toIsoOrNull } from '../../../server/shared/time'

describe('wire times', () => {
  it('writes epoch milliseconds as ISO 8601 UTC', () => {
    expect(toIso(0)).toBe('1970-01-01T00:00:00.000Z')
    expect(toIso(Date.parse('2026-12-04T22:30:00+08:00'))).toBe('2026-12-04T14:30:00.000Z')
  })

  it('keeps null, and writes 0 as the epoch rather than null', () => {
    expect(toIsoOrNull(null)).toBeNull()
    expect(toIsoOrNull(0)).toBe('1970-01-01T00:00:00.000Z')
    expect(toIsoOrNull(1)).toBe('1970-01-01T00:00:00.001Z')
  })
})
