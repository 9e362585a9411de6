import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { TextField } from './text-field'

export interface PlaceValues {
  name: string
  /** A village's 12-digit division code; null when left empty. */
  code: string | null
}

interface Props {
  nameLabel: string
  /** Villages carry a division code too. */
  withCode?: boolean
  initial?: { name: string; code?: string | null }
  submitText: string
  busy: boolean
  onSubmit: (values: PlaceValues) => void
  onCancel: () => void
}

/** An inline form naming a village, group or grid (as contract/places.ts checks it). */
export function PlaceForm({
  nameLabel,
  withCode,
  initial,
  submitText,
  busy,
  onSubmit,
  onCancel,
}: Props) {
  const [name, setName] = useState(initial?.name ?? '')
  const [code, setCode] = useState(initial?.code ?? '')
  const [errors, setErrors] = useState<{ name?: string; code?: string }>({})
  const submit = () => {
    const found: typeof errors = {}
    const n = name.trim()
    if (!n) found.name = '名称不能为空'
    else if (Array.from(n).length > 20) found.name = '名称最多 20 个字'
    if (withCode && code.trim() && !/^\d{12}$/.test(code.trim())) {
      found.code = '行政区划代码应为 12 位数字'
    }
    setErrors(found)
    if (!found.name && !found.code) onSubmit({ name: n, code: code.trim() || null })
  }
  return (
    <View className='confirm-bar'>
      <TextField
        label={nameLabel}
        value={name}
        onChange={setName}
        maxLength={20}
        error={errors.name}
      />
      {withCode && (
        <TextField
          label='行政区划代码'
          type='number'
          value={code}
          onChange={setCode}
          placeholder='12 位数字，可不填'
          maxLength={12}
          error={errors.code}
        />
      )}
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
