import { Button, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { BindingRequest } from '@contract/bindings'
import { dateTime, fromNow } from '@/lib/dayjs'
import { approveBinding, rejectBinding } from '../api/bindings'
import type { Task } from '@/lib/use-task'
import { ConfirmBar } from './confirm-bar'
import { relationNames } from './labels'
import { TextField } from './text-field'

interface Props {
  request: BindingRequest
  task: Task
  /** The request was approved or rejected: it leaves the list. */
  onDecided: (id: string) => void
}

/** One pending binding request: who asks, for which household, and 通过 / 驳回. */
export function BindingCard({ request, task, onDecided }: Props) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const { id, user, household: h } = request

  const approve = async () => {
    if (await task.run(`approve:${id}`, () => approveBinding(id), '已通过')) onDecided(id)
  }
  const reject = async () => {
    const text = reason.trim()
    if (text.length < 2) return setError('请填写驳回原因（至少 2 个字）')
    if (text.length > 100) return setError('原因最多 100 字')
    if (await task.run(`reject:${id}`, () => rejectBinding(id, text), '已驳回')) onDecided(id)
  }

  return (
    <View className='staff-card'>
      <View className='staff-card__head'>
        <View className='staff-card__title'>{user.nickname}</View>
        <Tag type={request.relation === 'head' ? 'primary' : 'default'}>
          {relationNames[request.relation]}
        </Tag>
      </View>
      <View className='staff-card__line'>
        {h.villageName} {h.groupName} {h.houseNo}
      </View>
      <View className='staff-card__line'>户主 {h.headName}</View>
      <View className='staff-card__meta'>
        申请于 {fromNow(request.createdAt)}（{dateTime(request.createdAt)}）
      </View>
      {rejecting ? (
        <ConfirmBar
          text='驳回后申请人会看到原因，可以改正后重新申请。'
          confirmText='确认驳回'
          danger
          busy={task.busy === `reject:${id}`}
          onConfirm={() => void reject()}
          onCancel={() => {
            setRejecting(false)
            setError('')
          }}
        >
          <TextField
            label='驳回原因'
            value={reason}
            onChange={(v) => {
              setReason(v)
              setError('')
            }}
            placeholder='如：门牌号与户籍不符（至少 2 个字）'
            maxLength={100}
            error={error}
          />
        </ConfirmBar>
      ) : (
        <View className='staff-actions'>
          <Button
            type='primary'
            loading={task.busy === `approve:${id}`}
            onClick={() => void approve()}
          >
            通过
          </Button>
          <Button fill='outline' disabled={task.busy !== ''} onClick={() => setRejecting(true)}>
            驳回
          </Button>
        </View>
      )}
    </View>
  )
}
