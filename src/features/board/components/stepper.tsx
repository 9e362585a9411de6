import { View } from '@tarojs/components'
import './stepper.scss'

interface Props {
  value: number
  min: number
  max: number
  onChange: (value: number) => void
  /** Read by screen readers and tests: what the number is. */
  label: string
  unit: string
}

/** − value + with thumb-sized buttons (NutUI's InputNumber buttons are too small outdoors). */
export function Stepper({ value, min, max, onChange, label, unit }: Props) {
  const set = (next: number) => onChange(Math.min(max, Math.max(min, next)))
  return (
    <View className='stepper' role='group' aria-label={label}>
      <View
        className={`stepper__button${value <= min ? ' stepper__button--off' : ''}`}
        role='button'
        aria-label={`${label}减一`}
        onClick={() => set(value - 1)}
      >
        −
      </View>
      <View className='stepper__value' aria-live='polite'>
        {value}
        <View className='stepper__unit'>{unit}</View>
      </View>
      <View
        className={`stepper__button${value >= max ? ' stepper__button--off' : ''}`}
        role='button'
        aria-label={`${label}加一`}
        onClick={() => set(value + 1)}
      >
        +
      </View>
    </View>
  )
}
