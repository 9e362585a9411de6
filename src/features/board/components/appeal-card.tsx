import { Button, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { Appeal } from '@contract/board'
import { fieldErrors } from '@/lib/api-client'
import { dateTime } from '@/lib/dayjs'
import { useTask } from '@/lib/use-task'
import { decideAppeal } from '../api/board'
import { appealStatusNames as statusNames, boardStaffUrl } from '../labels'
import { PhotoStrip } from './score-breakdown'
import './board-form.scss'

/** An appeal for the grid worker or admin: what the household says, and 复查 or 驳回. */
export function AppealCard({ appeal: a, onDecided }: { appeal: Appeal; onDecided: () => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const task = useTask()
  const h = a.household
  const reject = async () => {
    setError('')
    const ok = await task.run(
      'reject',
      async () => {
        try {
          await decideAppeal({ id: a.id, decision: 'reject', reason })
        } catch (e) {
          setError(fieldErrors(e, (p) => (p === 'reason' ? 'reason' : undefined)).reason ?? '')
          throw e
        }
      },
      '已驳回',
    )
    if (ok) onDecided()
  }
  const reinspect = () =>
    void Taro.navigateTo({
      url: boardStaffUrl('inspect-form', {
        roundId: a.roundId,
        householdId: h.id,
        name: `${h.houseNo} ${h.headName}`,
        appealId: a.id,
      }),
    })
  return (
    <View className='board-form' aria-label={`${h.headName}的申诉`}>
      <View className='board-form__row'>
        <View className='board-form__title'>
          {h.villageName} {h.groupName} {h.houseNo} {h.headName}
        </View>
        <View>{statusNames[a.status]}</View>
      </View>
      <View className='board-form__hint'>
        {a.roundTitle} · {a.scoreBefore} 分 · {a.appellantName} 于 {dateTime(a.createdAt)} 申诉
      </View>
      <View>{a.text}</View>
      <PhotoStrip photos={a.photos} />
      {a.status === 'rejected' && <View className='board-form__hint'>驳回理由：{a.reason}</View>}
      {a.status === 'reinspected' && (
        <View className='board-form__hint'>
          复查后 {a.scoreBefore} → {a.scoreAfter} 分
        </View>
      )}
      {a.status === 'pending' && rejecting && (
        <View>
          <Input
            value={reason}
            onChange={setReason}
            placeholder='驳回理由（村民会看到）'
            maxLength={200}
          />
          {error && <View className='board-form__error'>{error}</View>}
        </View>
      )}
      {a.status === 'pending' && (
        <View className='staff-actions'>
          {rejecting ? (
            <>
              <Button type='danger' loading={task.busy === 'reject'} onClick={() => void reject()}>
                确认驳回
              </Button>
              <Button fill='outline' onClick={() => setRejecting(false)}>
                取消
              </Button>
            </>
          ) : (
            <>
              <Button type='primary' onClick={reinspect}>
                复查打分
              </Button>
              <Button fill='outline' onClick={() => setRejecting(true)}>
                驳回
              </Button>
            </>
          )}
        </View>
      )}
    </View>
  )
}
