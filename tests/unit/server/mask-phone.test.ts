import { maskPhone } from '../../../server/people/people.rules'

describe('maskPhone', () => {
  it('keeps a mobile’s first 3 and last 4 digits', () => {
    expect(maskPhone('13912345678')).toBe('139****5678')
    expect(maskPhone(' 18600001111 ')).toBe('186****1111')
  })

  it('keeps a landline’s area code and last 4 digits, with or without a dash', () => {
    expect(maskPhone('0571-88123456')).toBe('0571-****3456')
    expect(maskPhone('057188123456')).toBe('0571****3456')
    expect(maskPhone('010-1234567')).toBe('010-***4567')
  })

  it('keeps only the last 4 digits of anything else, and nothing of 4 or fewer', () => {
    expect(maskPhone('+86 139 1234 5678')).toBe('****5678')
    expect(maskPhone('12345')).toBe('****2345')
    expect(maskPhone('1234')).toBe('****')
    expect(maskPhone('无')).toBeNull()
    expect(maskPhone(null)).toBeNull()
  })
})
