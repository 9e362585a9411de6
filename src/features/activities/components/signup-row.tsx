import { Button, Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SignupRow } from '@contract/activities'
import { signupStatusLabels } from '@contract/activities.labels'
import { TextField } from '@/features/staff/components/text-field'
import { useTask } from '@/lib/use-task'
import { adjustHours, checkIn } from '../api'
import { hoursText } from '../labels'
import './activities.scss'

interface Props {
  activityId: string
  row: SignupRow
  /** Check-in is open now (from 2 hours before the start to a day after the end). */
  checkInOpen: boolean
  /** The activity has ended: hours may be adjusted. */
  ended: boolean
  onChanged: (row: SignupRow) => void
}

/** One person on the list: status, check-in, hours; 调整时长 with a reason after the end. */
export function SignupRowCard({ activityId, row, checkInOpen, ended, onChanged }: Props) {
  const task = useTask()
  const [adjusting, setAdjusting] = useState(false)
  const [hours, setHours] = useState(row.hours === null ? '' : String(row.hours))
  const [reason, setReason] = useState('')
  const toggle = () =>
    void task.run(
      'check',
      async () => onChanged(await checkIn(activityId, row.id, !row.checkedIn)),
      row.checkedIn ? '已取消签到' : '已签到',
    )
  const save = () =>
    void task.run(
      'adjust',
      async () => {
        onChanged(await adjustHours(activityId, row.id, Number(hours), reason))
        setAdjusting(false)
      },
      '已调整',
    )
  return (
    <View className='activity-card'>
      <View className='activity-card__head'>
        <Tag type={row.status === 'signed' ? 'success' : 'default'}>
          {row.checkedIn ? '已签到' : signupStatusLabels[row.status]}
        </Tag>
        <Text className='activity-card__title'>{row.name}</Text>
      </View>
      <View className='activity-card__meta'>
        第 {row.seq} 个报名 · {row.villageName} · 户主 {row.householdName}
        {row.hours !== null ? ` · 时长 ${hoursText(row.hours)}` : ''}
        {row.adjustReason ? `（调整：${row.adjustReason}）` : ''}
      </View>
      {row.status === 'signed' && (
        <View className='activity-card__actions'>
          {checkInOpen && (row.hours === null || !row.checkedIn) && (
            <Button
              type={row.checkedIn ? 'default' : 'primary'}
              loading={task.busy === 'check'}
              onClick={toggle}
            >
              {row.checkedIn ? '取消签到' : '签到'}
            </Button>
          )}
          {ended && row.checkedIn && !adjusting && (
            <Button fill='outline' onClick={() => setAdjusting(true)}>
              调整时长
            </Button>
          )}
        </View>
      )}
      {adjusting && (
        <View>
          <TextField
            label='时长（小时）'
            type='number'
            value={hours}
            onChange={setHours}
            placeholder='以半小时为单位，如 1.5'
          />
          <TextField
            label='调整原因'
            value={reason}
            onChange={setReason}
            placeholder='如：提前离开'
            maxLength={100}
          />
          <View className='activity-card__actions'>
            <Button type='primary' loading={task.busy === 'adjust'} onClick={save}>
              保存
            </Button>
            <Button onClick={() => setAdjusting(false)}>取消</Button>
          </View>
        </View>
      )}
    </View>
  )
}
