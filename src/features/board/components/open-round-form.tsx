import { Button, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import type { ListScope } from '@contract/board'
import { recentMonths } from '@contract/months'
import { ChipPicker } from '@/components/chip-picker'
import { errorMessage, fieldErrors } from '@/lib/api-client'
import { openRound } from '../api/board'
import { monthLabel } from '../labels'
import './board-form.scss'

type Field =
  | 'month'
  | 'redThreshold'
  | 'redTopN'
  | 'blackThreshold'
  | 'blackBottomN'
  | 'publicityDays'
  | 'rectificationDays'
  | 'form'

const numberFields: { field: Exclude<Field, 'month' | 'form'>; label: string; hint: string }[] = [
  { field: 'redThreshold', label: '红榜分数线（≥）', hint: '不填则不按分数' },
  { field: 'redTopN', label: '红榜前 N 名', hint: '不填则不限名额' },
  { field: 'blackThreshold', label: '黑榜分数线（<）', hint: '不填则不按分数' },
  { field: 'blackBottomN', label: '黑榜后 N 名', hint: '不填则不限名额' },
  { field: 'publicityDays', label: '公示天数', hint: '' },
  { field: 'rectificationDays', label: '整改期限（天）', hint: '' },
]

const scopes: { value: ListScope; label: string }[] = [
  { value: 'group', label: '按村民小组' },
  { value: 'village', label: '按村' },
  { value: 'township', label: '全镇统一' },
]

/** '' → null (rule not used); anything else a number for the server to check. */
const optional = (text: string) => (text.trim() === '' ? null : Number(text))

/** 开启检查: the month, how the lists are drawn (defaults: per village, ≥ 90 red, < 60 black). */
export function OpenRoundForm({ onOpened }: { onOpened: () => void }) {
  const months = useMemo(() => {
    const [now = ''] = recentMonths(Date.now(), 1)
    const [y, m] = now.split('-').map(Number) as [number, number]
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
    return [now, next]
  }, [])
  const [month, setMonth] = useState(months[0] ?? '')
  const [scope, setScope] = useState<ListScope>('village')
  const [values, setValues] = useState<Record<string, string>>({
    redThreshold: '90',
    redTopN: '',
    blackThreshold: '60',
    blackBottomN: '',
    publicityDays: '7',
    rectificationDays: '15',
  })
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (busy) return
    setBusy(true)
    setErrors({})
    try {
      await openRound({
        month,
        scope,
        redThreshold: optional(values.redThreshold ?? ''),
        redTopN: optional(values.redTopN ?? ''),
        blackThreshold: optional(values.blackThreshold ?? ''),
        blackBottomN: optional(values.blackBottomN ?? ''),
        publicityDays: Number(values.publicityDays || 7),
        rectificationDays: Number(values.rectificationDays || 15),
      })
      onOpened()
    } catch (error) {
      const found = fieldErrors<Field>(error, (path) =>
        path === 'month' || numberFields.some((f) => f.field === path) ? (path as Field) : 'form',
      )
      setErrors(Object.keys(found).length > 0 ? found : { form: errorMessage(error) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='board-form'>
      <View className='board-form__title'>开启月度检查</View>
      <ChipPicker
        label='检查月份'
        options={months.map((m) => ({ value: m, label: monthLabel(m) }))}
        value={month}
        onChange={setMonth}
      />
      {errors.month && <View className='board-form__error'>{errors.month}</View>}
      <ChipPicker
        label='排名范围'
        options={scopes}
        value={scope}
        onChange={(v) => setScope(v as ListScope)}
      />
      {numberFields.map(({ field, label, hint }) => (
        <View key={field} className='board-form__row'>
          <View>{label}</View>
          <Input
            className='board-form__number'
            type='number'
            value={values[field] ?? ''}
            onChange={(v) => setValues((all) => ({ ...all, [field]: v }))}
            placeholder={hint || label}
          />
          {errors[field] && <View className='board-form__error'>{errors[field]}</View>}
        </View>
      ))}
      {errors.form && (
        <View className='board-form__error' role='alert'>
          {errors.form}
        </View>
      )}
      <Button
        type='primary'
        block
        className='board-form__submit'
        loading={busy}
        onClick={() => void submit()}
      >
        开启检查
      </Button>
    </View>
  )
}
