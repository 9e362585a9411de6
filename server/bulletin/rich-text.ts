// The bulletin's rich-text subset: paragraphs, headings, bold/italic, lists, links and inline
// images. Everything else is removed on the server before it is stored, so the mini-program's
// RichText and the H5 page only ever render what this list allows.
import sanitizeHtml from 'sanitize-html'

const options: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'a', 'img'],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt'] },
  // Links leave only for the web; images come from our own media or an https host.
  allowedSchemes: ['https', 'http'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside removed tags such as <script> or <style> goes too, not just the tags.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  transformTags: {
    b: 'strong',
    i: 'em',
    // A link opens outside the app; no referrer leaks which notice it came from.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
  // Our own uploads are served from /media/ (same origin); anything else must be https.
  exclusiveFilter: (frame) =>
    frame.tag === 'img' && !/^(https:\/\/|\/media\/)/.test(frame.attribs.src ?? ''),
}

/** The body as stored: only the allowed tags and attributes, no scripts, handlers or javascript:. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, options).trim()
}

/** The body's words without markup, for summaries, search and read-aloud. */
export function plainText(html: string): string {
  // Blocks end with a space, so that two paragraphs do not run into one word.
  const spaced = html.replace(/<\/(p|h2|h3|li)>|<br\s*\/?>/gi, '$& ')
  return sanitizeHtml(spaced, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style'],
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

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
