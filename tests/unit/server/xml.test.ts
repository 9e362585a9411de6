// Just enough XML (server/shared/xml.ts): text made safe for writing, and a walk over elements
// and text for reading, by local name.
import { describe, expect, it } from 'vitest'
import { BadXml, escapeXml, scanXml, type XmlHandler } from '../../../server/shared/xml'

/** Everything a walk reports, in order. */
function walk(xml: string, handler: (keyof XmlHandler)[] = ['open', 'close', 'text']) {
  const seen: unknown[] = []
  const all: XmlHandler = {
    open: (name, attrs, selfClosing) => seen.push(['open', name, attrs, selfClosing]),
    close: (name) => seen.push(['close', name]),
    text: (text) => seen.push(['text', text]),
  }
  scanXml(xml, Object.fromEntries(handler.map((k) => [k, all[k]])))
  return seen
}

describe('escapeXml', () => {
  it('escapes the four characters that would end text or an attribute', () => {
    expect(escapeXml('a & b < c > d "e" \'f\'')).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; 'f'")
    expect(escapeXml('&amp;')).toBe('&amp;amp;')
  })

  it('drops characters XML 1.0 forbids and keeps all others', () => {
    expect(escapeXml('a\u0000b\u0008c\u000bd\u001fe\uFFFEf\uFFFFg')).toBe('abcdefg')
    expect(escapeXml('lone \uD800 surrogate')).toBe('lone  surrogate')
    expect(escapeXml('\t\n\r 张三 \uD7FF\uE000\uFFFD 😀')).toBe('\t\n\r 张三 \uD7FF\uE000\uFFFD 😀')
  })
})

describe('scanXml', () => {
  it('reports elements by local name, attributes under both spellings, and text', () => {
    expect(
      walk(
        '<?xml version="1.0"?><x:sheet xmlns:x="urn:x"><x:row r:id="7" n="1">A&amp;B</x:row><c/></x:sheet>',
      ),
    ).toEqual([
      ['open', 'sheet', { 'xmlns:x': 'urn:x', x: 'urn:x' }, false],
      ['open', 'row', { 'r:id': '7', id: '7', n: '1' }, false],
      ['text', 'A&B'],
      ['close', 'row'],
      ['open', 'c', {}, true],
      ['close', 'c'],
      ['close', 'sheet'],
    ])
  })

  it('keeps an attribute’s own value when a prefixed one shares its local name', () => {
    expect(walk('<a id="own" r:id="other"/>', ['open'])).toEqual([
      ['open', 'a', { id: 'own', 'r:id': 'other' }, true],
    ])
  })

  it('reads CDATA as text and skips comments and processing instructions', () => {
    expect(walk('<a><!-- no --><?pi x?><![CDATA[<b>]]></a>', ['text'])).toEqual([['text', '<b>']])
  })

  it('calls only the handlers it is given', () => {
    expect(walk('<a>t</a>', ['close'])).toEqual([['close', 'a']])
    expect(walk('<a>t</a>', [])).toEqual([])
    expect(walk('<a><![CDATA[t]]></a>', ['close'])).toEqual([['close', 'a']])
  })

  it('refuses XML that is not well-formed, saying where', () => {
    expect(() => walk('<a>\n<b></a>')).toThrow(BadXml)
    expect(() => walk('<a>\n  <b></a>')).toThrow('第 2 行第 9 列的 XML 格式有误')
    expect(() => walk('<a>&nope;</a>')).toThrow(BadXml)
    try {
      walk('<a')
    } catch (error) {
      expect((error as Error).name).toBe('BadXml')
    }
  })

  it('lets a handler’s own error through unchanged', () => {
    const mine = new Error('stop here')
    expect(() =>
      scanXml('<a><b/></a>', {
        open(name) {
          if (name === 'b') throw mine
        },
      }),
    ).toThrow(mine)
  })
})
