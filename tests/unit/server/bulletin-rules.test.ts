// The bulletin's pure rules (server/bulletin/bulletin.rules.ts): when a notice is live, whom it
// reaches, its summary, its state for the author, and who may address and edit it.
import { describe, expect, it } from 'vitest'
import {
  expiresInTime,
  isInScope,
  isLive,
  looksLikeMarkup,
  mayEdit,
  noticeState,
  scopeRefusal,
  summarise,
} from '../../../server/bulletin/bulletin.rules'
import type { Caller } from '../../../server/context'

const notice = (status: 'draft' | 'published' | 'withdrawn', expireAt: number | null = 200) => ({
  status,
  publishAt: 100,
  expireAt,
})

const caller = (role: Caller['role'], id: string, gridVillageIds: string[]): Caller => ({
  user: { id, openid: `o-${id}`, nickname: id, staffRole: null, createdAt: 0 },
  role,
  binding: null,
  household: null,
  gridVillageIds,
  gridIds: [],
})

describe('isLive: from the publish time until (not at) the expiry', () => {
  it('is live at 100 and 199 of a notice published at 100 expiring at 200, not at 99 or 200', () => {
    expect(isLive(notice('published'), 99)).toBe(false)
    expect(isLive(notice('published'), 100)).toBe(true)
    expect(isLive(notice('published'), 199)).toBe(true)
    expect(isLive(notice('published'), 200)).toBe(false)
    expect(isLive(notice('published'), 201)).toBe(false)
  })

  it('a notice without expiry stays live', () => {
    expect(isLive(notice('published', null), 100)).toBe(true)
    expect(isLive(notice('published', null), 10 ** 13)).toBe(true)
    expect(isLive(notice('published', null), 99)).toBe(false)
  })

  it('a draft or withdrawn notice is never live', () => {
    expect(isLive(notice('draft'), 150)).toBe(false)
    expect(isLive(notice('withdrawn', null), 150)).toBe(false)
  })
})

describe('isInScope', () => {
  it('a township-wide notice reaches everyone, even a viewer with no village', () => {
    expect(isInScope([], [])).toBe(true)
    expect(isInScope([], ['a'])).toBe(true)
  })

  it('a village notice reaches viewers of any of its villages, and admins (null)', () => {
    expect(isInScope(['a', 'b'], ['b'])).toBe(true)
    expect(isInScope(['a', 'b'], ['c', 'a'])).toBe(true)
    expect(isInScope(['a'], null)).toBe(true)
    expect(isInScope(['a', 'b'], ['c'])).toBe(false)
    expect(isInScope(['a'], [])).toBe(false)
  })
})

describe('summarise: the first paragraph, at most 60 characters', () => {
  it('takes the first paragraph, its lines joined by single spaces', () => {
    expect(summarise('第一段，\n  续一行。\n\n第二段。')).toBe('第一段， 续一行。')
    expect(summarise('第一段。\n \t\n第二段。')).toBe('第一段。')
    expect(summarise('  开头有空格  ')).toBe('开头有空格')
    expect(summarise('')).toBe('')
  })

  it('keeps 60 characters whole and cuts 61 to 59 and an ellipsis', () => {
    const sixty = '字'.repeat(60)
    expect(summarise(sixty)).toBe(sixty)
    expect(summarise('字'.repeat(61))).toBe(`${'字'.repeat(59)}…`)
    expect(summarise(`${'甲'.repeat(59)}乙丙`)).toBe(`${'甲'.repeat(59)}…`)
  })

  it('counts a character outside the BMP as one', () => {
    const emoji = '🌾'.repeat(60)
    expect(summarise(emoji)).toBe(emoji)
    expect(summarise('🌾'.repeat(61))).toBe(`${'🌾'.repeat(59)}…`)
  })
})

describe('noticeState: what the author sees', () => {
  it('a draft and a withdrawn notice keep their status', () => {
    expect(noticeState(notice('draft'), 150)).toBe('draft')
    expect(noticeState(notice('withdrawn'), 500)).toBe('withdrawn')
  })

  it('published: scheduled before its publish time, published from it, expired from its expiry', () => {
    expect(noticeState(notice('published'), 99)).toBe('scheduled')
    expect(noticeState(notice('published'), 100)).toBe('published')
    expect(noticeState(notice('published'), 199)).toBe('published')
    expect(noticeState(notice('published'), 200)).toBe('expired')
    expect(noticeState(notice('published', null), 10 ** 13)).toBe('published')
  })
})

describe('who may address and edit a notice', () => {
  const admin = caller('admin', 'u-admin', [])
  const worker = caller('gridWorker', 'u-grid', ['v1', 'v2'])

  it('admins address the whole township or any village', () => {
    expect(scopeRefusal(admin, [])).toBeNull()
    expect(scopeRefusal(admin, ['v9'])).toBeNull()
  })

  it('a grid worker addresses only villages of their own grids', () => {
    expect(scopeRefusal(worker, ['v1'])).toBeNull()
    expect(scopeRefusal(worker, ['v1', 'v2'])).toBeNull()
    expect(scopeRefusal(worker, [])).toBe('网格员只能向本人负责的村发布，不能发布全镇公告')
    expect(scopeRefusal(worker, ['v3'])).toBe('网格员只能向本人负责的村发布公告')
    expect(scopeRefusal(worker, ['v1', 'v3'])).toBe('网格员只能向本人负责的村发布公告')
  })

  it('admins edit any notice; a grid worker their own, within their villages', () => {
    expect(mayEdit(admin, { authorId: 'someone', villageIds: [] })).toBe(true)
    expect(mayEdit(worker, { authorId: 'u-grid', villageIds: ['v2'] })).toBe(true)
    expect(mayEdit(worker, { authorId: 'other', villageIds: ['v2'] })).toBe(false)
    expect(mayEdit(worker, { authorId: 'u-grid', villageIds: ['v3'] })).toBe(false)
    expect(mayEdit(worker, { authorId: 'u-grid', villageIds: [] })).toBe(false)
  })
})

describe('small checks', () => {
  it('an expiry must come after the publish time; none is fine', () => {
    expect(expiresInTime(100, null)).toBe(true)
    expect(expiresInTime(100, 101)).toBe(true)
    expect(expiresInTime(100, 100)).toBe(false)
    expect(expiresInTime(100, 99)).toBe(false)
  })

  it('a body is markup when it has a tag', () => {
    expect(looksLikeMarkup('<p>通知</p>')).toBe(true)
    expect(looksLikeMarkup('<P>通知</P>')).toBe(true)
    expect(looksLikeMarkup('通知 <b>重要</b>')).toBe(true)
    expect(looksLikeMarkup('3 < 5，通知')).toBe(false)
    expect(looksLikeMarkup('<1 号楼>')).toBe(false)
    expect(looksLikeMarkup('第一段。\n\n第二段。')).toBe(false)
  })
})
