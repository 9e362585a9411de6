import { Button, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { PageState } from '@/components/page-state'
import { dateTime } from '@/lib/dayjs'
import { useRemote } from '@/lib/use-remote'
import { useTask } from '@/lib/use-task'
import { getFiledNotices, setNoticeAdopted } from '../api/filing'
import './filing-table.scss'

interface Props {
  month: string
  village: { id: string; name: string }
  /** After a notice was marked or unmarked: the table's counts changed. */
  onChanged: () => void
}

/** A village's notices of the month, each marked 被上级采用 or not by a tap. */
export function FilingNotices({ month, village, onChanged }: Props) {
  const notices = useRemote(`staff:filing:${month}:${village.id}`, () =>
    getFiledNotices(month, village.id),
  )
  const task = useTask()
  const toggle = (id: string, adopted: boolean) =>
    task.run(
      id,
      async () => {
        await setNoticeAdopted(id, adopted)
        await notices.reload()
        onChanged()
      },
      adopted ? '已标记采用' : '已取消采用',
    )
  return (
    <View className='staff-card'>
      <View className='staff-card__title'>{village.name}本月发布的信息</View>
      <PageState
        loading={notices.loading && !notices.data}
        error={notices.error}
        empty={notices.data?.length === 0}
        emptyText='这个月还没有发布信息'
        onRetry={() => void notices.reload()}
      >
        {notices.data?.map((n) => (
          <View key={n.id} className='filing-notice'>
            <View className='filing-notice__title'>{n.title}</View>
            <View className='filing-notice__meta'>
              <View>
                {dateTime(n.publishAt)} {n.adopted && <Tag type='primary'>被上级采用</Tag>}
              </View>
              <Button
                size='small'
                fill={n.adopted ? 'outline' : 'solid'}
                type='primary'
                loading={task.busy === n.id}
                onClick={() => void toggle(n.id, !n.adopted)}
              >
                {n.adopted ? '取消采用' : '标记采用'}
              </Button>
            </View>
          </View>
        ))}
      </PageState>
    </View>
  )
}
