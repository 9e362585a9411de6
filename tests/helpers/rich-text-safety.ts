// What a browser builds from a sanitised notice body, read by jsdom's HTML parser (the spec's
// tree builder), and what in it could run script or leave the rich-text subset. Used by the
// rich-text corpus and differential tests (tests/unit/server/rich-text-*.test.ts).
import { JSDOM } from 'jsdom'
import { allowedTags } from '../../server/bulletin/rich-text'

/** rel is ours on every link (server/bulletin/rich-text.ts); the rest is the allowlist. */
const allowedAttributes = (tag: string) =>
  tag === 'a' ? [...(allowedTags.a ?? []), 'rel'] : (allowedTags[tag] ?? [])

const base = 'https://township.example/notices/1'

/** The ways `html`, once parsed by a browser, breaks the subset; [] when it is safe. */
export function unsafeParts(html: string): string[] {
  const problems: string[] = []
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === child.ELEMENT_NODE) {
        const element = child as Element
        const tag = element.tagName.toLowerCase()
        if (!(tag in allowedTags) || tag === 'b' || tag === 'i') problems.push(`tag <${tag}>`)
        for (const { name, value } of Array.from(element.attributes)) {
          if (!allowedAttributes(tag).includes(name)) problems.push(`<${tag} ${name}>`)
          if (name === 'href' || name === 'src') {
            const url = new URL(value, base)
            if (url.protocol !== 'https:' && url.protocol !== 'http:')
              problems.push(`<${tag} ${name}="${value}"> (${url.protocol})`)
            if (name === 'href' && url.host !== 'township.example' && !/^https?:/i.test(value))
              problems.push(`<a href="${value}"> leaves for ${url.host} without saying so`)
            if (name === 'src' && !/^(https:\/\/|\/media\/)/.test(value))
              problems.push(`<img src="${value}"> is neither https nor our media`)
          }
          if (name === 'rel' && value !== 'noopener noreferrer') problems.push(`<a rel="${value}">`)
        }
        if (tag === 'a' && element.hasAttribute('href') && !element.hasAttribute('rel'))
          problems.push('<a href> without rel')
      }
      walk(child)
    }
  }
  walk(JSDOM.fragment(html))
  return problems
}

/**
 * The body as a reader sees it: each element with its attributes (a link's rel only when it
 * has somewhere to go), text and attribute values with runs of space collapsed. Two sanitisers agree on a body
 * when their outputs normalise alike, however each spells entities, quotes or `<br />`.
 */
export function normalise(html: string): string {
  const parts: (string | { text: string })[] = []
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === child.TEXT_NODE) {
        const text = (child.textContent ?? '').replace(/\s+/g, ' ')
        if (text) parts.push({ text })
      } else if (child.nodeType === child.ELEMENT_NODE) {
        const element = child as Element
        const tag = element.tagName.toLowerCase()
        const attributes = Array.from(element.attributes)
          .filter((a) => !(a.name === 'rel' && !element.hasAttribute('href')))
          .map((a) => `${a.name}=${JSON.stringify(a.value.replace(/\s+/g, ' ').trim())}`)
          .sort()
        parts.push(`<${[tag, ...attributes].join(' ')}>`)
        walk(child)
        parts.push(`</${tag}>`)
      }
    }
  }
  // The parser joins adjacent text into one node, so text split around a removed tag reads as one.
  walk(JSDOM.fragment(html))
  // Space (a no-break space too) at the very start or end of the body is not read.
  const first = parts[0]
  if (typeof first === 'object') first.text = first.text.trimStart()
  const last = parts[parts.length - 1]
  if (typeof last === 'object') last.text = last.text.trimEnd()
  return parts
    .map((part) => (typeof part === 'string' ? part : part.text && JSON.stringify(part.text)))
    .join('')
}
