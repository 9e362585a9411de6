import { Button, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { StaffUser } from '@contract/people'
import { appointStaff, dismissStaff, endSessions } from '../api/people'
import type { Task } from '@/lib/use-task'
import { ConfirmBar } from './confirm-bar'
import { isStaffRole, personLine, roleNames } from './labels'

type Change = 'gridWorker' | 'admin' | 'dismiss' | 'signOut'

interface Props {
  user: StaffUser
  task: Task
  onChanged: () => void
}

const question = (user: StaffUser, change: Change) =>
  change === 'signOut'
    ? `让「${user.nickname}」在所有设备上退出登录？手机丢失时使用；本人重新登录后即可继续使用。`
    : change === 'dismiss'
      ? `撤销「${user.nickname}」的${roleNames[user.role]}身份？负责的网格也会一并移除。`
      : `任命「${user.nickname}」为${roleNames[change]}？${change === 'admin' ? '管理员可以管理全镇的内容和人员。' : '之后请在「村组与网格」里为其指派网格。'}`

const confirmText: Record<Change, string> = {
  gridWorker: '确认任命',
  admin: '确认任命',
  dismiss: '确认撤销',
  signOut: '确认退出',
}

const done: Record<Change, string> = {
  gridWorker: '已任命',
  admin: '已任命',
  dismiss: '已撤销',
  signOut: '已退出登录',
}

/** A user with their role, household and grids, and 任命 / 撤销 confirmed inline. */
export function StaffUserCard({ user, task, onChanged }: Props) {
  const [change, setChange] = useState<Change | null>(null)
  const key = `role:${user.id}`
  const apply = async (to: Change) => {
    const action = () =>
      to === 'signOut'
        ? endSessions(user.id)
        : to === 'dismiss'
          ? dismissStaff(user.id)
          : appointStaff(user.id, to)
    if (await task.run(key, action, done[to])) {
      setChange(null)
      onChanged()
    }
  }
  const idle = task.busy !== ''
  return (
    <View className='staff-card'>
      <View className='staff-card__head'>
        <View className='staff-card__title'>{user.nickname}</View>
        <Tag type={isStaffRole(user.role) ? 'primary' : 'default'}>{roleNames[user.role]}</Tag>
      </View>
      {user.household && <View className='staff-card__line'>{personLine(user.household)}</View>}
      {user.grids.length > 0 && (
        <View className='staff-card__meta'>
          负责网格：{user.grids.map((g) => `${g.villageName}·${g.name}`).join('、')}
        </View>
      )}
      {change ? (
        <ConfirmBar
          text={question(user, change)}
          confirmText={confirmText[change]}
          danger={change === 'dismiss' || change === 'signOut'}
          busy={task.busy === key}
          onConfirm={() => void apply(change)}
          onCancel={() => setChange(null)}
        />
      ) : (
        <View className='staff-actions'>
          {user.role !== 'gridWorker' && (
            <Button fill='outline' disabled={idle} onClick={() => setChange('gridWorker')}>
              任命为网格员
            </Button>
          )}
          {user.role !== 'admin' && (
            <Button fill='outline' disabled={idle} onClick={() => setChange('admin')}>
              任命为管理员
            </Button>
          )}
          {isStaffRole(user.role) && (
            <Button
              fill='outline'
              type='danger'
              disabled={idle}
              onClick={() => setChange('dismiss')}
            >
              撤销
            </Button>
          )}
          <Button fill='outline' disabled={idle} onClick={() => setChange('signOut')}>
            退出其所有登录
          </Button>
        </View>
      )}
    </View>
  )
}
