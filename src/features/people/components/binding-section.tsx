import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MeUser } from '@contract/people'
import { dateTime } from '@/lib/dayjs'
import { cancelBindingRequest, unbindHousehold } from '../api/bindings'
import { useTask } from '@/lib/use-task'
import { relationNames } from '../labels'
import './me-card.scss'
import { residentUrl } from '@/lib/routes'

interface Props {
  user: MeUser
  /** Called after a change on the server, to show the new state. */
  onChanged: () => void
}

type Request = NonNullable<MeUser['bindingRequest']>

const openBind = () => void Taro.navigateTo({ url: residentUrl('bind') })

/** My household on 我的: bound, waiting for review, refused, or not yet asked. */
export function BindingSection({ user, onChanged }: Props) {
  if (user.household) return <BoundCard user={user} onChanged={onChanged} />
  const request = user.bindingRequest
  if (request?.status === 'pending') return <PendingCard request={request} onChanged={onChanged} />
  if (request?.status === 'rejected') return <RejectedCard request={request} />
  return (
    <View className='me-card'>
      <Button type='primary' size='xlarge' block onClick={openBind}>
        绑定我的家庭
      </Button>
      <View className='me-card__hint me-card__hint--center'>绑定后才能提名、投票和申诉</View>
    </View>
  )
}

function PendingCard({ request, onChanged }: { request: Request; onChanged: () => void }) {
  const task = useTask()
  const cancel = () =>
    void task.run('cancel', cancelBindingRequest, '已撤回申请').then((ok) => ok && onChanged())
  return (
    <View className='me-card'>
      <View className='me-card__title'>申请已提交，等待网格员审核</View>
      <View className='me-card__line'>{`${request.villageName} ${request.houseNo}`}</View>
      <View className='me-card__hint'>
        {`${dateTime(request.createdAt)} 提交。网格员核对后，就能提名、投票和申诉了。`}
      </View>
      <Button fill='outline' size='large' block loading={task.busy === 'cancel'} onClick={cancel}>
        撤回申请
      </Button>
    </View>
  )
}

function RejectedCard({ request }: { request: Request }) {
  return (
    <View className='me-card'>
      <View className='me-card__title'>绑定申请没有通过</View>
      <View className='me-card__line'>{`${request.villageName} ${request.houseNo}`}</View>
      <View className='me-card__reason'>{`原因：${request.reason ?? '网格员未说明'}`}</View>
      <View className='me-card__hint'>请核对户主姓名和门牌号，或请网格员出示邀请码。</View>
      <Button type='primary' size='large' block onClick={openBind}>
        重新申请
      </Button>
    </View>
  )
}

function BoundCard({ user, onChanged }: Props) {
  const [confirming, setConfirming] = useState(false)
  const task = useTask()
  const unbind = () =>
    void task.run('unbind', unbindHousehold, '已解除绑定').then((ok) => ok && onChanged())
  const h = user.household
  if (!h) return null
  return (
    <View className='me-card'>
      <View className='me-card__title'>我的家庭</View>
      <View className='me-card__line'>{`${h.groupName} ${h.houseNo} · 户主 ${h.headName}`}</View>
      <View className='me-card__hint'>
        {`${user.village?.name ?? ''} · 我是${relationNames[h.relation]}`}
      </View>
      {confirming ? (
        // Asked here on the page, not in a pop-up (DESIGN.md: no pop-ups).
        <View className='me-card__confirm' role='alert'>
          <View className='me-card__warning'>
            解除后不能再提名、投票和申诉，要重新申请绑定。确定解除吗？
          </View>
          <View className='me-card__buttons'>
            <Button
              type='danger'
              size='large'
              className='me-card__button'
              loading={task.busy === 'unbind'}
              onClick={unbind}
            >
              确认解除
            </Button>
            <Button
              fill='outline'
              size='large'
              className='me-card__button'
              disabled={task.busy === 'unbind'}
              onClick={() => setConfirming(false)}
            >
              不解除
            </Button>
          </View>
        </View>
      ) : (
        <Button fill='outline' size='large' block onClick={() => setConfirming(true)}>
          解除绑定
        </Button>
      )}
    </View>
  )
}
