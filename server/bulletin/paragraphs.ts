// Plain paragraphs as the rich-text subset (server/bulletin/rich-text.ts): nothing to sanitise,
// only &, < and > to escape, so the seed and the activity reports need no HTML library.
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Plain paragraphs (separated by blank lines) as the rich-text subset. */
export function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('')
}
