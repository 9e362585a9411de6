import { Button } from '@nutui/nutui-react-taro'
import { Image, Video, View } from '@tarojs/components'
import type { HeldMedia } from '@contract/media'
import { PageState } from '@/components/page-state'
import { dateTime } from '@/lib/dayjs'
import { useRemote } from '@/lib/use-remote'
import { useTask } from '@/lib/use-task'
import { listHeldMedia, settleMedia } from '../api/media'

function HeldCard({
  item,
  busy,
  onDecide,
}: {
  item: HeldMedia
  busy: string
  onDecide: (decision: 'show' | 'remove') => void
}) {
  return (
    <View className='staff-card'>
      {item.kind === 'image' ? (
        <Image src={item.url} mode='aspectFit' style={{ width: '100%', height: '200px' }} />
      ) : (
        <Video src={item.url} controls style={{ width: '100%', height: '200px' }} />
      )}
      <View className='staff-card__meta'>
        {item.kind === 'image' ? '图片' : '视频'} · {item.ownerName} 上传于{' '}
        {dateTime(item.createdAt)}
      </View>
      <View className='staff-card__line'>
        <Button
          type='primary'
          loading={busy === `show:${item.id}`}
          onClick={() => onDecide('show')}
        >
          显示
        </Button>{' '}
        <Button
          type='danger'
          loading={busy === `remove:${item.id}`}
          onClick={() => onDecide('remove')}
        >
          移除
        </Button>
      </View>
    </View>
  )
}

/**
 * 图片视频审核 (admins): pictures the image check could not decide and videos (no automatic
 * check exists for them) stay hidden from readers until shown here; removed ones stay hidden.
 */
export function HeldMediaList() {
  const held = useRemote('staff:held-media', listHeldMedia)
  const task = useTask()
  const items = held.data?.items ?? []
  const decide = (item: HeldMedia) => async (decision: 'show' | 'remove') => {
    const done = decision === 'show' ? '已显示' : '已移除'
    if (await task.run(`${decision}:${item.id}`, () => settleMedia(item.id, decision), done)) {
      await held.reload()
    }
  }
  return (
    <PageState
      loading={held.loading}
      error={held.error}
      empty={items.length === 0}
      emptyText='没有待审核的图片或视频'
      onRetry={() => void held.reload()}
    >
      {items.map((item) => (
        <HeldCard key={item.id} item={item} busy={task.busy} onDecide={decide(item)} />
      ))}
    </PageState>
  )
}
