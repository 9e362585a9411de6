// The content check (内容安全) every published word and picture passes. One interface, two
// adapters: the local one here (an admin-edited word list) and, with the cloud issue, the
// WeChat one (security.msgSecCheck for text, security.mediaCheckAsync for pictures).
//
// The word list is matched on a normalised form of both the text and the words, so a listed
// word cannot be slipped past by spacing it out: NFKD/NFKC (full-width ＱＱ → QQ, compatibility
// forms), case folding, and every whitespace, control, format (zero-width), combining mark,
// punctuation and symbol character dropped. All words are then found in one pass by an
// Aho–Corasick automaton (modern-ahocorasick), not a loop of `includes`.
import AhoCorasick from 'modern-ahocorasick'
import type { Store } from '../store/store'

export type CheckResult = { ok: true } | { ok: false; reason: string }

export interface ContentChecker {
  checkText(text: string): Promise<CheckResult>
  checkImage(bytes: Buffer, mime: string): Promise<CheckResult>
}

/** Where the local word list is kept in store.settings, as a JSON array of strings. */
export const WORDS_SETTING = 'content.words'

/**
 * Bounds on what is parsed here (the text comes from outside): the longest text checked (a
 * notice's 20,000-character body with its title fits well within), the most words and the
 * longest word kept from the setting (the contract allows 2,000 words of at most 20 characters).
 */
export const MAX_TEXT_CHARS = 25_000
export const MAX_WORDS = 2_000
export const MAX_WORD_CHARS = 20

/** Whitespace, controls, format characters (zero-width), combining marks, punctuation, symbols. */
const BETWEEN = /[\s\p{Z}\p{Cc}\p{Cf}\p{M}\p{P}\p{S}]/gu

/** NFKC and case folding (upper then lower folds ß to ss, as full case folding does). */
function fold(text: string): string {
  // Stryker disable next-line MethodExpression: fold only matches words without letters (normaliseText keeps any letter, and a word with one is matched strictly), and case mapping changes letters only
  return text.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC')
}

/**
 * The form words and texts are matched in: compatibility-decomposed and case-folded, with
 * everything between letters dropped (so also accents: a mark slipped after a letter composes
 * with it otherwise), then composed again.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKD')
    .replace(BETWEEN, '')
    .normalize('NFKC')
}

/**
 * The key a word is matched (and de-duplicated) by. A word made only of symbols (★, an emoji)
 * would normalise to nothing; it keeps its folded form and is matched against the folded text.
 */
function wordKey(word: string): { key: string; strict: boolean } {
  const key = normaliseText(word)
  return key
    ? { key, strict: true }
    : { key: fold(word).replace(/[\s\p{Z}\p{Cc}\p{Cf}]/gu, ''), strict: false }
}

/** The admin-edited sensitive-word list; empty until an admin fills it. */
export async function loadWords(store: Store): Promise<string[]> {
  const raw = await store.settings.get(WORDS_SETTING)
  // Stryker disable next-line ConditionalExpression: equivalent, JSON.parse of null or '' gives a non-array or throws, both read as []
  if (!raw) return []
  try {
    const value: unknown = JSON.parse(raw)
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, a JSON value that is no array has no .filter, which throws into the catch below ([])
    if (!Array.isArray(value)) return []
    return value
      .filter((w): w is string => typeof w === 'string' && w.length <= MAX_WORD_CHARS * 4)
      .slice(0, MAX_WORDS)
  } catch {
    return []
  }
}

/**
 * Trims, drops empties and duplicates (by the normalised form, so 赌 博 and 赌博 are one word),
 * keeping the admin's order and spelling.
 */
export function normaliseWords(words: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const word of words.map((w) => w.trim())) {
    // Stryker disable next-line ConditionalExpression: equivalent, an empty word has an empty key, which the `key &&` below skips
    if (!word) continue
    const { key, strict } = wordKey(word)
    // Stryker disable next-line StringLiteral: equivalent, a strict key has no character a folded key is made of (letters vs symbols/marks), so the two never collide
    const id = `${strict ? 's' : 'f'}:${key}`
    if (key && !seen.has(id)) {
      seen.add(id)
      out.push(word)
    }
  }
  return out
}

export async function saveWords(store: Store, words: readonly string[]): Promise<string[]> {
  const list = normaliseWords(words)
  await store.settings.set(WORDS_SETTING, JSON.stringify(list))
  return list
}

/** One compiled word list: the strict words over the normalised text, the rest over the folded. */
interface WordMatcher {
  strict: AhoCorasick<number> | null
  folded: AhoCorasick<number> | null
}

function compile(words: readonly string[]): WordMatcher {
  // Stryker disable next-line ArrayDeclaration: equivalent, a stray entry without data is never reported (`hit.data !== undefined`)
  const strict: { pattern: string; data: number }[] = []
  // Stryker disable next-line ArrayDeclaration: equivalent, a stray entry without data is never reported (`hit.data !== undefined`)
  const folded: { pattern: string; data: number }[] = []
  words.forEach((word, index) => {
    if (!word || word.length > MAX_WORD_CHARS * 4) return
    const { key, strict: isStrict } = wordKey(word)
    if (key) (isStrict ? strict : folded).push({ pattern: key, data: index })
  })
  return {
    strict: strict.length ? new AhoCorasick(strict) : null,
    folded: folded.length ? new AhoCorasick(folded) : null,
  }
}

/** The last list compiled: the local checker reads the list on every check, mostly unchanged. */
let cached: { joined: string; matcher: WordMatcher } | null = null

function matcherFor(words: readonly string[]): WordMatcher {
  const joined = JSON.stringify(words)
  // Stryker disable next-line ConditionalExpression: equivalent, compiling again on every call gives the same matcher (the cache only saves time)
  if (cached?.joined !== joined) cached = { joined, matcher: compile(words) }
  return cached.matcher
}

/**
 * Scans in slices through the matcher's stream, which carries a match across slices: the
 * runtime's grapheme segmentation (Intl.Segmenter) grows quadratically on one long string.
 * Returns the smallest word index found.
 */
const SLICE = 256

function firstIndex(matcher: AhoCorasick<number>, text: string, found: number): number {
  const stream = matcher.createStream()
  let first = found
  const take = (hits: { data: number | undefined }[]) => {
    for (const hit of hits) {
      // Stryker disable next-line ConditionalExpression: equivalent, every pattern is added with its index, so data is never undefined
      if (hit.data !== undefined) first = Math.min(first, hit.data)
    }
  }
  for (let at = 0; at < text.length;) {
    // Stryker disable next-line MethodExpression: equivalent, one slice of the whole text finds the same words (slicing only bounds the segmenter's work)
    let end = Math.min(text.length, at + SLICE)
    // Never split a surrogate pair. (The stream also holds back an unfinished grapheme, so a
    // split pair would still match: the guard is defence in depth, and a test puts astral
    // characters across every cut.)
    // Stryker disable next-line ArithmeticOperator: equivalent, see above
    const last = text.charCodeAt(end - 1)
    // Stryker disable next-line all: equivalent, see above
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1
    take(stream.write(text.slice(at, end)))
    at = end
  }
  take(stream.finish())
  return first
}

/**
 * The listed word (as the admin spelled it) the text contains after normalisation, or null;
 * when several are found, the one listed first. Texts longer than MAX_TEXT_CHARS are not
 * parsed here: the caller refuses them (`checkWords`).
 */
export function findWord(text: string, words: readonly string[]): string | null {
  const limited = words.slice(0, MAX_WORDS)
  const matcher = matcherFor(limited)
  let first = Number.POSITIVE_INFINITY
  if (matcher.strict) first = firstIndex(matcher.strict, normaliseText(text), first)
  if (matcher.folded) first = firstIndex(matcher.folded, fold(text), first)
  return Number.isFinite(first) ? (limited[first] ?? null) : null
}

/** The message a rejected text answers with. */
export const wordRejection = (word: string) => `含有敏感词“${word}”，请修改后再提交`

/** The message a text beyond MAX_TEXT_CHARS answers with (fail closed: it is not checked). */
export const TOO_LONG = '内容过长，无法完成内容检查，请删减后再提交'

/** The verdict of the local word list on one text. */
export function checkWords(text: string, words: readonly string[]): CheckResult {
  if (text.length > MAX_TEXT_CHARS) return { ok: false, reason: TOO_LONG }
  const word = findWord(text, words)
  return word === null ? { ok: true } : { ok: false, reason: wordRejection(word) }
}

/**
 * Checkers one after another: the first refusal wins. The cloud function runs the township's
 * own word list before WeChat's check, so an admin's list applies there too.
 */
export function inTurn(...checkers: ContentChecker[]): ContentChecker {
  return {
    async checkText(text) {
      for (const checker of checkers) {
        const verdict = await checker.checkText(text)
        if (!verdict.ok) return verdict
      }
      return { ok: true }
    },
    async checkImage(bytes, mime) {
      for (const checker of checkers) {
        const verdict = await checker.checkImage(bytes, mime)
        if (!verdict.ok) return verdict
      }
      return { ok: true }
    },
  }
}
