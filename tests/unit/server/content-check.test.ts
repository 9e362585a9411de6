import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  findWord,
  loadWords,
  normaliseWords,
  saveWords,
  WORDS_SETTING,
} from '../../../server/content/content-check'
import { createLocalContentChecker } from '../../../server/content/local-checker'
import { createSqliteStore } from '../../../server/store/sqlite/sqlite-store'
import type { Store } from '../../../server/store/store'

describe('content check (local word list)', () => {
  let store: Store

  beforeEach(() => {
    store = createSqliteStore(':memory:')
  })
  afterEach(() => store.close())

  it('starts empty and passes everything', async () => {
    expect(await loadWords(store)).toEqual([])
    const checker = createLocalContentChecker(store)
    expect(await checker.checkText('任何内容都可以')).toEqual({ ok: true })
  })

  it('rejects a text containing a listed word, case-insensitively, naming the word', async () => {
    await saveWords(store, ['赌博', 'Casino'])
    const checker = createLocalContentChecker(store)
    expect(await checker.checkText('欢迎来 CASINO 玩')).toEqual({
      ok: false,
      reason: '含有敏感词“Casino”，请修改后再提交',
    })
    expect(await checker.checkText('严禁聚众赌博')).toMatchObject({ ok: false })
    expect(await checker.checkText('村里修路了')).toEqual({ ok: true })
  })

  it('applies an edit of the list at once', async () => {
    const checker = createLocalContentChecker(store)
    expect((await checker.checkText('广告')).ok).toBe(true)
    await saveWords(store, ['广告'])
    expect((await checker.checkText('广告')).ok).toBe(false)
  })

  it('passes pictures: there is no local image model', async () => {
    await saveWords(store, ['x'])
    const checker = createLocalContentChecker(store)
    expect(await checker.checkImage(Buffer.from('x'), 'image/png')).toEqual({ ok: true })
  })

  it('normalises the list: trimmed, no empties, no case-insensitive duplicates, order kept', () => {
    expect(normaliseWords([' 甲 ', '', 'Ab', 'aB', '乙', '甲'])).toEqual(['甲', 'Ab', '乙'])
  })

  it('reads a damaged setting as an empty list rather than failing every publish', async () => {
    await store.settings.set(WORDS_SETTING, '{not json')
    expect(await loadWords(store)).toEqual([])
    await store.settings.set(WORDS_SETTING, '["a", 3, "b"]')
    expect(await loadWords(store)).toEqual(['a', 'b'])
  })

  it('findWord reports the first listed word found', () => {
    expect(findWord('abc', ['z', 'B', 'a'])).toBe('B')
    expect(findWord('abc', [])).toBeNull()
  })
})
