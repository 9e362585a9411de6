// Just enough XML for the .xlsx parts: escaping text for writing, and a scanner that walks
// elements and text for reading. Namespaces are matched by local name (`x:row` is `row`).

// Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF): a pasted
// name can carry them, and one would make Excel refuse the whole file.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text safe inside an element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
    return ENTITIES[name] ?? whole
  })
}

export interface XmlHandler {
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void
  close?(name: string): void
  text?(text: string): void
}

// An element's attributes may hold a raw '>' (formatCode="[>=100]0"): quoted values are skipped
// whole when looking for the tag's end.
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!][^>]*>|<(\/?)([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

const localName = (name: string) => name.slice(name.indexOf(':') + 1)

/** Walks `xml` in document order; declarations, comments and doctypes are skipped. */
export function scanXml(xml: string, handler: XmlHandler): void {
  TOKEN.lastIndex = 0
  for (let match = TOKEN.exec(xml); match; match = TOKEN.exec(xml)) {
    const [, cdata, slash, name, rest, selfClosing, text] = match
    if (cdata !== undefined) handler.text?.(cdata)
    else if (text !== undefined) handler.text?.(unescapeXml(text))
    else if (name === undefined) continue
    else if (slash) handler.close?.(localName(name))
    else {
      const attrs: Record<string, string> = {}
      if (handler.open) {
        // A namespaced attribute is kept under both spellings: `r:id` and `id`.
        for (const [, key, double, single] of (rest ?? '').matchAll(ATTR)) {
          const value = unescapeXml(double ?? single ?? '')
          attrs[key as string] = value
          attrs[localName(key as string)] ??= value
        }
        handler.open(localName(name), attrs, selfClosing === '/')
      }
      if (selfClosing === '/') handler.close?.(localName(name))
    }
  }
}
