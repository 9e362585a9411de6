import Taro from '@tarojs/taro'
import {
  ELDER_CLASS,
  ELDER_STORAGE_KEY,
  elderClasses,
  elderFontScale,
  initElderMode,
  isElderMode,
  refreshElderMode,
  setElderMode,
  subscribeElderMode,
} from '@/lib/elder-mode'

/** The mini-program on a phone whose WeChat font is set to `scale` (getAppBaseInfo). */
function wechatFontScale(scale: number) {
  vi.stubEnv('TARO_ENV', 'weapp')
  vi.spyOn(Taro, 'getAppBaseInfo').mockReturnValue({
    fontSizeScaleFactor: scale,
  } as unknown as ReturnType<typeof Taro.getAppBaseInfo>)
}

/** H5 in a browser whose default font size is `px` (jsdom computes no sizes of its own). */
function browserDefaultFont(px: number) {
  const real = window.getComputedStyle.bind(window)
  vi.spyOn(window, 'getComputedStyle').mockImplementation((el, pseudo) => {
    const style = real(el, pseudo)
    if ((el as HTMLElement).style.fontSize !== 'medium') return style
    return { ...style, fontSize: `${px}px` } as CSSStyleDeclaration
  })
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
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
    vi.stubEnv('TARO_ENV', 'weapp')
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

  it('follows WeChat’s font size: 1.3× and 2× draw at different scales, capped at 2×', () => {
    wechatFontScale(1.3)
    initElderMode()
    expect(elderClasses()).toBe(`${ELDER_CLASS} elder-scale-13`)
    expect(elderFontScale()).toBe(1.3)

    wechatFontScale(2)
    initElderMode()
    expect(elderClasses()).toBe(`${ELDER_CLASS} elder-scale-20`)

    wechatFontScale(3.1)
    initElderMode()
    expect(elderFontScale()).toBe(2)
  })

  it('draws at the usual sizes when the user turned it on with WeChat’s usual font', () => {
    wechatFontScale(1)
    setElderMode(true)
    expect(elderClasses()).toBe(ELDER_CLASS)

    setElderMode(false)
    expect(elderClasses()).toBe('')
  })

  it('reads the font size again when the app shows, and tells every page', () => {
    wechatFontScale(1)
    initElderMode()
    expect(isElderMode()).toBe(false)
    const changed = vi.fn()
    const unsubscribe = subscribeElderMode(changed)

    wechatFontScale(1.4)
    refreshElderMode()

    expect(isElderMode()).toBe(true)
    expect(elderClasses()).toBe(`${ELDER_CLASS} elder-scale-14`)
    expect(changed).toHaveBeenCalledTimes(1)
    refreshElderMode()
    expect(changed).toHaveBeenCalledTimes(1)
    unsubscribe()
  })

  it('in H5 follows the browser’s default font size the same way', () => {
    browserDefaultFont(32)

    expect(initElderMode()).toBe(true)
    expect(elderClasses()).toBe(`${ELDER_CLASS} elder-scale-20`)
    expect(document.documentElement).toHaveClass(ELDER_CLASS, 'elder-scale-20')

    browserDefaultFont(16)
    expect(initElderMode()).toBe(false)
    expect(document.documentElement).not.toHaveClass('elder-scale-20')
  })
})
