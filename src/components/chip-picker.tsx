import { ScrollView, View } from '@tarojs/components'
import './chip-picker.scss'

export interface ChipOption {
  value: string
  label: string
}

interface Props {
  options: readonly ChipOption[]
  value: string
  onChange: (value: string) => void
  /** Read by screen readers: what is being chosen. */
  label: string
}

/** A horizontally scrolling row of choices; large enough to tap with a thumb. */
export function ChipPicker({ options, value, onChange, label }: Props) {
  return (
    <ScrollView scrollX className='chip-picker' aria-label={label}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`chip-picker__chip${o.value === value ? ' chip-picker__chip--active' : ''}`}
          aria-selected={o.value === value}
          role='option'
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </ScrollView>
  )
}
