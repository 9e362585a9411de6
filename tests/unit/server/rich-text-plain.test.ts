// The plain words of a rich-text body (server/bulletin/rich-text.ts): blocks and line breaks
// keep words apart, entities read as characters, runs of space collapse.
import { describe, expect, it } from 'vitest'
import { paragraphsToHtml, plainText, sanitizeBody } from '../../../server/bulletin/rich-text'

describe('plainText', () => {
  it('keeps blocks and line breaks apart by one space', () => {
    expect(plainText('<h2>甲</h2><h3>乙</h3><p>丙</p><ul><li>丁</li><li>戊</li></ul>')).toBe(
      '甲 乙 丙 丁 戊',
    )
    expect(plainText('一<br>二<br/>三<br />四<BR>五')).toBe('一 二 三 四 五')
    expect(plainText('<P>大写</P><LI>标签</LI>')).toBe('大写 标签')
  })

  it('does not split words inside inline tags', () => {
    expect(plainText('<p>加<strong>粗</strong>字</p>')).toBe('加粗字')
  })

  it('reads the entities it meets as characters', () => {
    expect(plainText('<p>a&nbsp;b &lt;c&gt; &quot;d&quot; e&amp;f</p>')).toBe('a b <c> "d" e&f')
    expect(plainText('&amp;lt;')).toBe('&lt;')
  })

  it('collapses runs of space and trims', () => {
    expect(plainText('  <p> 甲 \n\n 乙 </p>  ')).toBe('甲 乙')
    expect(plainText('<style>p{}</style>正文')).toBe('正文')
  })
})

describe('sanitizeBody and paragraphs', () => {
  it('trims what it keeps', () => {
    expect(sanitizeBody('  <p>正文</p>\n ')).toBe('<p>正文</p>')
  })

  it('keeps images from https and our /media/ only', () => {
    expect(sanitizeBody('<img src="https://a.cn/x.png">')).toBe('<img src="https://a.cn/x.png" />')
    expect(sanitizeBody('<img src="/media/a.jpg">')).toBe('<img src="/media/a.jpg" />')
    expect(sanitizeBody('<img src="/other/a.jpg">')).toBe('')
    expect(sanitizeBody('<img alt="无图">')).toBe('')
    expect(sanitizeBody('<p>x<img src="x/media/a.jpg"></p>')).toBe('<p>x</p>')
  })

  it('escapes &, < and > of plain paragraphs, dropping empty ones', () => {
    expect(paragraphsToHtml(['a & b > c', '   ', 'd'])).toBe('<p>a &amp; b &gt; c</p><p>d</p>')
    expect(paragraphsToHtml([])).toBe('')
  })
})
