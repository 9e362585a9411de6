import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { inShanghai } from '@contract/time'
import './offline-bar.scss'

interface Props {
  /** When the copy on screen was saved (ISO time). */
  savedAt: string
  onRetry: () => void
  /** What to say instead of the default sentence (a page with its own words for the copy). */
  children?: ReactNode
}

/** Says the page shows a copy saved earlier because the network did not answer; 重试 loads again. */
export function OfflineBar({ savedAt, onRetry, children }: Props) {
  return (
    <View className='offline-bar' role='status'>
      <View className='offline-bar__text'>
        {children ?? (
          <Text>{`离线 · 显示的是 ${inShanghai(savedAt).format('M月D日 HH:mm')} 保存的内容`}</Text>
        )}
      </View>
      <Button size='small' fill='outline' className='offline-bar__retry' onClick={onRetry}>
        重试
      </Button>
    </View>
  )
}
