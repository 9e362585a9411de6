import Taro from '@tarojs/taro'
import {
  ELDER_CLASS,
  ELDER_STORAGE_KEY,
  initElderMode,
  isElderMode,
  setElderMode,
} from '@/lib/elder-mode'

/** WeChat's answer to getAppBaseInfo on a phone whose font is set to `scale`. */
function wechatFontScale(scale: number) {
  vi.spyOn(Taro, 'getAppBaseInfo').mockReturnValue({
    fontSizeScaleFactor: scale,
  } as unknown as ReturnType<typeof Taro.getAppBaseInfo>)
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('长辈模式 state', () => {
  it('is off at first launch when WeChat’s font is not enlarged, and H5 has no font scale', () => {
    expect(initElderMode()).toBe(false)
    wechatFontScale(1.1)
    expect(initElderMode()).toBe(false)
    expect(isElderMode()).toBe(false)
  })

  it('turns itself on at first launch when WeChat’s font is enlarged (scale 1.3)', () => {
    wechatFontScale(1.3)

    expect(initElderMode()).toBe(true)
    expect(isElderMode()).toBe(true)
    // Not remembered as a choice: it follows the font size until the user decides.
    expect(Taro.getStorageSync(ELDER_STORAGE_KEY)).toBe('')
  })

  it('stays off once the user turned it off, however large WeChat’s font', () => {
    wechatFontScale(1.3)
    initElderMode()

    setElderMode(false)

    expect(Taro.getStorageSync(ELDER_STORAGE_KEY)).toBe('off')
    expect(initElderMode()).toBe(false)
  })

  it('stays on once the user turned it on, with WeChat’s usual font', () => {
    wechatFontScale(1)
    setElderMode(true)

    expect(initElderMode()).toBe(true)
  })

  it('does not fail where getAppBaseInfo throws (an old WeChat)', () => {
    vi.spyOn(Taro, 'getAppBaseInfo').mockImplementation(() => {
      throw new Error('getAppBaseInfo:fail not supported')
    })

    expect(initElderMode()).toBe(false)
  })

  it('marks <html> in H5, for what sits outside the page roots (the tab bar)', () => {
    setElderMode(true)
    expect(document.documentElement).toHaveClass(ELDER_CLASS)

    setElderMode(false)
    expect(document.documentElement).not.toHaveClass(ELDER_CLASS)
  })
})
