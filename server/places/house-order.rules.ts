// 门牌号 in the order a street is walked: street, then number, then suffix (之一, 附1 …).
// `houseSortKey` turns a 门牌号 into a key whose plain string order is that order, so both
// databases can store it, index it and page by it (SQLite's BINARY collation, the cloud
// database's string order and JavaScript's `<` all agree on it: the key is printable ASCII).
//
// The 门牌号 is read as runs of text and numbers. A number is a run of digits (full-width
// digits too, after NFKC) or of Chinese numerals (十二, 一百零五, 之一's 一); numbers compare by
// value (东街2号 before 东街10号), text by character. At the same place a number comes before
// text (东街3号 before 东街甲), and a shorter 门牌号 before a longer one that continues it
// (东街10号 before 东街10号之一). A 门牌号 with no number at all comes after the numbered ones
// of its street (东街9号 before 东街).

/** Longest 门牌号 read (the contract allows 30 characters); the rest is ignored. */
export const MAX_HOUSE_NO_CHARS = 60

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000 }

const isChineseNumeral = (c: string) => c in DIGITS || c in UNITS

/**
 * The value of a run of Chinese numerals: 十二 → 12, 二十 → 20, 一百零五 → 105, 三千 → 3000,
 * and without units, digit by digit: 一〇五 → 105.
 */
export function chineseNumber(run: string): number {
  const chars = Array.from(run)
  if (!chars.some((c) => c in UNITS)) return chars.reduce((n, c) => n * 10 + (DIGITS[c] ?? 0), 0)
  let total = 0
  let section = 0
  let digit: number | null = null
  for (const c of chars) {
    if (c in DIGITS) {
      digit = DIGITS[c] as number
      continue
    }
    const unit = UNITS[c] as number
    if (unit === 10_000) {
      total += (section + (digit ?? 0)) * unit
      section = 0
    } else {
      section += (digit ?? 1) * unit
    }
    digit = null
  }
  return total + section + (digit ?? 0)
}

type Token = { kind: 'number'; value: string } | { kind: 'text'; value: string }

/** Runs of text and numbers (numbers as decimal digit strings without leading zeros). */
export function houseNoTokens(houseNo: string): Token[] {
  const chars = Array.from(
    // Stryker disable next-line Regex: equivalent, dropping each whitespace character or each run of them leaves the same text
    houseNo.normalize('NFKC').toLowerCase().replace(/\s+/g, '').slice(0, MAX_HOUSE_NO_CHARS),
  )
  const tokens: Token[] = []
  for (let i = 0; i < chars.length;) {
    const c = chars[i] as string
    if (/[0-9]/.test(c) || isChineseNumeral(c)) {
      const ascii = /[0-9]/.test(c)
      let j = i
      while (
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, past the end chars[j] is undefined, which is neither a digit nor a numeral
        j < chars.length &&
        (ascii ? /[0-9]/.test(chars[j] as string) : isChineseNumeral(chars[j] as string))
      )
        j++
      const run = chars.slice(i, j).join('')
      const value = ascii ? run.replace(/^0+(?=\d)/, '') : String(chineseNumber(run))
      tokens.push({ kind: 'number', value })
      i = j
    } else {
      tokens.push({ kind: 'text', value: c })
      i++
    }
  }
  return tokens
}

/** 64 characters in ASCII order: fixed-width numbers written with them compare by value. */
const ORDERED = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'

const ordered = (value: number, width: number) => {
  let out = ''
  for (let i = 0; i < width; i++) {
    out = (ORDERED[value % 64] as string) + out
    value = Math.floor(value / 64)
  }
  return out
}

/**
 * The longest key kept: a page cursor carries it (≤ 200 characters). Cutting the end keeps the
 * order (a key before another is never after it once both are cut); only ties can appear, and
 * the id breaks those.
 */
export const MAX_KEY_CHARS = 100

/**
 * The walking-order key of a 门牌号. Each number is 'N', its digit count in one ordered
 * character, then its digits; each text character is 'T' and its code point in three ordered
 * characters ('U' and four beyond the Basic Multilingual Plane); a 门牌号 without a number
 * ends in '~', after every 'N', 'T' and 'U'.
 */
export function houseSortKey(houseNo: string): string {
  const tokens = houseNoTokens(houseNo)
  const parts = tokens.map((t) => {
    if (t.kind === 'number') return `N${ordered(Math.min(t.value.length, 63), 1)}${t.value}`
    const code = t.value.codePointAt(0) ?? 0
    return code > 0xffff ? `U${ordered(code, 4)}` : `T${ordered(code, 3)}`
  })
  if (!tokens.some((t) => t.kind === 'number')) parts.push('~')
  return parts.join('').slice(0, MAX_KEY_CHARS)
}

/** Compares two 门牌号 in walking order (for lists sorted in memory). */
export function compareHouseNo(a: string, b: string): number {
  const ka = houseSortKey(a)
  const kb = houseSortKey(b)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}
