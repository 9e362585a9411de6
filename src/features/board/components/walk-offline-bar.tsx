import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { offlineListText } from '../walk-cache'
import './walk-offline-bar.scss'

interface Props {
  /** When the list on screen was saved (ISO time). */
  savedAt: string
  onRetry: () => void
}

/** Says the walk list is the copy kept on the phone, and how old it is; 重试 loads again. */
export function WalkOfflineBar({ savedAt, onRetry }: Props) {
  return (
    <View className='walk-offline' role='status'>
      <View className='walk-offline__text'>
        <Text>{offlineListText(savedAt, Date.now())}</Text>
        <View>检查先存在手机上，联网后自动发送</View>
      </View>
      <Button size='small' fill='outline' className='walk-offline__retry' onClick={onRetry}>
        重试
      </Button>
    </View>
  )
}
