import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ChipPicker } from '@/components/chip-picker'
import { PagedList } from '@/components/paged-list'
import { useTask } from '@/lib/use-task'
import type { NoticeStatus } from '../api/notices'
import { useMyNotices } from '../hooks/use-my-notices'
import { staffPageUrl } from './labels'
import { MyNoticeCard, noticeStatusNames } from './my-notice-card'

const statusOptions = [
  { value: '', label: '全部' },
  ...(Object.entries(noticeStatusNames) as [NoticeStatus, string][]).map(([value, label]) => ({
    value,
    label,
  })),
]

const asStatus = (value: string): NoticeStatus | '' =>
  value in noticeStatusNames ? (value as NoticeStatus) : ''

/** 我的公告: filtered by state, newest first; pull to refresh, scroll for more. */
export function MyNoticeList() {
  const [status, setStatus] = useState<NoticeStatus | ''>('')
  const list = useMyNotices(status)
  const task = useTask()
  return (
    <View>
      <ChipPicker
        label='公告状态'
        options={statusOptions}
        value={status}
        onChange={(v) => setStatus(asStatus(v))}
      />
      <View className='staff-actions my-notice-list__new'>
        <Button
          type='primary'
          block
          onClick={() => void Taro.navigateTo({ url: staffPageUrl('compose') })}
        >
          发布新公告
        </Button>
      </View>
      <PagedList list={list} emptyText={status ? '没有这种状态的公告' : '还没有发布过公告'}>
        {(n) => <MyNoticeCard key={n.id} notice={n} task={task} onChanged={list.markChanged} />}
      </PagedList>
    </View>
  )
}
