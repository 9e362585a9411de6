import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  checkWords,
  findWord,
  inTurn,
  loadWords,
  MAX_TEXT_CHARS,
  MAX_WORD_CHARS,
  MAX_WORDS,
  normaliseText,
  normaliseWords,
  saveWords,
  TOO_LONG,
  WORDS_SETTING,
  type ContentChecker,
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

  it('finds a listed word spaced out, split by zero-width or punctuation, or full-width', () => {
    const words = ['赌博', 'QQ群']
    for (const text of [
      '赌 博',
      '赌\u200b博',
      '赌·博',
      '赌\u3000博',
      '赌\u00ad博',
      '赌\u2060博',
      '赌\ufeff博',
      '赌\n博',
      '赌-_-博',
      '赌★博',
      '赌\u0301博',
    ])
      expect(findWord(`欢迎来${text}`, words), JSON.stringify(text)).toBe('赌博')
    for (const text of ['ＱＱ群', 'qq群', 'Q Q 群', 'Ｑ\u200bｑ.群', '【Q】【Q】群'])
      expect(findWord(`加${text}领奖`, words), text).toBe('QQ群')
  })

  it('passes a harmless text that shares characters with a listed word', () => {
    const words = ['赌博', 'QQ群', '六合彩']
    for (const text of ['博物馆今天开放', '赌气不是办法', '群众路线', '六月合作社彩排'])
      expect(findWord(text, words), text).toBeNull()
  })

  it('normalises NFKC, case-folded, with whitespace, format, marks, punctuation, symbols dropped', () => {
    expect(normaliseText(' ＡＢｃ 1２３ ')).toBe('abc123')
    expect(normaliseText('赌\u200b·博！')).toBe('赌博')
    expect(normaliseText('Straße')).toBe('strasse')
    expect(normaliseText('㈱')).toBe('株')
    expect(normaliseText('')).toBe('')
  })

  it('matches a listed word written spaced out itself, and de-duplicates by the normal form', () => {
    expect(findWord('严禁赌博', ['赌 博'])).toBe('赌 博')
    expect(normaliseWords(['赌博', '赌 博', 'ＱＱ群', 'qq群', '赌'])).toEqual([
      '赌博',
      'ＱＱ群',
      '赌',
    ])
  })

  it('keeps a word of symbols only, matched on the folded text', () => {
    expect(findWord('好★评', ['★'])).toBe('★')
    expect(findWord('好评', ['★'])).toBeNull()
    expect(normaliseWords(['★', '★', ' '])).toEqual(['★'])
  })

  it('refuses a text beyond the length bound without parsing it, and checks one at the bound', () => {
    const words = ['赌博']
    expect(checkWords('村'.repeat(MAX_TEXT_CHARS), words)).toEqual({ ok: true })
    expect(checkWords('村'.repeat(MAX_TEXT_CHARS - 2) + '赌博', words)).toMatchObject({ ok: false })
    expect(checkWords('村'.repeat(MAX_TEXT_CHARS + 1), words)).toEqual({
      ok: false,
      reason: TOO_LONG,
    })
  })

  it('reads at most MAX_WORDS words from the setting', async () => {
    const many = Array.from({ length: MAX_WORDS + 5 }, (_, i) => `词${i}`)
    await store.settings.set(WORDS_SETTING, JSON.stringify(many))
    const words = await loadWords(store)
    expect(words).toHaveLength(MAX_WORDS)
    expect(words.at(-1)).toBe(`词${MAX_WORDS - 1}`)
  })

  it('inTurn: the first refusal wins; all must pass', async () => {
    const seen: string[] = []
    const say = (name: string, ok: boolean): ContentChecker => ({
      async checkText() {
        seen.push(name)
        return ok ? { ok: true } : { ok: false, reason: name }
      },
      async checkImage() {
        seen.push(`${name}:img`)
        return ok ? { ok: true } : { ok: false, reason: name }
      },
    })
    expect(await inTurn(say('a', true), say('b', false), say('c', false)).checkText('x')).toEqual({
      ok: false,
      reason: 'b',
    })
    expect(seen).toEqual(['a', 'b'])
    expect(await inTurn(say('a', true), say('b', true)).checkText('x')).toEqual({ ok: true })
    expect(
      await inTurn(say('a', true), say('d', false)).checkImage(Buffer.from(''), 'image/png'),
    ).toEqual({
      ok: false,
      reason: 'd',
    })
    expect(
      await inTurn(say('a', true), say('e', true)).checkImage(Buffer.from(''), 'image/png'),
    ).toEqual({ ok: true })
  })
})

describe('content check: the bounds and order of the word list', () => {
  let store: Store
  beforeEach(() => {
    store = createSqliteStore(':memory:')
  })
  afterEach(() => store.close())

  it('keeps words of up to 80 characters from the setting (4 × MAX_WORD_CHARS), drops longer and non-text', async () => {
    expect(MAX_WORD_CHARS * 4).toBe(80)
    const at = '长'.repeat(80)
    const above = '长'.repeat(81)
    await store.settings.set(WORDS_SETTING, JSON.stringify(['a', at, above, { length: 1 }, 7, 'b']))
    expect(await loadWords(store)).toEqual(['a', at, 'b'])
  })

  it('matches a word of 80 characters; a longer one is never matched', () => {
    const at = 'x'.repeat(79) + 'y'
    const above = 'x'.repeat(80) + 'y'
    expect(findWord(`前${at}后`, [at])).toBe(at)
    expect(findWord(`前${above}后`, [above])).toBeNull()
    expect(findWord(`前${above}后`, [above, at])).toBe(at)
  })

  it('reports the word listed first, wherever in the text each is found', () => {
    expect(findWord('甲乙', ['甲', '乙'])).toBe('甲')
    expect(findWord('甲乙', ['乙', '甲'])).toBe('乙')
    expect(findWord('乙甲', ['甲', '乙'])).toBe('甲')
  })

  it('matches only the first MAX_WORDS words of a list', () => {
    const words = Array.from({ length: MAX_WORDS }, (_, i) => `甲${i}`)
    expect(findWord('乙', [...words, '乙'])).toBeNull()
    expect(findWord('乙', [...words.slice(1), '乙'])).toBe('乙')
  })

  it('a word of spaces or zero-width characters only matches nothing', () => {
    expect(findWord('任何 文字\u200b都行', [' ', '\u200b', '\u3000'])).toBeNull()
  })

  it('a word of symbols written spaced out matches the symbols side by side', () => {
    expect(findWord('好评★★', ['★ ★'])).toBe('★ ★')
    expect(findWord('好评★ ★', ['★ ★'])).toBeNull()
    expect(normaliseWords(['★★', '★ ★', '★\u200b★'])).toEqual(['★★'])
  })

  it('finds a word written with characters outside the BMP wherever the text is cut to scan it', () => {
    // The text is scanned 256 UTF-16 units at a time: put 𠀀 (two units) across every cut.
    for (const lead of [254, 255, 256, 511]) {
      const text = 'a'.repeat(lead) + '𠀀村'
      expect(findWord(text, ['𠀀村']), String(lead)).toBe('𠀀村')
      expect(findWord('a'.repeat(lead) + '😀😀', ['😀😀']), String(lead)).toBe('😀😀')
    }
  })
})
