import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { dateTime } from '@/lib/dayjs'
import type { OutboxEntry } from '../outbox'
import './inspect-list.scss'

interface Props {
  entries: OutboxEntry[]
  sending: boolean
  onSend: () => void
  onDiscard: (clientId: string) => void
}

/** Inspections saved on this phone that have not reached the server (待发送). */
export function OutboxList({ entries, sending, onSend, onDiscard }: Props) {
  if (entries.length === 0) return null
  return (
    <View className='inspect-list inspect-list--outbox' aria-label='待发送'>
      <View className='inspect-list__heading'>{entries.length} 份检查待发送 · 联网后自动发送</View>
      {entries.map((e) => (
        <View key={e.clientId} className='inspect-list__row'>
          <View className='inspect-list__who'>
            <View className='inspect-list__name'>{e.label}</View>
            <View className='inspect-list__meta'>
              保存于 {dateTime(e.queuedAt)}
              {e.photos.length > 0 ? ` · ${e.photos.length} 张照片` : ''}
            </View>
            {e.error && (
              <View className='inspect-list__error' role='alert'>
                未能发送：{e.error}
              </View>
            )}
          </View>
          {e.error ? (
            <Button size='small' fill='outline' onClick={() => onDiscard(e.clientId)}>
              删除
            </Button>
          ) : (
            <View className='inspect-list__mark inspect-list__mark--waiting'>待发送</View>
          )}
        </View>
      ))}
      <Button type='primary' block loading={sending} onClick={onSend}>
        {sending ? '正在发送…' : '立即发送'}
      </Button>
    </View>
  )
}
