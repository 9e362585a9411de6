// The local content check: text against the admin-edited word list (read on every check, so
// an edit applies at once), normalised and matched in one pass (content-check.ts; the matcher
// is loaded on the first check, server/lazy/load.ts). There is no
// local image model, so pictures pass here; the WeChat adapter (security.mediaCheckAsync)
// comes with the cloud issue.
import { loadWordMatcher } from '../lazy/load'
import type { Store } from '../store/store'
import { loadWords, type ContentChecker } from './content-check'

export function createLocalContentChecker(store: Store): ContentChecker {
  return {
    async checkText(text) {
      const words = await loadWords(store)
      return (await loadWordMatcher()).checkWords(text, words)
    },
    async checkImage() {
      return { ok: true }
    },
  }
}
