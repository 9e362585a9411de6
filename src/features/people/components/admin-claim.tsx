import { Button, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { claimAdmin } from '../api/bindings'
import { useTask } from '@/lib/use-task'
import { FormField } from './form-field'
import './me-card.scss'

/** A fresh installation without an admin: the first one claims the role with the setup code. */
export function AdminClaim({ onClaimed }: { onClaimed: () => void }) {
  const [code, setCode] = useState('')
  const [missing, setMissing] = useState(false)
  const task = useTask()
  const claim = () =>
    void task
      .run('claim', () => claimAdmin(code.trim()), '已成为管理员')
      .then((ok) => ok && onClaimed())
  const submit = () => {
    if (!code.trim()) setMissing(true)
    else claim()
  }
  return (
    <View className='me-card'>
      <View className='me-card__title'>初始化管理员</View>
      <View className='me-card__hint'>
        系统还没有管理员。请输入服务器启动时显示的初始化码，成为第一位管理员。
      </View>
      <FormField label='初始化码' error={missing ? '请输入初始化码' : undefined}>
        <Input
          value={code}
          placeholder='初始化码'
          maxLength={40}
          onChange={(v) => {
            setCode(v)
            setMissing(false)
          }}
        />
      </FormField>
      <Button type='primary' size='large' block loading={task.busy === 'claim'} onClick={submit}>
        成为管理员
      </Button>
    </View>
  )
}
