// Roles, what a caller sees and acts on, and masked names: server/people/people.rules.ts.
import { describe, expect, it } from 'vitest'
import {
  gridScope,
  inGridScope,
  inVillageScope,
  maskName,
  roleOf,
  visibleVillageIds,
} from '../../../server/people/people.rules'
import type { Caller } from '../../../server/context'
import type { BindingRecord, UserRecord } from '../../../server/store/store'

const user = (staffRole: UserRecord['staffRole']): UserRecord => ({
  id: 'u',
  openid: 'o',
  nickname: 'n',
  staffRole,
  createdAt: 0,
})

const binding = (status: BindingRecord['status']): BindingRecord => ({
  id: 'b',
  userId: 'u',
  householdId: 'h',
  relation: 'head',
  status,
  createdAt: 0,
  decidedBy: null,
  decidedAt: null,
  reason: null,
})

const caller = (
  role: Caller['role'],
  home: string | null,
  gridVillageIds: string[] = [],
  gridIds: string[] = [],
): Caller => ({
  user: user(null),
  role,
  binding: null,
  household: home
    ? {
        id: 'h',
        villageId: home,
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
  gridVillageIds,
  gridIds,
})

describe('roleOf', () => {
  it('an appointed role wins over any binding', () => {
    expect(roleOf(user('admin'), null)).toBe('admin')
    expect(roleOf(user('gridWorker'), binding('pending'))).toBe('gridWorker')
  })

  it('only an approved binding makes a resident', () => {
    expect(roleOf(user(null), binding('approved'))).toBe('resident')
    expect(roleOf(user(null), binding('pending'))).toBe('visitor')
    expect(roleOf(user(null), binding('rejected'))).toBe('visitor')
    expect(roleOf(user(null), null)).toBe('visitor')
  })
})

describe('visibleVillageIds', () => {
  it('nobody signed in sees no village; an admin every village', () => {
    expect(visibleVillageIds(null)).toEqual([])
    expect(visibleVillageIds(caller('admin', 'a', ['b']))).toBeNull()
  })

  it('a grid worker sees home and grid villages once each, home first', () => {
    expect(visibleVillageIds(caller('gridWorker', 'a', ['b', 'a', 'c']))).toEqual(['a', 'b', 'c'])
    expect(visibleVillageIds(caller('gridWorker', null, ['b', 'b']))).toEqual(['b'])
  })

  it('a resident sees home; a visitor none', () => {
    expect(visibleVillageIds(caller('resident', 'a'))).toEqual(['a'])
    expect(visibleVillageIds(caller('visitor', null))).toEqual([])
  })
})

describe('maskName', () => {
  it('keeps first and last character of 3 and more, the first of 2, a single one as is', () => {
    expect(maskName('张小明')).toBe('张*明')
    expect(maskName('欧阳小明')).toBe('欧**明')
    expect(maskName('爱新觉罗溥仪')).toBe('爱****仪')
    expect(maskName('张明')).toBe('张*')
    expect(maskName('张')).toBe('张')
    expect(maskName('')).toBe('')
  })

  it('trims before masking and counts a character outside the BMP as one', () => {
    expect(maskName('  张小明 ')).toBe('张*明')
    expect(maskName(' 张 ')).toBe('张')
    expect(maskName('𠀋小明')).toBe('𠀋*明')
    expect(maskName('张𠀋')).toBe('张*')
  })
})

describe('grid and village scope', () => {
  const admin = caller('admin', null)
  const worker = caller('gridWorker', null, ['v1'], ['g1', 'g2'])
  const resident = caller('resident', 'v1', ['v1'], ['g1'])

  it('admins act on every grid; grid workers on theirs; others on none', () => {
    expect(gridScope(admin)).toBeNull()
    expect(gridScope(worker)).toEqual(['g1', 'g2'])
    expect(gridScope(resident)).toEqual([])
    expect(inGridScope(admin, 'g9')).toBe(true)
    expect(inGridScope(worker, 'g2')).toBe(true)
    expect(inGridScope(worker, 'g3')).toBe(false)
    expect(inGridScope(resident, 'g1')).toBe(false)
  })

  it('admins act on every village; grid workers where they serve a grid; others nowhere', () => {
    expect(inVillageScope(admin, 'v9')).toBe(true)
    expect(inVillageScope(worker, 'v1')).toBe(true)
    expect(inVillageScope(worker, 'v2')).toBe(false)
    expect(inVillageScope(resident, 'v1')).toBe(false)
  })
})
