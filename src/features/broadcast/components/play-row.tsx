import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Play } from '@contract/broadcast'
import { dateTime } from '@/lib/dayjs'
import type { Task } from '@/lib/use-task'
import { markPlayed } from '../api'
import './broadcast.scss'

/** One of today's broadcasts: open its script to play it; mark it played if you like. */
export function PlayRow(props: { play: Play; task: Task; onChanged: (play: Play) => void }) {
  const { play, task } = props
  const mark = () =>
    task.run(`mark:${play.id}`, async () => props.onChanged(await markPlayed(play.id)), '已标记')
  return (
    <View className='play-row'>
      <View className='play-row__title'>{play.title}</View>
      <View className='play-row__meta'>
        {play.village.name} · {play.day}
        {play.playedAt ? ` · ${dateTime(play.playedAt)} 已播` : ''}
      </View>
      <View className='staff-actions'>
        <Button
          type='primary'
          block
          onClick={() =>
            void Taro.navigateTo({
              url: `/packages/staff/pages/broadcast/index?noticeId=${play.noticeId}`,
            })
          }
        >
          打开广播稿
        </Button>
        {!play.playedAt && (
          <Button
            type='primary'
            fill='outline'
            block
            loading={task.busy === `mark:${play.id}`}
            onClick={() => void mark()}
          >
            标记已播
          </Button>
        )}
      </View>
    </View>
  )
}
