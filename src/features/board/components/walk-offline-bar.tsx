import { Text, View } from '@tarojs/components'
import { OfflineBar } from '@/components/offline-bar'
import { offlineListText } from '../walk-cache'

interface Props {
  /** When the list on screen was saved (ISO time). */
  savedAt: string
  onRetry: () => void
}

/** Says the walk list is the copy kept on the phone, and how old it is; 重试 loads again. */
export function WalkOfflineBar({ savedAt, onRetry }: Props) {
  return (
    <OfflineBar savedAt={savedAt} onRetry={onRetry}>
      <Text>{offlineListText(savedAt, Date.now())}</Text>
      <View>检查先存在手机上，联网后自动发送</View>
    </OfflineBar>
  )
}
