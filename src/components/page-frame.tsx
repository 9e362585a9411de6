import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { usePageClass } from '@/lib/use-elder-mode'
import { TitleBar } from './title-bar'

interface Props {
  /** The root's classes before 长辈模式's ('page', 'page page--padded-top', …). */
  className?: string
  children: ReactNode
}

/**
 * The root of every page that is not a tab: the page classes (with 长辈模式) and, in H5, the
 * title bar with 返回 / 回首页 (the mini-program has WeChat's own).
 */
export function PageFrame({ className = 'page', children }: Props) {
  return (
    <View className={usePageClass(className)}>
      <TitleBar />
      {children}
    </View>
  )
}
