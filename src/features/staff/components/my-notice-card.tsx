import { Button, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { EditableNotice } from '@contract/authoring'
import { dateTime } from '@/lib/dayjs'
import type { Task } from '@/lib/use-task'
import { publishNotice, withdrawNotice, type NoticeStatus } from '../api/notices'
import { ConfirmBar } from './confirm-bar'
import { staffPageUrl } from './labels'

export const noticeStatusNames: Record<NoticeStatus, string> = {
  draft: '草稿',
  scheduled: '定时',
  published: '已发布',
  expired: '已到期',
  withdrawn: '已撤回',
}

const statusTag: Record<NoticeStatus, 'primary' | 'success' | 'warning' | 'default'> = {
  draft: 'default',
  scheduled: 'warning',
  published: 'success',
  expired: 'default',
  withdrawn: 'default',
}

function whenText(n: EditableNotice): string {
  if (n.status === 'draft' || !n.publishAt) return '尚未发布'
  if (n.status === 'scheduled') return `将于 ${dateTime(n.publishAt)} 发布`
  return `发布于 ${dateTime(n.publishAt)}`
}

interface Props {
  notice: EditableNotice
  task: Task
  onChanged: (notice: EditableNotice) => void
}

/** One of my notices: its state, where and when, and what can be done with it now. */
export function MyNoticeCard({ notice: n, task, onChanged }: Props) {
  const [withdrawing, setWithdrawing] = useState(false)
  const scope = n.villages.length === 0 ? '全镇' : n.villages.map((v) => v.name).join('、')
  const canPublish = n.status === 'draft' || n.status === 'withdrawn'
  const canWithdraw = n.status === 'published' || n.status === 'scheduled'

  const publish = async () => {
    let saved: EditableNotice | undefined
    const ok = await task.run(
      `publish:${n.id}`,
      async () => {
        saved = await publishNotice(n.id)
      },
      '已发布',
    )
    if (ok && saved) onChanged(saved)
  }
  const withdraw = async () => {
    let saved: EditableNotice | undefined
    const ok = await task.run(
      `withdraw:${n.id}`,
      async () => {
        saved = await withdrawNotice(n.id)
      },
      '已撤回',
    )
    if (ok && saved) {
      setWithdrawing(false)
      onChanged(saved)
    }
  }
  const open = (page: string, query: Record<string, string>) => () =>
    void Taro.navigateTo({ url: staffPageUrl(page, query) })

  return (
    <View className='staff-card my-notice-card'>
      <View className='staff-card__head'>
        <View className='staff-card__title'>{n.title}</View>
        <Tag type={statusTag[n.status]}>{noticeStatusNames[n.status]}</Tag>
      </View>
      <View className='staff-card__line'>
        {n.column.name} · {scope}
        {n.pinned ? ' · 置顶' : ''}
      </View>
      <View className='staff-card__meta'>{whenText(n)}</View>
      {n.expireAt && <View className='staff-card__meta'>到期 {dateTime(n.expireAt)}</View>}
      {withdrawing ? (
        <ConfirmBar
          text='撤回后村民就看不到这条公告了，之后可以再次发布。'
          confirmText='确认撤回'
          danger
          busy={task.busy === `withdraw:${n.id}`}
          onConfirm={() => void withdraw()}
          onCancel={() => setWithdrawing(false)}
        />
      ) : (
        <View className='staff-actions'>
          <Button
            fill='outline'
            disabled={task.busy !== ''}
            onClick={open('compose', { id: n.id })}
          >
            编辑
          </Button>
          {canPublish && (
            <Button
              type='primary'
              loading={task.busy === `publish:${n.id}`}
              onClick={() => void publish()}
            >
              发布
            </Button>
          )}
          {canWithdraw && (
            <Button fill='outline' disabled={task.busy !== ''} onClick={() => setWithdrawing(true)}>
              撤回
            </Button>
          )}
          {n.status === 'published' && (
            <Button fill='outline' onClick={open('reach', { noticeId: n.id })}>
              未读家庭
            </Button>
          )}
          {n.status === 'published' && (
            <Button fill='outline' onClick={open('broadcast', { noticeId: n.id })}>
              广播稿
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
