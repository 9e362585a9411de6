// The local content check: text against the admin-edited word list (read on every check, so
// an edit applies at once), normalised and matched in one pass (content-check.ts). There is no
// local image model, so pictures pass here; the WeChat adapter (security.mediaCheckAsync)
// comes with the cloud issue.
import type { Store } from '../store/store'
import { checkWords, loadWords, type ContentChecker } from './content-check'

export function createLocalContentChecker(store: Store): ContentChecker {
  return {
    async checkText(text) {
      return checkWords(text, await loadWords(store))
    },
    async checkImage() {
      return { ok: true }
    },
  }
}
