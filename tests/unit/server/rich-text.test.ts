import { describe, expect, it } from 'vitest'
import { paragraphsToHtml, plainText, sanitizeBody } from '../../../server/bulletin/rich-text'

// Vectors from the usual XSS cheat sheets, in the shapes a pasted article could carry.
const vectors = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://a.cn/x.png" onerror="alert(1)">',
  '<img src="javascript:alert(1)">',
  '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
  '<a href="javascript:alert(1)">点我</a>',
  '<a href="JaVaScRiPt:alert(1)">点我</a>',
  '<a href="&#106;avascript:alert(1)">点我</a>',
  '<a href="  javascript:alert(1)">点我</a>',
  '<a href="vbscript:msgbox(1)">点我</a>',
  '<a href="data:text/html,<script>alert(1)</script>">点我</a>',
  '<svg onload=alert(1)></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x.swf"></object>',
  '<embed src="x.swf">',
  '<p style="background:url(javascript:alert(1))">样式</p>',
  '<p onclick="alert(1)">点击</p>',
  '<div onmouseover="alert(1)">悬停</div>',
  '<style>body{display:none}</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<form action="https://evil.example"><input name="a"></form>',
  '<base href="https://evil.example/">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<a href="//evil.example">协议相对</a>',
  '"><script>alert(1)</script>',
  '<scr<script>ipt>alert(1)</script>',
]

describe('rich-text sanitising', () => {
  it.each(vectors)('neutralises %s', (vector) => {
    const clean = sanitizeBody(`<p>正文</p>${vector}`)
    expect(clean).not.toMatch(/<script|<iframe|<object|<embed|<svg|<style|<link|<meta|<form|<base/i)
    expect(clean).not.toMatch(/\son\w+\s*=/i)
    expect(clean).not.toMatch(/javascript:|vbscript:|data:/i)
    expect(clean).not.toMatch(/href="\/\//)
    expect(clean).not.toMatch(/style=/i)
    expect(clean).toContain('<p>正文</p>')
  })

  it('keeps the allowed subset', () => {
    const html =
      '<h2>标题</h2><p>一段<strong>加粗</strong>和<em>强调</em>，<a href="https://www.gov.cn">链接</a></p>' +
      '<ul><li>一</li></ul><ol><li>二</li></ol><p><img src="/media/abc.jpg" alt="图"></p>'
    expect(sanitizeBody(html)).toBe(
      '<h2>标题</h2><p>一段<strong>加粗</strong>和<em>强调</em>，<a href="https://www.gov.cn" rel="noopener noreferrer">链接</a></p>' +
        '<ul><li>一</li></ul><ol><li>二</li></ol><p><img src="/media/abc.jpg" alt="图" /></p>',
    )
  })

  it('turns <b>/<i> into <strong>/<em> and drops images from plain http', () => {
    expect(sanitizeBody('<b>粗</b><i>斜</i><img src="http://a.cn/x.png">')).toBe(
      '<strong>粗</strong><em>斜</em>',
    )
  })

  it('gives the plain text for summaries and search', () => {
    expect(plainText('<h2>标题</h2><p>甲 &amp; 乙</p><script>x()</script>')).toBe('标题 甲 & 乙')
  })

  it('escapes plain paragraphs into <p>s', () => {
    expect(paragraphsToHtml(['第一段 <b>', '', ' 第二段 '])).toBe(
      '<p>第一段 &lt;b&gt;</p><p>第二段</p>',
    )
  })
})
