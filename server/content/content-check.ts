// The content check (内容安全) every published word and picture passes. One interface, two
// adapters: the local one here (an admin-edited word list) and, with the cloud issue, the
// WeChat one (security.msgSecCheck for text, security.mediaCheckAsync for pictures).
import type { Store } from '../store/store'

export type CheckResult = { ok: true } | { ok: false; reason: string }

export interface ContentChecker {
  checkText(text: string): Promise<CheckResult>
  checkImage(bytes: Buffer, mime: string): Promise<CheckResult>
}

/** Where the local word list is kept in store.settings, as a JSON array of strings. */
export const WORDS_SETTING = 'content.words'

/** The admin-edited sensitive-word list; empty until an admin fills it. */
export async function loadWords(store: Store): Promise<string[]> {
  const raw = await store.settings.get(WORDS_SETTING)
  if (!raw) return []
  try {
    const value: unknown = JSON.parse(raw)
    return Array.isArray(value) ? value.filter((w): w is string => typeof w === 'string') : []
  } catch {
    return []
  }
}

/** Trims, drops empties and duplicates (case-insensitively), keeping the admin's order. */
export function normaliseWords(words: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const word of words.map((w) => w.trim())) {
    const key = word.toLowerCase()
    if (word && !seen.has(key)) {
      seen.add(key)
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

/** The first listed word the text contains (case-insensitive), or null. */
export function findWord(text: string, words: readonly string[]): string | null {
  const haystack = text.toLowerCase()
  return words.find((w) => w && haystack.includes(w.toLowerCase())) ?? null
}

/** The message a rejected text answers with. */
export const wordRejection = (word: string) => `含有敏感词“${word}”，请修改后再提交`
