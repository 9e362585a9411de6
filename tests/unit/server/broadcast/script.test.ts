// 大喇叭's script rules: numbers, dates and units as an announcer reads them (a table written
// out by hand), notices turned into spoken sentences, and every demo notice read without a
// leftover of markup.
import { describe, expect, it } from 'vitest'
import { readingSeconds, scriptOf, spokenLength } from '../../../../server/broadcast/script.rules'
import { cardinal, speakNumbers } from '../../../../server/broadcast/spoken-numbers.rules'
import { sanitizeBody } from '../../../../server/bulletin/rich-text'
import { buildDemoTownship } from '../../../../server/seed/build-township'
import { NOW } from '../../../helpers/factories'

const cases: [written: string, read: string][] = [
  // Dates
  ['2026年12月4日', '二〇二六年十二月四日'],
  ['2026年1月1日', '二〇二六年一月一日'],
  ['2025年10月31日', '二〇二五年十月三十一日'],
  ['2026-12-04', '二〇二六年十二月四日'],
  ['2026/3/8', '二〇二六年三月八日'],
  ['2026年度', '二〇二六年度'],
  ['12月20日前', '十二月二十日前'],
  ['5月1号', '五月一号'],
  ['11月', '十一月'],
  ['2000年', '二〇〇〇年'],
  // Times
  ['14:30', '十四点三十分'],
  ['8:05', '八点零五分'],
  ['9:00', '九点'],
  ['上午10：15', '上午十点十五分'],
  ['20:00至21:30', '二十点至二十一点三十分'],
  // Percentages
  ['15%', '百分之十五'],
  ['100%', '百分之一百'],
  ['3.5%', '百分之三点五'],
  ['0.5%', '百分之零点五'],
  ['98％', '百分之九十八'],
  ['5‰', '千分之五'],
  // Decimals and units
  ['3.5亩', '三点五亩'],
  ['120元', '一百二十元'],
  ['1,200元', '一千二百元'],
  ['10.25元', '十点二五元'],
  ['2000元', '两千元'],
  ['20000元', '两万元'],
  ['10200人', '一万零二百人'],
  ['105户', '一百零五户'],
  ['1005米', '一千零五米'],
  ['15人', '十五人'],
  ['0.8公斤', '零点八公斤'],
  ['5kg', '五千克'],
  ['3km', '三公里'],
  ['60km/h', '六十公里每小时'],
  ['50㎡', '五十平方米'],
  ['-5℃', '零下五摄氏度'],
  ['30℃', '三十摄氏度'],
  ['2个', '两个'],
  ['2户', '两户'],
  ['第2组', '第二组'],
  ['3-5天', '三至五天'],
  ['150000000元', '一亿五千万元'],
  ['100000001', '一亿零一'],
  // Phone numbers, digit by digit
  ['13812345678', '幺三八幺二三四五六七八'],
  ['0571-87654321', '零五七幺八七六五四三二幺'],
  ['12345热线', '幺二三四五热线'],
  ['拨打热线12315', '拨打热线幺二三幺五'],
]

describe('numbers as read aloud', () => {
  it.each(cases)('%s → %s', (written, read) => {
    expect(speakNumbers(written)).toBe(read)
  })

  it('has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40))

  it('counts whole numbers at their boundaries', () => {
    expect([0, 1, 9, 10, 11, 19, 20, 99, 100, 101, 110, 999].map(cardinal)).toEqual([
      '零',
      '一',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '九十九',
      '一百',
      '一百零一',
      '一百一十',
      '九百九十九',
    ])
    expect([1000, 1001, 1010, 2000, 2002, 9999].map(cardinal)).toEqual([
      '一千',
      '一千零一',
      '一千零一十',
      '两千',
      '两千零二',
      '九千九百九十九',
    ])
    expect([10000, 10001, 100000, 1000000, 10000000, 100000000].map(cardinal)).toEqual([
      '一万',
      '一万零一',
      '十万',
      '一百万',
      '一千万',
      '一亿',
    ])
  })
})

describe('scriptOf', () => {
  it('turns headings and lists into sentences and drops links, pictures and captions', () => {
    const html = sanitizeBody(
      '<h2>一、缴费时间</h2><p>请于2026年12月20日前缴纳&nbsp;医保费380元。</p>' +
        '<ol><li>带上身份证</li><li>到村委会</li></ol>' +
        '<ul><li>网上缴费</li><li>现场缴费</li></ul>' +
        '<p><img src="https://example.com/a.jpg" alt="缴费现场"></p><p>图为村民缴费现场</p>' +
        '<p>详见<a href="https://example.com/x">这里</a>，或访问 https://example.com/y 。</p>' +
        '<p>咨询电话：13812345678，14:30前办结，参保率达到95%。</p>',
    )
    expect(scriptOf('关于缴纳2027年度医保费的通知', html).split('\n')).toEqual([
      '关于缴纳二〇二七年度医保费的通知。',
      '下面说一、缴费时间。',
      '请于二〇二六年十二月二十日前缴纳 医保费三百八十元。',
      '第一，带上身份证。',
      '第二，到村委会。',
      '一是网上缴费。',
      '二是现场缴费。',
      '详见，或访问。',
      '咨询电话：幺三八幺二三四五六七八，十四点三十分前办结，参保率达到百分之九十五。',
    ])
  })

  it('reads at 220 字 a minute: 220 spoken characters take 60 seconds, 221 take 61', () => {
    const words = (n: number) => '村'.repeat(n)
    expect(spokenLength(`${words(220)}。`)).toBe(220)
    expect(readingSeconds(words(220))).toBe(60)
    expect(readingSeconds(words(221))).toBe(61)
    expect(readingSeconds(words(219))).toBe(60)
    expect(readingSeconds('')).toBe(1)
  })

  it('reads every demo notice without a leftover of markup, entities or addresses', () => {
    const { notices } = buildDemoTownship(NOW)
    expect(notices.length).toBeGreaterThan(5)
    for (const n of notices) {
      const script = scriptOf(n.title, n.body)
      expect(script.length, n.title).toBeGreaterThan(n.title.length)
      expect(script, n.title).not.toMatch(/[<>]|&nbsp;|&[a-z]+;|&#\d+;|http|www\./i)
      expect(script, n.title).not.toMatch(/\d/)
    }
  })
})
