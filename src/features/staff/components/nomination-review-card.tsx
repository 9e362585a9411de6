import { Button, Tag } from '@nutui/nutui-react-taro'
import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { Nomination } from '@contract/campaigns'
import { nominationStatusLabels } from '@contract/campaigns.labels'
import { dateTime } from '@/lib/dayjs'
import type { Task } from '@/lib/use-task'
import { reviewNomination } from '../api/campaigns'
import { ConfirmBar } from './confirm-bar'
import { TextField } from './text-field'
import './campaign-staff.scss'

interface Props {
  nomination: Nomination
  task: Task
  /** Approved or rejected: it leaves the queue. */
  onDecided: (id: string) => void
}

/** One nomination to review: who, why, photos, and 通过 / 不通过 with a reason. */
export function NominationReviewCard({ nomination: n, task, onDecided }: Props) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const approve = async () => {
    const ok = await task.run(
      `approve:${n.id}`,
      () => reviewNomination({ id: n.id, decision: 'approve' }),
      '已通过',
    )
    if (ok) onDecided(n.id)
  }
  const reject = async () => {
    const text = reason.trim()
    if (text.length < 2) return setError('请写明不通过的理由（至少 2 个字）')
    const ok = await task.run(
      `reject:${n.id}`,
      () => reviewNomination({ id: n.id, decision: 'reject', reason: text }),
      '已退回',
    )
    if (ok) onDecided(n.id)
  }
  return (
    <View className='staff-card'>
      <View className='staff-card__head'>
        <View className='staff-card__title'>{n.household.name}家</View>
        <Tag type={n.status === 'pending' ? 'primary' : 'default'}>
          {nominationStatusLabels[n.status]}
        </Tag>
      </View>
      <View className='staff-card__meta'>{n.campaignTitle}</View>
      <View className='staff-card__line'>
        {n.household.villageName} {n.household.groupName} · {n.nominatorName} 提名
      </View>
      <View className='staff-card__line campaign-staff__story'>{n.story}</View>
      {n.photos.length > 0 && (
        <View className='campaign-staff__photos'>
          {n.photos.map((url) => (
            <Image
              key={url}
              className='campaign-staff__photo'
              src={url}
              mode='aspectFill'
              onClick={() => void Taro.previewImage({ current: url, urls: n.photos })}
            />
          ))}
        </View>
      )}
      <View className='staff-card__meta'>提名于 {dateTime(n.createdAt)}</View>
      {n.reason && <View className='staff-card__meta'>理由：{n.reason}</View>}
      {n.status === 'pending' &&
        (rejecting ? (
          <ConfirmBar
            text='不通过的理由会告诉提名人。'
            confirmText='确认不通过'
            danger
            busy={task.busy === `reject:${n.id}`}
            onConfirm={() => void reject()}
            onCancel={() => {
              setRejecting(false)
              setError('')
            }}
          >
            <TextField
              label='不通过的理由'
              value={reason}
              onChange={(v) => {
                setReason(v)
                setError('')
              }}
              placeholder='如：事迹与实际不符（至少 2 个字）'
              maxLength={200}
              error={error}
            />
          </ConfirmBar>
        ) : (
          <View className='staff-actions'>
            <Button
              type='primary'
              loading={task.busy === `approve:${n.id}`}
              onClick={() => void approve()}
            >
              通过
            </Button>
            <Button fill='outline' onClick={() => setRejecting(true)}>
              不通过
            </Button>
          </View>
        ))}
    </View>
  )
}
