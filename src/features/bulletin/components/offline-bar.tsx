import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { inShanghai } from '@contract/time'
import './offline-bar.scss'

interface Props {
  /** When the copy on screen was saved (ISO time). */
  savedAt: string
  onRetry: () => void
}

/** Says the page shows a copy saved earlier because the network did not answer; 重试 loads again. */
export function OfflineBar({ savedAt, onRetry }: Props) {
  return (
    <View className='offline-bar' role='status'>
      <Text className='offline-bar__text'>
        {`离线 · 显示的是 ${inShanghai(savedAt).format('M月D日 HH:mm')} 保存的内容`}
      </Text>
      <Button size='small' fill='outline' className='offline-bar__retry' onClick={onRetry}>
        重试
      </Button>
    </View>
  )
}
