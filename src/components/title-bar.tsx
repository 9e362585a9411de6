import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import './title-bar.scss'

/** Where 回首页 leads: the first tab. */
export const HOME_URL = '/pages/index/index'

/** Whether there is a page to go back to (none when opened by a shared link or typed URL). */
function hasHistory(): boolean {
  try {
    return Taro.getCurrentPages().length > 1
  } catch {
    return false
  }
}

/**
 * The page's title as the H5 router keeps it in document.title (the page's
 * navigationBarTitleText, or what Taro.setNavigationBarTitle set), read while the page shows.
 */
function usePageTitle(): string {
  const [title, setTitle] = useState(() => document.title)
  const shown = useRef(true)
  const read = () => {
    if (shown.current) setTitle(document.title)
  }
  useDidShow(() => {
    shown.current = true
    // The router sets the title as the page shows: read it once that is done.
    setTimeout(read, 0)
  })
  useDidHide(() => {
    shown.current = false
  })
  useEffect(() => {
    const timer = setTimeout(read, 0)
    const observer = new MutationObserver(read)
    observer.observe(document.head, { childList: true, characterData: true, subtree: true })
    return () => {
      clearTimeout(timer)
      observer.disconnect()
    }
  }, [])
  return title
}

function H5TitleBar() {
  const title = usePageTitle()
  const [back] = useState(hasHistory)
  return (
    <View className='title-bar' role='banner'>
      {back ? (
        <View
          className='title-bar__button'
          role='button'
          aria-label='返回上一页'
          onClick={() => void Taro.navigateBack()}
        >
          <Text className='title-bar__arrow'>‹</Text>
          <Text>返回</Text>
        </View>
      ) : (
        <View
          className='title-bar__button'
          role='button'
          aria-label='回首页'
          onClick={() => void Taro.reLaunch({ url: HOME_URL })}
        >
          <Text>回首页</Text>
        </View>
      )}
      <View className='title-bar__title' role='heading' aria-level={1}>
        {title}
      </View>
      <View className='title-bar__spacer' />
    </View>
  )
}

/**
 * The title bar of a page that is not a tab, in H5 only: the page title, 返回 when there is a
 * page to go back to, else 回首页 (a page opened by a shared link). The mini-program has
 * WeChat's own bar, so there it draws nothing.
 */
export function TitleBar() {
  return process.env.TARO_ENV === 'h5' ? <H5TitleBar /> : null
}
