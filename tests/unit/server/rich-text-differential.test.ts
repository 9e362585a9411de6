// The bulletin sanitiser (xss, server/bulletin/rich-text.ts) beside the one it replaced
// (sanitize-html with the options it had, kept as a devDependency for this test) on 1,000
// generated notice bodies: the allowed subset, written every way an editor or a paste writes
// it, mixed with tags, attributes and URLs that must go. On every body what xss keeps is safe
// once a browser parses it, and both sanitisers leave the same document: same elements, same
// attributes, same text (tests/helpers/rich-text-safety.ts normalises how each spells it).
import fc from 'fast-check'
import sanitizeHtml from 'sanitize-html'
import { describe, expect, it } from 'vitest'
import { sanitizeBody } from '../../../server/bulletin/rich-text'
import { normalise, unsafeParts } from '../../helpers/rich-text-safety'

/** sanitize-html as server/bulletin/rich-text.ts configured it before xss. */
const reference = (html: string) =>
  sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'h2', 'h3', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'a', 'img'],
    allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt'] },
    allowedSchemes: ['https', 'http'],
    allowedSchemesByTag: { img: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
    transformTags: {
      b: 'strong',
      i: 'em',
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
    },
    exclusiveFilter: (frame) =>
      frame.tag === 'img' && !/^(https:\/\/|\/media\/)/.test(frame.attribs.src ?? ''),
  }).trim()

const words = fc.constantFrom(
  '通知',
  '村民大会',
  '垃圾分类',
  ' ',
  '  ',
  '\n',
  '3 &lt; 5',
  'a & b',
  '&amp;',
  '&lt;b&gt;',
  '&nbsp;',
  '&#20013;',
  '"引号"',
  "'单引号'",
  '>',
  'javascript:alert(1)',
  'onclick=alert(1)',
)
const text = fc.array(words, { minLength: 1, maxLength: 4 }).map((w) => w.join(''))
const quoted = (value: string) => fc.constantFrom(`"${value}"`, `'${value}'`)

const goodHref = fc.constantFrom(
  'https://www.gov.cn/zhengce/1.html',
  'http://example.cn/a?b=1&amp;c=2',
  '/notices/12',
  '#top',
)
const badHref = fc.constantFrom(
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '&#106;avascript:alert(1)',
  'jav&#x09;ascript:alert(1)',
  '  javascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,x',
  '//evil.example/x',
  'mailto:a@b.cn',
)
const goodSrc = fc.constantFrom('https://img.example.cn/a.png', '/media/abc.jpg')
const badSrc = fc.constantFrom(
  'http://img.example.cn/a.png',
  'javascript:alert(1)',
  'data:image/png;base64,AAAA',
  '/other/a.jpg',
  'x',
  '//evil.example/a.png',
)
/** Attributes no tag may keep. */
const badAttribute = fc.constantFrom(
  ' onclick="alert(1)"',
  ' onmouseover=alert(1)',
  ' style="color:red"',
  ' style="background:url(javascript:alert(1))"',
  ' class="x"',
  ' id="y"',
  ' title="t"',
  ' rel="opener"',
)
const extra = fc.option(badAttribute, { nil: '' })

type Piece = fc.Arbitrary<string>
const tagged = (tag: string, inner: Piece) =>
  fc
    .tuple(fc.constantFrom(tag, tag.toUpperCase()), extra, inner)
    .map(([t, attribute, body]) => `<${t}${attribute}>${body}</${t}>`)

const link = fc
  .tuple(fc.oneof(goodHref, badHref).chain(quoted), extra, text)
  .map(([href, attribute, body]) => `<a href=${href}${attribute}>${body}</a>`)
const image = fc
  .tuple(fc.oneof(goodSrc, badSrc).chain(quoted), fc.option(text, { nil: undefined }), extra)
  .map(
    ([src, alt, attribute]) =>
      `<img src=${src}${alt === undefined ? '' : ` alt="${alt.replace(/"/g, '&quot;')}"`}${attribute}>`,
  )
const lineBreak = fc.constantFrom('<br>', '<br/>', '<br />', '<BR>')
const inline: Piece = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 3, arbitrary: fc.constantFrom('strong', 'b', 'em', 'i').chain((t) => tagged(t, text)) },
  { weight: 2, arbitrary: link },
  { weight: 2, arbitrary: image },
  { weight: 1, arbitrary: lineBreak },
  // Tags that go while their words stay.
  {
    weight: 1,
    arbitrary: fc.constantFrom('span', 'u', 'font', 'svg').chain((t) => tagged(t, text)),
  },
)
const inlines = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''))
const listItems = fc
  .array(tagged('li', inlines), { minLength: 1, maxLength: 3 })
  .map((li) => li.join(''))
const block: Piece = fc.oneof(
  { weight: 5, arbitrary: tagged('p', inlines) },
  { weight: 2, arbitrary: fc.constantFrom('h2', 'h3').chain((t) => tagged(t, text)) },
  { weight: 2, arbitrary: fc.constantFrom('ul', 'ol').chain((t) => tagged(t, listItems)) },
  // Blocks that go while their contents stay.
  {
    weight: 1,
    arbitrary: fc.constantFrom('div', 'section', 'blockquote').chain((t) => tagged(t, inlines)),
  },
  // Elements that go with everything inside them.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('script', 'style', 'textarea', 'iframe', 'noscript', 'object'), text)
      .map(([t, body]) => `<${t}>${body}<p>藏在里面</p></${t}>`),
  },
  { weight: 1, arbitrary: text.map((t) => `<!-- ${t} -->`) },
)
const body = fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) => blocks.join(''))

describe('xss against sanitize-html on generated bodies', () => {
  it('keeps only what is safe, and the same document as sanitize-html, on 1,000 bodies', () => {
    fc.assert(
      fc.property(body, (html) => {
        const kept = sanitizeBody(html)
        expect(unsafeParts(kept)).toEqual([])
        expect(normalise(kept)).toBe(normalise(reference(html)))
      }),
      { numRuns: 1000, seed: 20261204 },
    )
  })

  it('keeps only what is safe on 1,000 malformed bodies', () => {
    // Markup broken every way: stray brackets, unclosed quotes and tags, split keywords. The two
    // sanitisers may read such input differently; whatever xss keeps must still be safe.
    const token = fc.constantFrom(
      '<',
      '>',
      '</',
      '/>',
      '<!--',
      '-->',
      ' ',
      '\t',
      '\n',
      '\0',
      '=',
      '"',
      "'",
      '`',
      '/',
      'p',
      'a',
      'img',
      'br',
      'b',
      'script',
      'style',
      'svg',
      'iframe',
      'math',
      'noscript',
      'textarea',
      'href',
      'src',
      'alt',
      'onerror',
      'onload',
      'style',
      'rel',
      'javascript:',
      'java',
      'script:',
      '&#106;',
      '&#x6A',
      '&colon;',
      'data:',
      '//evil.example',
      '/media/x.jpg',
      'https://a.cn/x.png',
      'alert(1)',
      '正文',
      '&',
    )
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
        expect(unsafeParts(sanitizeBody(tokens.join('')))).toEqual([])
      }),
      { numRuns: 1000, seed: 20261205 },
    )
  })

  it('keeps the allowed subset itself, element for element', () => {
    // A body of allowed markup only: everything in it survives, in both.
    const html =
      '<h2>标题</h2><p>甲 &amp; 乙<br>丙<strong>加粗</strong><em>强调</em>' +
      '<a href="https://www.gov.cn/x">链接</a><img src="/media/a.jpg" alt="图"></p><ul><li>一</li></ul><ol><li>二</li></ol>'
    expect(normalise(sanitizeBody(html))).toBe(
      normalise(html.replace('<a ', '<a rel="noopener noreferrer" ')),
    )
    expect(normalise(sanitizeBody(html))).toBe(normalise(reference(html)))
  })
})
