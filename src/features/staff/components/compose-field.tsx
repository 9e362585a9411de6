import { Picker, View } from '@tarojs/components'
import { inShanghai } from '@contract/time'
import type { ReactNode } from 'react'

interface FieldProps {
  label: string
  error?: string
  hint?: string
  children: ReactNode
}

/** One labelled block of the form with its hint and its error right under it. */
export function Field({ label, error, hint, children }: FieldProps) {
  return (
    <View className={`compose-form__field${error ? ' compose-form__field--invalid' : ''}`}>
      <View className='compose-form__label'>{label}</View>
      {hint && <View className='compose-form__hint'>{hint}</View>}
      {children}
      {error && (
        <View className='staff-error' role='alert'>
          {error}
        </View>
      )}
    </View>
  )
}

interface WhenProps {
  label: string
  date: string
  time: string
  onDate: (date: string) => void
  onTime: (time: string) => void
}

/** A date and a time on the township's clock, each a native picker on the phone. */
export function WhenPicker({ label, date, time, onDate, onTime }: WhenProps) {
  const today = inShanghai(Date.now()).format('YYYY-MM-DD')
  return (
    <View className='compose-form__when' aria-label={label}>
      <Picker
        mode='date'
        value={date}
        start={today}
        onChange={(e) => onDate(String(e.detail.value))}
      >
        <View className='compose-form__when-part'>{date || '选择日期'}</View>
      </Picker>
      <Picker mode='time' value={time} onChange={(e) => onTime(String(e.detail.value))}>
        <View className='compose-form__when-part'>{time || '选择时间'}</View>
      </Picker>
    </View>
  )
}
