import { Picker, View } from '@tarojs/components'
import { inShanghai } from '@contract/time'
import './compose-form.scss'

interface WhenProps {
  label: string
  date: string
  time: string
  onDate: (date: string) => void
  onTime: (time: string) => void
  /** Dates before today may be picked (a running campaign's past phases). */
  allowPast?: boolean
}

/** A date and a time on the township's clock, each a native picker on the phone. */
export function WhenPicker({ label, date, time, onDate, onTime, allowPast }: WhenProps) {
  const today = inShanghai(Date.now()).format('YYYY-MM-DD')
  return (
    <View className='compose-form__when' aria-label={label}>
      <Picker
        mode='date'
        value={date}
        start={allowPast ? undefined : today}
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
