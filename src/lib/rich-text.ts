/**
 * The words of a notice body (the server-sanitised rich-text subset), one block a line, for
 * reading aloud. Not a sanitiser: the body was cleaned on the server before it was stored.
 */
export function richTextToPlain(html: string): string {
  return html
    .replace(/<\/(p|h2|h3|li)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n')
}
