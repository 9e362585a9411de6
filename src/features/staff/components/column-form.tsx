import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { TextField } from './text-field'

const MAX_NAME = 12

interface Props {
  initial?: string
  submitText: string
  busy: boolean
  onSubmit: (name: string) => void
  onCancel: () => void
}

/** An inline form naming a column (as contract/bulletin.ts checks it). */
export function ColumnForm({ initial, submitText, busy, onSubmit, onCancel }: Props) {
  const [name, setName] = useState(initial ?? '')
  const [error, setError] = useState('')
  const submit = () => {
    const n = name.trim()
    const found = !n
      ? '栏目名称不能为空'
      : n.length > MAX_NAME
        ? `栏目名称最多 ${MAX_NAME} 个字`
        : ''
    setError(found)
    if (!found) onSubmit(n)
  }
  return (
    <View className='confirm-bar'>
      <TextField
        label='栏目名称'
        value={name}
        onChange={setName}
        maxLength={MAX_NAME}
        error={error || undefined}
      />
      <View className='staff-actions'>
        <Button type='primary' loading={busy} onClick={submit}>
          {submitText}
        </Button>
        <Button fill='outline' disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
