// The local content check: text against the admin-edited word list (read on every check, so
// an edit applies at once). There is no local image model, so pictures pass here; the WeChat
// adapter (security.mediaCheckAsync) comes with the cloud issue.
import type { Store } from '../store/store'
import { findWord, loadWords, wordRejection, type ContentChecker } from './content-check'

export function createLocalContentChecker(store: Store): ContentChecker {
  return {
    async checkText(text) {
      const word = findWord(text, await loadWords(store))
      return word === null ? { ok: true } : { ok: false, reason: wordRejection(word) }
    },
    async checkImage() {
      return { ok: true }
    },
  }
}
