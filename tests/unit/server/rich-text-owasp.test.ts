// The bulletin sanitiser (server/bulletin/rich-text.ts) against every example of OWASP's XSS
// Filter Evasion Cheat Sheet (tests/fixtures/owasp-xss-filter-evasion.json, read from the file:
// no network), each pasted into a notice after a paragraph of our own. What is kept is parsed
// as a browser would (jsdom) and must stay inside the subset: allowed tags and attributes only,
// links to http(s) or our own pages, pictures from https or our media.
import { describe, expect, it } from 'vitest'
import fixture from '../../fixtures/owasp-xss-filter-evasion.json'
import { sanitizeBody } from '../../../server/bulletin/rich-text'
import { unsafeParts } from '../../helpers/rich-text-safety'

const vectors = fixture.vectors.map(({ section, vector }, i) => ({
  name: `#${i + 1} ${section}`,
  vector,
}))

describe('rich-text sanitising against the OWASP XSS filter evasion cheat sheet', () => {
  it('holds the whole cheat sheet (218 examples)', () => {
    expect(vectors).toHaveLength(218)
  })

  it.each(vectors)('$name', ({ vector }) => {
    const clean = sanitizeBody(`<p>正文</p>${vector}`)
    expect(unsafeParts(clean)).toEqual([])
    expect(clean).not.toMatch(/<(script|iframe|object|embed|svg|style|link|meta|form|base)/i)
    expect(clean).toMatch(/^<p>正文<\/p>/)
  })

  it('finds the breaches it looks for', () => {
    // The check itself, on markup no sanitiser ran over.
    expect(unsafeParts('<p onclick="x()">a</p>')).toEqual(['<p onclick>'])
    expect(
      unsafeParts('<a href="jav&#x09;ascript:alert(1)" rel="noopener noreferrer">a</a>'),
    ).toEqual([
      '<a href="jav\tascript:alert(1)"> (javascript:)',
      '<a href="jav\tascript:alert(1)"> leaves for  without saying so',
    ])
    expect(unsafeParts('<a href="//evil.example" rel="noopener noreferrer">a</a>')).toEqual([
      '<a href="//evil.example"> leaves for evil.example without saying so',
    ])
    expect(unsafeParts('<img src="http://a.cn/x.png">')).toEqual([
      '<img src="http://a.cn/x.png"> is neither https nor our media',
    ])
    expect(unsafeParts('<div>a</div><a href="https://a.cn">b</a>')).toEqual([
      'tag <div>',
      '<a href> without rel',
    ])
    expect(unsafeParts('<p>a<strong>b</strong><img src="/media/x.jpg" alt="c"></p>')).toEqual([])
  })
})
