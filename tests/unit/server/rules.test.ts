import { describe, expect, it } from 'vitest'
import { isInScope, isLive, summarise } from '../../../server/bulletin/bulletin.rules'
import { phaseAt } from '../../../server/campaigns/campaigns.rules'
import { maskName, roleOf, visibleVillageIds } from '../../../server/people/people.rules'
import type { Caller } from '../../../server/context'
import type { UserRecord } from '../../../server/store/store'

describe('people rules', () => {
  it('masks names keeping the first and last character', () => {
    expect(maskName('张小明')).toBe('张*明')
    expect(maskName('张明')).toBe('张*')
    expect(maskName('欧阳小明')).toBe('欧**明')
    expect(maskName('张')).toBe('张')
  })

  const user = (staffRole: UserRecord['staffRole']): UserRecord => ({
    id: 'u',
    openid: 'o',
    nickname: 'n',
    staffRole,
    createdAt: 0,
  })

  it('an appointed role wins over a binding; a binding must be approved', () => {
    const binding = {
      id: 'b',
      userId: 'u',
      householdId: 'h',
      relation: 'head' as const,
      status: 'approved' as const,
      createdAt: 0,
      decidedBy: null,
      decidedAt: null,
      reason: null,
    }
    expect(roleOf(user('gridWorker'), binding)).toBe('gridWorker')
    expect(roleOf(user(null), binding)).toBe('resident')
    expect(roleOf(user(null), { ...binding, status: 'pending' })).toBe('visitor')
    expect(roleOf(user(null), null)).toBe('visitor')
  })

  it('sees villages: admin all, grid worker theirs plus home, resident home, nobody none', () => {
    const caller = (role: Caller['role'], villageId: string | null, grids: string[]): Caller => ({
      user: user(null),
      role,
      binding: null,
      household: villageId
        ? {
            id: 'h',
            villageId,
            groupId: 'g',
            gridId: 'gr',
            headName: '某',
            houseNo: '1号',
            size: 1,
            phone: null,
            showNameOnRed: false,
            createdAt: 0,
            villageName: '村',
            groupName: '组',
            gridName: '网格',
          }
        : null,
      gridVillageIds: grids,
      gridIds: [],
    })
    expect(visibleVillageIds(null)).toEqual([])
    expect(visibleVillageIds(caller('admin', null, []))).toBeNull()
    expect(visibleVillageIds(caller('gridWorker', 'a', ['b', 'a']))).toEqual(['a', 'b'])
    expect(visibleVillageIds(caller('resident', 'a', []))).toEqual(['a'])
    expect(visibleVillageIds(caller('visitor', null, []))).toEqual([])
  })
})

describe('bulletin rules', () => {
  it('a notice is live from its publish time until (not at) its expiry', () => {
    const n = { status: 'published' as const, publishAt: 100, expireAt: 200 }
    expect(isLive(n, 99)).toBe(false)
    expect(isLive(n, 100)).toBe(true)
    expect(isLive(n, 199)).toBe(true)
    expect(isLive(n, 200)).toBe(false)
    expect(isLive({ ...n, status: 'withdrawn' }, 150)).toBe(false)
  })

  it('township-wide notices are in everyone scope; village ones only in theirs', () => {
    expect(isInScope([], [])).toBe(true)
    expect(isInScope(['a'], [])).toBe(false)
    expect(isInScope(['a', 'b'], ['b'])).toBe(true)
    expect(isInScope(['a'], null)).toBe(true)
  })

  it('summarises the first paragraph in at most 60 characters', () => {
    expect(summarise('第一段。\n\n第二段。')).toBe('第一段。')
    const long = summarise('字'.repeat(100))
    expect(Array.from(long)).toHaveLength(60)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('campaign phases', () => {
  const c = {
    nominationStartsAt: 1000,
    reviewStartsAt: 2000,
    votingStartsAt: 3000,
    votingEndsAt: 4000,
    publicityEndsAt: 5000,
  }

  it('each boundary belongs to the phase it starts, exact to the millisecond', () => {
    expect(phaseAt(c, 999)).toEqual({ phase: 'upcoming', endsAt: 1000 })
    expect(phaseAt(c, 1000).phase).toBe('nomination')
    expect(phaseAt(c, 2999).phase).toBe('review')
    expect(phaseAt(c, 3000)).toEqual({ phase: 'voting', endsAt: 4000 })
    expect(phaseAt(c, 3999).phase).toBe('voting')
    expect(phaseAt(c, 4000).phase).toBe('publicity')
    expect(phaseAt(c, 5000)).toEqual({ phase: 'closed', endsAt: null })
  })
})
