// The one masking rule of the board, at its boundaries: who sees a household in full, and
// what everybody else sees of it on each list.
import { describe, expect, it } from 'vitest'
import type { Role } from '../../../contract'
import { householdSight, seesFullDetail } from '../../../server/board/household-sight'
import { decodeRowId, encodeRowId } from '../../../server/board/row-ids'
import type { Caller } from '../../../server/context'
import type { HouseholdView } from '../../../server/store/store'

const home = {
  householdId: 'hh-1',
  gridId: 'grid-1',
  headName: '周有才',
  houseNo: '东街5号',
  showNameOnRed: true,
}

function caller(role: Role, extra: { household?: string; gridIds?: string[] } = {}): Caller {
  return {
    user: { id: `u-${role}`, openid: role, nickname: role, staffRole: null, createdAt: 0 },
    role,
    binding: null,
    household: extra.household ? ({ id: extra.household } as HouseholdView) : null,
    gridVillageIds: [],
    gridIds: extra.gridIds ?? [],
  }
}

describe('householdSight', () => {
  it('shows everything to the household itself, its grid workers and admins', () => {
    for (const viewer of [
      caller('resident', { household: 'hh-1' }),
      caller('gridWorker', { gridIds: ['grid-0', 'grid-1'] }),
      caller('admin'),
    ]) {
      expect(householdSight(viewer, home, 'black')).toEqual({
        full: true,
        name: '周有才',
        houseNo: '东街5号',
      })
    }
  })

  it('masks a black-list line for everybody else, consent or not, and never gives the door', () => {
    for (const viewer of [
      null,
      caller('visitor'),
      caller('resident', { household: 'hh-2' }),
      caller('gridWorker', { gridIds: ['grid-2'] }),
      // A grid worker no longer (role taken back): grids on file give no sight.
      caller('resident', { household: 'hh-2', gridIds: ['grid-1'] }),
    ]) {
      expect(householdSight(viewer, home, 'black')).toEqual({
        full: false,
        name: '周*才',
        houseNo: '',
      })
    }
  })

  it('names a red, 进步 or unlisted household in full only with its consent', () => {
    for (const list of ['red', 'progress', null] as const) {
      expect(householdSight(null, home, list).name).toBe('周有才')
      expect(householdSight(null, { ...home, showNameOnRed: false }, list).name).toBe('周*才')
      expect(householdSight(null, home, list).houseNo).toBe('')
    }
  })

  it('masks names of one, two, three and four characters', () => {
    const named = (headName: string) =>
      householdSight(null, { ...home, headName, showNameOnRed: false }, 'red').name
    expect(named('周')).toBe('周')
    expect(named('周才')).toBe('周*')
    expect(named('周有才')).toBe('周*才')
    expect(named('欧阳有才')).toBe('欧**才')
  })

  it('a grid worker sees in full only the households of the grids they serve', () => {
    const worker = caller('gridWorker', { gridIds: ['grid-1'] })
    expect(seesFullDetail(worker, { householdId: 'hh-9', gridId: 'grid-1' })).toBe(true)
    expect(seesFullDetail(worker, { householdId: 'hh-9', gridId: 'grid-10' })).toBe(false)
    expect(seesFullDetail(caller('gridWorker'), { householdId: 'hh-9', gridId: '' })).toBe(false)
  })
})

describe('line ids', () => {
  const key = Buffer.alloc(32, 7)

  it('read back to the household in their own round only', () => {
    const id = encodeRowId(key, 'rnd-2026-10', 'hh-01-054')
    expect(id).not.toContain('hh-01-054')
    expect(id.length).toBeLessThanOrEqual(64)
    expect(encodeRowId(key, 'rnd-2026-10', 'hh-01-054')).toBe(id)
    expect(decodeRowId(key, 'rnd-2026-10', id)).toBe('hh-01-054')
    expect(decodeRowId(key, 'rnd-2026-11', id)).toBeNull()
    expect(encodeRowId(key, 'rnd-2026-11', 'hh-01-054')).not.toBe(id)
  })

  it('refuse another key, a changed character, a household id and garbage', () => {
    const id = encodeRowId(key, 'r', 'hh-01-054')
    expect(decodeRowId(Buffer.alloc(32, 8), 'r', id)).toBeNull()
    const last = id.slice(-1) === 'A' ? 'B' : 'A'
    expect(decodeRowId(key, 'r', id.slice(0, -1) + last)).toBeNull()
    expect(decodeRowId(key, 'r', 'hh-01-054')).toBeNull()
    expect(decodeRowId(key, 'r', 'ln_')).toBeNull()
    expect(decodeRowId(key, 'r', 'ln_!!!')).toBeNull()
  })
})
