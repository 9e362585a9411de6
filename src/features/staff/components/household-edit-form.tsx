import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { Household } from '@contract/places'
import { updateHousehold } from '../api/households'
import { useTask } from '@/lib/use-task'
import { TextField } from './text-field'

// The same rules as households.update in contract/places.ts, checked here first so that a
// mistake is shown beside its field instead of after a round trip.
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

interface Values {
  headName: string
  size: string
  phone: string
}

function validate(v: Values): Partial<Values> {
  const errors: Partial<Values> = {}
  const name = v.headName.trim()
  if (!name) errors.headName = '户主姓名不能为空'
  else if (Array.from(name).length > 20) errors.headName = '户主姓名最多 20 个字'
  const size = Number(v.size.trim())
  if (!/^\d+$/.test(v.size.trim()) || size < 1 || size > 30) {
    errors.size = '家庭人口须为 1 到 30 之间的整数'
  }
  if (v.phone.trim() && !PHONE.test(v.phone.trim())) {
    errors.phone = '请填写 11 位手机号或带区号的固定电话'
  }
  return errors
}

interface Props {
  household: Household
  onSaved: () => void
}

/** Corrects a household's head, size and phone; the page reloads after a save. */
export function HouseholdEditForm({ household: h, onSaved }: Props) {
  const initial: Values = { headName: h.headName, size: String(h.size), phone: h.phone ?? '' }
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<Partial<Values>>({})
  const task = useTask()
  const changed = (Object.keys(initial) as (keyof Values)[]).some(
    (k) => values[k].trim() !== initial[k],
  )
  const set = (field: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }))
    setErrors((e) => ({ ...e, [field]: undefined }))
  }
  const save = async () => {
    const found = validate(values)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const input = {
      id: h.id,
      headName: values.headName.trim(),
      size: Number(values.size.trim()),
      phone: values.phone.trim() || null,
    }
    if (await task.run('save', () => updateHousehold(input), '已保存')) onSaved()
  }
  return (
    <View className='staff-card'>
      <View className='staff-card__title'>修改家庭信息</View>
      <TextField
        label='户主姓名'
        value={values.headName}
        onChange={set('headName')}
        maxLength={20}
        error={errors.headName}
      />
      <TextField
        label='家庭人口'
        type='number'
        value={values.size}
        onChange={set('size')}
        maxLength={2}
        error={errors.size}
      />
      <TextField
        label='联系电话'
        type='tel'
        value={values.phone}
        onChange={set('phone')}
        placeholder='手机号或固定电话，可不填'
        maxLength={13}
        error={errors.phone}
      />
      <View className='staff-actions'>
        <Button
          type='primary'
          block
          disabled={!changed}
          loading={task.busy === 'save'}
          onClick={() => void save()}
        >
          保存修改
        </Button>
      </View>
    </View>
  )
}
