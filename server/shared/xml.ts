// Just enough XML for the .xlsx parts: escaping text for writing, and a scanner that walks
// elements and text for reading (saxes underneath). Namespaces are matched by local name.
import { SaxesParser } from 'saxes'

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

export interface XmlHandler {
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void
  close?(name: string): void
  text?(text: string): void
}

/** The XML is not well-formed; the message, in Chinese, says where. */
export class BadXml extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BadXml'
  }
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1)

/**
 * Walks `xml` in document order with saxes (a strict, streaming XML 1.0 parser): declarations,
 * comments, processing instructions and doctypes are skipped; entities are the five XML ones
 * and character references only (a DOCTYPE's own entities are never expanded). Names are
 * matched by local name (`x:row` is `row`); a namespaced attribute is kept under both
 * spellings (`r:id` and `id`). Anything not well-formed throws BadXml.
 */
export function scanXml(xml: string, handler: XmlHandler): void {
  const parser = new SaxesParser({ position: true })
  let failure: Error | null = null
  parser.on('error', (error) => {
    // saxes would carry on after an error; the first one ends the walk.
    failure ??= error
    throw error
  })
  parser.on('opentag', (tag) => {
    if (!handler.open) return
    const attrs: Record<string, string> = {}
    for (const [key, value] of Object.entries(tag.attributes)) {
      attrs[key] = value
      attrs[localName(key)] ??= value
    }
    handler.open(localName(tag.name), attrs, tag.isSelfClosing)
  })
  parser.on('closetag', (tag) => handler.close?.(localName(tag.name)))
  parser.on('text', (text) => handler.text?.(text))
  parser.on('cdata', (text) => handler.text?.(text))
  try {
    parser.write(xml).close()
  } catch (error) {
    if (failure === null) throw error
    throw new BadXml(`第 ${parser.line} 行第 ${parser.column} 列的 XML 格式有误`)
  }
}
