// Fuzz: every listed word, disguised the ways a poster would try — spaced out, split by
// zero-width and other format characters, written full-width, with punctuation or symbols
// between the characters, mixed case — is refused, naming the word; texts that only share
// characters with a listed word pass. The generator is seeded (mulberry32): every run checks
// the same forms, and a failure prints the exact text.
import { describe, expect, it } from 'vitest'
import { checkWords, wordRejection } from '../../../server/content/content-check'
import { mulberry32 } from '../../../server/shared/random'

const words = ['赌博', 'QQ群', '六合彩', '代开发票', 'Casino', '加微信', '刷单返利', 'VX号']

const spaces = [' ', '  ', '\t', '\n', '\u3000', '\u00a0', '\u2002', '\u202f']
const zeroWidth = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\u200e']
const punctuation = [
  '·',
  '.',
  ',',
  '、',
  '，',
  '。',
  '！',
  '-',
  '_',
  '*',
  '/',
  '|',
  '【',
  '】',
  '“',
  '…',
]
const symbols = ['★', '☆', '♥', '~', '+', '=', '^', '$', '¥', '→', '©', '😀', '\ufe0f', '\u0301']

type Disguise = 'spaced' | 'zeroWidth' | 'fullWidth' | 'punctuated' | 'symbols' | 'mixed'
const disguises: readonly Disguise[] = [
  'spaced',
  'zeroWidth',
  'fullWidth',
  'punctuated',
  'symbols',
  'mixed',
]

/** Full-width form of printable ASCII (Ａ for A); other characters unchanged. */
const fullWidth = (c: string) => {
  const code = c.charCodeAt(0)
  return code >= 0x21 && code <= 0x7e ? String.fromCharCode(code + 0xfee0) : c
}

function disguise(word: string, how: Disguise, random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T
  const between = (): string => {
    const count = 1 + Math.floor(random() * 3)
    const pool =
      how === 'spaced'
        ? spaces
        : how === 'zeroWidth'
          ? zeroWidth
          : how === 'punctuated'
            ? punctuation
            : how === 'symbols'
              ? symbols
              : [...spaces, ...zeroWidth, ...punctuation, ...symbols]
    return Array.from({ length: count }, () => pick(pool)).join('')
  }
  const chars = Array.from(word).map((c) => {
    let out = random() < 0.5 ? c.toUpperCase() : c.toLowerCase()
    if (how === 'fullWidth' || (how === 'mixed' && random() < 0.5)) out = fullWidth(out)
    return out
  })
  if (how === 'fullWidth') return chars.join(random() < 0.5 ? '' : pick(zeroWidth))
  return chars.map((c, i) => (i === 0 ? c : between() + c)).join('')
}

const before = ['', '欢迎', '本村通知：', '有意者请', 'Hello ']
const after = ['', '，详情私聊', '。', ' 速来！', '\n谢谢']

describe('content check fuzz: disguised listed words are refused', () => {
  const random = mulberry32(20261204)
  const cases: { word: string; how: Disguise; text: string }[] = []
  for (const word of words)
    for (const how of disguises)
      for (let n = 0; n < 25; n++) {
        const text =
          before[Math.floor(random() * before.length)] +
          disguise(word, how, random) +
          after[Math.floor(random() * after.length)]
        cases.push({ word, how, text })
      }

  it(`refuses all ${words.length * disguises.length * 25} generated forms, naming the word`, () => {
    const missed = cases.filter(
      ({ word, text }) =>
        JSON.stringify(checkWords(text, words)) !==
        JSON.stringify({ ok: false, reason: wordRejection(word) }),
    )
    expect(missed.map(({ how, text }) => `${how}: ${JSON.stringify(text)}`)).toEqual([])
  })

  it('the generated forms really are disguised: none contains the word as written', () => {
    const plain = cases.filter(({ how }) => how !== 'fullWidth')
    const literal = plain.filter(({ word, text }) =>
      text.toLowerCase().includes(word.toLowerCase()),
    )
    // A disguise always puts at least one character between two of the word's characters.
    expect(literal).toEqual([])
    const full = cases.filter(({ how }) => how === 'fullWidth')
    expect(
      full.filter(({ word, text }) => /[\x21-\x7e]/.test(word) && text.includes(word)),
    ).toEqual([])
  })

  it('passes harmless texts that share characters with listed words', () => {
    const harmless = [
      '博物馆周六免费开放',
      '赌气不如好好商量',
      '群众路线，服务为民',
      '六月合作社彩排文艺节目',
      '代表大会开幕，发放票据',
      '加强微型消防站信息建设',
      '刷墙返工，利民工程',
      'Cash in, no sino-anything',
      '请大家关注村委会通知',
      '村里修路了，出行注意安全。',
    ]
    expect(harmless.filter((text) => !checkWords(text, words).ok)).toEqual([])
  })

  it('random harmless texts built from characters outside the words pass', () => {
    const random2 = mulberry32(7)
    const listed = new Set(words.flatMap((w) => Array.from(w.toLowerCase())))
    const pool = Array.from(
      '村里修路了请大家注意安全今年收成很好春节联欢会在礼堂举行老人小孩',
    ).filter((c) => !listed.has(c))
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: 5 + Math.floor(random2() * 40) }, () =>
        random2() < 0.1 ? ' ' : (pool[Math.floor(random2() * pool.length)] as string),
      ).join('')
      expect(checkWords(text, words), text).toEqual({ ok: true })
    }
  })
})
