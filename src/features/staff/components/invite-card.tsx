import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '@contract/index'
import { dateTime } from '@/lib/dayjs'
import { createInvite } from '../api/households'
import { useTask } from '@/lib/use-task'
import { QrCode } from './qr-code'
import './invite-card.scss'

type Invite = ActionOutput<'households.invite'>

/** 生成邀请码: a one-time code and its QR that bind a resident to this household at once. */
export function InviteCard({ householdId }: { householdId: string }) {
  const [invite, setInvite] = useState<Invite | null>(null)
  const task = useTask()
  const generate = () => task.run('invite', async () => setInvite(await createInvite(householdId)))
  return (
    <View className='staff-card invite-card'>
      <View className='staff-card__title'>绑定邀请码</View>
      <View className='staff-card__meta'>
        当面出示给这户的村民：在「我的」里扫码或输入邀请码，即可直接绑定，无需再审核。
      </View>
      {invite && (
        <>
          <View className='invite-card__code' aria-label='邀请码'>
            {invite.code}
          </View>
          <View className='invite-card__qr'>
            <QrCode rows={invite.qr} label='邀请二维码' />
          </View>
          <View className='invite-card__expiry'>
            有效期至 {dateTime(invite.expiresAt)}，只能使用一次
          </View>
        </>
      )}
      <View className='staff-actions'>
        <Button
          type='primary'
          fill={invite ? 'outline' : 'solid'}
          block
          loading={task.busy === 'invite'}
          onClick={() => void generate()}
        >
          {invite ? '重新生成邀请码' : '生成邀请码'}
        </Button>
      </View>
    </View>
  )
}
