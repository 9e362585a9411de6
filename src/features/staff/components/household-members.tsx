import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { Household } from '@contract/places'
import { useTask } from '@/lib/use-task'
import { revokeBinding } from '../api/bindings'
import { ConfirmBar } from './confirm-bar'
import { relationNames } from './labels'
import { TextField } from './text-field'

type Member = Household['members'][number]

interface Props {
  members: Member[]
  /** Admins may end a member's binding, with a reason the audit log keeps. */
  canRevoke: boolean
  onChanged: () => void
}

function MemberRow({ member, canRevoke, onChanged }: { member: Member } & Omit<Props, 'members'>) {
  const task = useTask()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const revoke = async () => {
    const text = reason.trim()
    if (text.length < 2) return setError('请填写原因（至少 2 个字）')
    const done = await task.run('revoke', () => revokeBinding(member.bindingId, text), '已解除绑定')
    if (done) onChanged()
  }
  return (
    <View>
      <Cell
        title={member.nickname}
        description={relationNames[member.relation]}
        extra={
          canRevoke && !open ? (
            <Button fill='outline' onClick={() => setOpen(true)}>
              解除绑定
            </Button>
          ) : undefined
        }
      />
      {open && (
        <ConfirmBar
          text={`解除后「${member.nickname}」不能再以这户的名义提名、投票和申诉。`}
          confirmText='确认解除'
          danger
          busy={task.busy === 'revoke'}
          onConfirm={() => void revoke()}
          onCancel={() => setOpen(false)}
        >
          <TextField
            label='解除原因'
            value={reason}
            onChange={(v) => {
              setReason(v)
              setError('')
            }}
            placeholder='如：已迁出本村（至少 2 个字）'
            maxLength={100}
            error={error}
          />
        </ConfirmBar>
      )}
    </View>
  )
}

/** The users bound to a household; admins can end a binding. */
export function HouseholdMembers({ members, canRevoke, onChanged }: Props) {
  return (
    <CellGroup title={`已绑定的成员（${members.length}）`}>
      {members.length === 0 ? (
        <Cell title='还没有人绑定这户' description='可生成邀请码，请村民扫码或输入绑定' />
      ) : (
        members.map((m) => (
          <MemberRow key={m.bindingId} member={m} canRevoke={canRevoke} onChanged={onChanged} />
        ))
      )}
    </CellGroup>
  )
}
