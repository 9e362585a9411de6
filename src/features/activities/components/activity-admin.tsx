import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActivityDetail, SignupRow } from '@contract/activities'
import { PagedList } from '@/components/paged-list'
import { staffPageUrl } from '@/features/staff/components/labels'
import { TextField } from '@/features/staff/components/text-field'
import { useTask } from '@/lib/use-task'
import { cancelActivity, toNotice } from '../api'
import { useSignups } from '../hooks/use-activities'
import { hoursText, whenText } from '../labels'
import { CheckInByCode } from './check-in-by-code'
import { SignupRowCard } from './signup-row'
import './activities.scss'

/** The staff's side of one activity: the list and check-in, hours, cancel, the notice draft. */
export function ActivityAdmin({
  activity: a,
  onChanged,
}: {
  activity: ActivityDetail
  onChanged: () => void
}) {
  const [generation, setGeneration] = useState(0)
  const [found, setFound] = useState<SignupRow | null>(null)
  const [reason, setReason] = useState('')
  const list = useSignups(a.id, generation)
  const task = useTask()
  const open = a.checkInOpen
  const ended = a.state === 'ended'
  const changed = (row: SignupRow) => {
    if (found?.id === row.id) setFound(row)
    setGeneration((g) => g + 1)
  }
  const cancel = () =>
    void task.run(
      'cancel',
      async () => {
        await cancelActivity(a.id, reason)
        onChanged()
      },
      '已取消，已通知报名的人',
    )
  const draft = () =>
    void task.run('notice', async () => {
      const { noticeId } = await toNotice(a.id)
      void Taro.navigateTo({ url: staffPageUrl('compose', { id: noticeId }) })
    })
  const card = (row: SignupRow) => (
    <SignupRowCard
      key={row.id}
      activityId={a.id}
      row={row}
      checkInOpen={open}
      ended={ended}
      onChanged={changed}
    />
  )
  return (
    <View>
      <View className='activity-card'>
        <View className='activity-card__title'>{a.title}</View>
        <View className='activity-card__line'>
          {whenText(a)} · {a.place}
        </View>
        <View className='activity-card__meta'>
          名额 {a.capacity}，已报名 {a.signedCount}，候补 {a.waitingCount}；每人记{' '}
          {hoursText(a.hours)}
        </View>
        <View className='activity-card__actions'>
          {!ended && a.state !== 'cancelled' && (
            <Button
              fill='outline'
              onClick={() =>
                void Taro.navigateTo({ url: staffPageUrl('activity-edit', { id: a.id }) })
              }
            >
              编辑活动
            </Button>
          )}
          {ended && (
            <Button type='primary' loading={task.busy === 'notice'} onClick={draft}>
              {a.noticeId ? '打开新闻稿' : '一键生成新闻稿'}
            </Button>
          )}
        </View>
      </View>
      {open && <CheckInByCode activityId={a.id} onFound={setFound} />}
      {found && card(found)}
      <PagedList list={list} emptyText='还没有人报名'>
        {card}
      </PagedList>
      {!ended && a.state !== 'cancelled' && (
        <View className='activity-card'>
          <View className='activity-card__title'>取消活动</View>
          <TextField
            label='取消原因'
            value={reason}
            onChange={setReason}
            placeholder='会发通知告诉已报名和候补的人'
            maxLength={100}
          />
          <View className='activity-card__actions'>
            <Button block loading={task.busy === 'cancel'} onClick={cancel}>
              取消活动并通知
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}
