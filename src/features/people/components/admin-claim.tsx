import { Button, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { claimAdmin } from '../api/bindings'
import { useAction } from '../hooks/use-action'
import { FormField } from './form-field'
import './me-card.scss'

/** A fresh installation without an admin: the first one claims the role with the setup code. */
export function AdminClaim({ onClaimed }: { onClaimed: () => void }) {
  const [code, setCode] = useState('')
  const [missing, setMissing] = useState(false)
  const claim = useAction(() => claimAdmin(code.trim()), '已成为管理员', onClaimed)
  const submit = () => {
    if (!code.trim()) setMissing(true)
    else claim.start()
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
      <Button type='primary' size='large' block loading={claim.busy} onClick={submit}>
        成为管理员
      </Button>
    </View>
  )
}
