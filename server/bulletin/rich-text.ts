// The bulletin's rich-text subset: paragraphs, headings, bold/italic, lists, links and inline
// images. Everything else is removed on the server before it is stored, so the mini-program's
// RichText and the H5 page only ever render what this list allows. The sanitiser is the `xss`
// package (js-xss), configured here; tests/unit/server/rich-text*.test.ts hold it to the XSS
// cheat-sheet corpora and to sanitize-html, which it replaced, on generated bodies.
import { Parser } from 'htmlparser2'
import { escapeHtml as escapeText, FilterXSS, safeAttrValue, type IFilterXSSOptions } from 'xss'

/** The 13 tags a body may keep, with the attributes each may carry. */
export const allowedTags: Readonly<Record<string, readonly string[]>> = {
  p: [],
  br: [],
  h2: [],
  h3: [],
  strong: [],
  b: [],
  em: [],
  i: [],
  ul: [],
  ol: [],
  li: [],
  a: ['href'],
  img: ['src', 'alt'],
}

/**
 * Tags removed together with everything inside them, not just the tags (`<embed>` and
 * `<option>` have no end tag to wait for: they go as tags, like every other one not allowed).
 */
const nonTextTags = ['script', 'style', 'textarea', 'noscript', 'iframe', 'object', 'xmp']

/**
 * xss marks where a removed tag's body starts with the text `[removed]` and cuts up to its end
 * tag. A marker left in the output is a body that never ends: a browser reads all that follows
 * as that element's text (script, style…), so it goes too. An author's own `[removed]` is
 * written as `&#91;removed]`, which reads the same, so it is never taken for a marker.
 */
const MARKER = '[removed]'
const cutUnclosedBody = (html: string) => {
  const at = html.indexOf(MARKER)
  return at === -1 ? html : html.slice(0, at)
}

/** `<b>` and `<i>` are stored as `<strong>` and `<em>`. */
const renamed: Record<string, string> = { b: 'strong', i: 'em' }

/**
 * Links leave only for the web (http/https) or stay on our own pages (a path, not `//host` or
 * `/\host`, which browsers read as another host); images come from our own uploads (/media/,
 * same origin) or an https host. Checked on the value xss has already decoded and escaped.
 */
const linkUrl = /^(?:https?:\/\/|\/(?![/\\])|#|\.\.?\/)/i
const imageUrl = /^(?:https:\/\/|\/media\/)/i

/**
 * href and src: xss's own check first (it decodes entities, drops control characters and
 * keeps only known prefixes), then ours. An unsafe URL drops the attribute.
 */
function urlAttribute(tag: string, name: string, value: string): string | undefined {
  if (name !== 'href' && name !== 'src') return undefined
  const url = safeAttrValue(tag, name, value, false as never)
  if (!url || !(name === 'src' ? imageUrl : linkUrl).test(url)) return ''
  return `${name}="${url}"`
}

const common: IFilterXSSOptions = {
  stripIgnoreTag: true,
  stripIgnoreTagBody: nonTextTags,
  onTagAttr: urlAttribute,
  escapeHtml: (text) => escapeText(text).split(MARKER).join('&#91;removed]'),
  css: false,
}

/** An `<img>` on its own: kept only with a src from our media or https. */
const imageFilter = new FilterXSS({ ...common, whiteList: { img: ['src', 'alt'] } })
/** An `<a>` on its own; rel is always ours: the link opens outside the app and leaks no referrer. */
const linkFilter = new FilterXSS({ ...common, whiteList: { a: ['href'] } })
const REL = ' rel="noopener noreferrer"'

const bodyFilter = new FilterXSS({
  ...common,
  whiteList: Object.fromEntries(
    Object.entries(allowedTags).map(([tag, attrs]) => [tag, [...attrs]]),
  ),
  onTag(tag, html, info) {
    const to = renamed[tag]
    if (to) return info.isClosing ? `</${to}>` : `<${to}>`
    // Void elements have no end tag: a stray `</img>` or `</br>` goes (a browser reads `</br>` as a break).
    if (info.isClosing && (tag === 'img' || tag === 'br')) return ''
    if (tag === 'a' && !info.isClosing)
      return linkFilter.process(html).replace(/\s*\/?>$/, `${REL}>`)
    if (tag === 'img') {
      const image = imageFilter.process(html)
      return /\ssrc="/.test(image) ? image.replace(/\s*\/?>$/, ' />') : ''
    }
    return undefined
  },
})

/** The body as stored: only the allowed tags and attributes, no scripts, handlers or javascript:. */
export function sanitizeBody(html: string): string {
  return cutUnclosedBody(bodyFilter.process(html)).trim()
}

const blockEnds = new Set(['p', 'h2', 'h3', 'li'])

/**
 * The body's words without markup, for summaries, search and read-aloud. Read by htmlparser2
 * (entities become characters); script and style say nothing.
 */
export function plainText(html: string): string {
  let text = ''
  let hidden = 0
  const parser = new Parser({
    onopentag(name) {
      if (name === 'script' || name === 'style') hidden++
      // A line break or a block's end is a space, so two paragraphs do not run into one word.
      else if (name === 'br') text += ' '
    },
    onclosetag(name) {
      if (name === 'script' || name === 'style') hidden = Math.max(0, hidden - 1)
      else if (blockEnds.has(name)) text += ' '
    },
    ontext(words) {
      if (hidden === 0) text += words
    },
  })
  parser.write(html)
  parser.end()
  return text.replace(/\s+/g, ' ').trim()
}

export { paragraphsToHtml } from './paragraphs'
