import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { FilingSettings } from '@contract/filing'
import { useTask } from '@/lib/use-task'
import { setFilingSettings } from '../api/filing'
import { TextField } from './text-field'

interface Props {
  initial: FilingSettings
  onSaved: () => void
}

type Errors = Partial<Record<keyof FilingSettings, string>>

/** Checks the form as contract/filing.ts does, so most mistakes never reach the server. */
function check(values: Record<keyof FilingSettings, string>): {
  settings: FilingSettings | null
  errors: Errors
} {
  const errors: Errors = {}
  const number = (key: keyof FilingSettings, max: number, integer: boolean) => {
    const text = values[key].trim()
    const n = Number(text)
    if (text === '' || !Number.isFinite(n)) errors[key] = '请填写数字'
    else if (integer && !Number.isInteger(n)) errors[key] = '须为整数'
    else if (n < 0 || n > max) errors[key] = `应在 0 到 ${max} 之间`
    return n
  }
  const settings = {
    minimum: number('minimum', 31, true),
    countWeight: number('countWeight', 100, false),
    adoptedWeight: number('adoptedWeight', 100, false),
  }
  return { settings: Object.keys(errors).length ? null : settings, errors }
}

/** 考核规则: the monthly minimum per village and the two score weights. */
export function FilingSettingsForm({ initial, onSaved }: Props) {
  const [values, setValues] = useState({
    minimum: String(initial.minimum),
    countWeight: String(initial.countWeight),
    adoptedWeight: String(initial.adoptedWeight),
  })
  const [errors, setErrors] = useState<Errors>({})
  const task = useTask()
  const field = (key: keyof FilingSettings) => (value: string) =>
    setValues((v) => ({ ...v, [key]: value }))
  const save = () => {
    const checked = check(values)
    setErrors(checked.errors)
    const { settings } = checked
    if (!settings) return
    void task.run(
      'save',
      async () => {
        await setFilingSettings(settings)
        onSaved()
      },
      '已保存',
    )
  }
  return (
    <View className='staff-card'>
      <View className='staff-card__title'>考核规则</View>
      <TextField
        label='每村每月最少篇数'
        type='number'
        value={values.minimum}
        onChange={field('minimum')}
        error={errors.minimum}
      />
      <TextField
        label='每篇得分'
        type='text'
        value={values.countWeight}
        onChange={field('countWeight')}
        error={errors.countWeight}
      />
      <TextField
        label='被上级采用每篇加分'
        type='text'
        value={values.adoptedWeight}
        onChange={field('adoptedWeight')}
        error={errors.adoptedWeight}
      />
      <View className='staff-actions'>
        <Button type='primary' block loading={task.busy === 'save'} onClick={save}>
          保存规则
        </Button>
      </View>
    </View>
  )
}
