// Numbers, dates, times, percentages, phone numbers and units written the way a loudspeaker
// announcer reads them: 2026年12月4日 → 二〇二六年十二月四日, 15% → 百分之十五, 3.5亩 → 三点五亩,
// 120元 → 一百二十元, 14:30 → 十四点三十分, 13812345678 → 幺三八幺二三四五六七八. Pure rules.

const DIGITS = '零一二三四五六七八九'
/** Digits as a year is read (二〇二六), and as a phone number is (幺 for 1, so it is not 七). */
const YEAR_DIGITS = '〇一二三四五六七八九'
const PHONE_DIGITS = '零幺二三四五六七八九'
const UNITS = ['', '十', '百', '千']

const digitsOf = (s: string, table: string) =>
  Array.from(s.replace(/\D/g, ''), (d) => table[Number(d)]).join('')

/** 1..9999 without a leading 零; a 2 in the thousands reads 两 (两千). */
function section(n: number): string {
  let out = ''
  let zero = false
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10
    if (d === 0) {
      if (out) zero = true
      continue
    }
    if (zero) out += '零'
    zero = false
    out += (d === 2 && p === 3 ? '两' : DIGITS[d]) + UNITS[p]
  }
  return out
}

/** A whole number in words: 120 → 一百二十, 10200 → 一万零二百, 15 → 十五, 20000 → 两万. */
export function cardinal(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return String(n)
  if (n === 0) return '零'
  const yi = Math.floor(n / 1e8)
  const wan = Math.floor(n / 1e4) % 1e4
  const rest = n % 1e4
  let out = ''
  if (yi) out += cardinal(yi) + '亿'
  if (wan) out += (out && wan < 1000 ? '零' : '') + section(wan) + '万'
  if (rest) out += (out && (rest < 1000 || !wan) ? '零' : '') + section(rest)
  out = out.replace(/^一十/, '十').replace(/^二(?=[万亿])/, '两')
  return out
}

/** A number as written, whole or decimal: 3.5 → 三点五, 0.25 → 零点二五. */
export function spokenNumber(text: string): string {
  const [whole = '0', fraction] = text.replace(/,/g, '').split('.')
  const head = whole.length > 12 ? digitsOf(whole, DIGITS) : cardinal(Number(whole))
  return fraction ? `${head}点${digitsOf(fraction, DIGITS)}` : head
}

/** A year as read: digit by digit with 〇 (2026 → 二〇二六). */
export const spokenYear = (year: string) => digitsOf(year, YEAR_DIGITS)

/** A phone number as read: digit by digit, 1 as 幺 (0571-12345 → 零五七幺幺二三四五). */
export const spokenPhone = (phone: string) => digitsOf(phone, PHONE_DIGITS)

/** Units written as symbols after a number, as they are read (longest first). */
const unitWords: Record<string, string> = {
  'km/h': '公里每小时',
  '千米/小时': '公里每小时',
  '㎡': '平方米',
  'm²': '平方米',
  平米: '平方米',
  'm³': '立方米',
  '℃': '摄氏度',
  '°C': '摄氏度',
  km: '公里',
  kg: '千克',
  cm: '厘米',
  mm: '毫米',
  kWh: '千瓦时',
  m: '米',
  g: '克',
  L: '升',
}
const unitPattern = Object.keys(unitWords)
  .map((u) => u.replace(/[/]/g, '\\/'))
  .join('|')

/** Measure words after which a lone 2 is read 两 (2个 → 两个, 2户 → 两户). */
const liangBefore = /^[个位名户人次天项件条家台辆棵只间]/

const date = /(?<!\d)(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*[日号]?(?!\d)/g
const yearOnly = /(?<!\d)(\d{4})\s*年/g
const monthDay = /(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*([日号])/g
const monthOnly = /(?<!\d)(\d{1,2})\s*月(?!\d)/g
const time = /(?<!\d)([01]?\d|2[0-3])\s*[:：]\s*([0-5]\d)(?!\d)/g
const mobile = /(?<!\d)1[3-9]\d{9}(?!\d)/g
const landline = /(?<!\d)0\d{2,3}[-－—]\d{7,8}(?!\d)/g
const hotline =
  /(?<!\d)(\d{5,})(?=\s*(?:热线|服务热线|举报电话))|(?<=(?:热线|电话|号码|拨打)[:：]?\s*)(\d{5,})(?!\d)/g
const percent = /(\d[\d,]*(?:\.\d+)?)\s*[%％]/g
const permille = /(\d[\d,]*(?:\.\d+)?)\s*‰/g
const range = /(\d)\s*[-~～—–]\s*(?=\d)/g
const number = new RegExp(
  `(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?:\\s*(${unitPattern})(?![A-Za-z]))?`,
  'g',
)

/**
 * Rewrites every number of `text` as it is read aloud: phone numbers digit by digit, then
 * dates, times, percentages, ranges, units and the remaining numbers.
 */
export function speakNumbers(text: string): string {
  return text
    .replace(mobile, (m) => spokenPhone(m))
    .replace(landline, (m) => spokenPhone(m))
    .replace(hotline, (m) => spokenPhone(m))
    .replace(
      date,
      (_, y: string, mo: string, d: string) =>
        `${spokenYear(y)}年${cardinal(Number(mo))}月${cardinal(Number(d))}日`,
    )
    .replace(yearOnly, (_, y: string) => `${spokenYear(y)}年`)
    .replace(
      monthDay,
      (_, mo: string, d: string, suffix: string) =>
        `${cardinal(Number(mo))}月${cardinal(Number(d))}${suffix}`,
    )
    .replace(monthOnly, (_, mo: string) => `${cardinal(Number(mo))}月`)
    .replace(time, (_, h: string, mi: string) => {
      const minutes = Number(mi)
      const tail = minutes === 0 ? '' : `${minutes < 10 ? '零' : ''}${cardinal(minutes)}分`
      return `${cardinal(Number(h))}点${tail}`
    })
    .replace(percent, (_, n: string) => `百分之${spokenNumber(n)}`)
    .replace(permille, (_, n: string) => `千分之${spokenNumber(n)}`)
    .replace(/(?<![\d\w])[-－]\s*(?=\d[\d.]*\s*(?:℃|°C))/gi, '零下')
    .replace(range, '$1至')
    .replace(number, (_, n: string, unit: string | undefined, offset: number, whole: string) => {
      const after = whole.slice(offset + n.length)
      const spoken = n === '2' && liangBefore.test(after) ? '两' : spokenNumber(n)
      return unit ? `${spoken}${unitWords[unit] ?? unit}` : spoken
    })
}
