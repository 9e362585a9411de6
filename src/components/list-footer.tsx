import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { errorMessage } from '@/lib/api-client'
import './list-footer.scss'

interface Props {
  loadingMore: boolean
  done: boolean
  error: unknown
  onMore: () => void
}

/** The end of a paginated list: a progress line, a retry, a "load more", or "no more". */
export function ListFooter({ loadingMore, done, error, onMore }: Props) {
  if (loadingMore) return <View className='list-footer'>正在加载…</View>
  if (error) {
    return (
      <View className='list-footer'>
        <View>{errorMessage(error)}</View>
        <Button size='small' fill='outline' onClick={onMore}>
          重试
        </Button>
      </View>
    )
  }
  if (done) return <View className='list-footer'>没有更多了</View>
  return (
    <View className='list-footer'>
      <Button size='small' fill='outline' onClick={onMore}>
        加载更多
      </Button>
    </View>
  )
}
