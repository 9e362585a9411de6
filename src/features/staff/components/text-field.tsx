import { Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import './text-field.scss'

interface Props {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  /** Shown under the field in red. */
  error?: string
  type?: 'text' | 'number' | 'tel'
  maxLength?: number
}

/** A labelled one-line input with its validation message. */
export function TextField({ label, value, onChange, placeholder, error, type, maxLength }: Props) {
  return (
    <View className='text-field'>
      <View className='text-field__label'>{label}</View>
      <Input
        className={`text-field__input${error ? ' text-field__input--invalid' : ''}`}
        value={value}
        onChange={onChange}
        placeholder={placeholder ?? `请输入${label}`}
        type={type ?? 'text'}
        maxLength={maxLength}
        clearable
      />
      {error && <View className='staff-error'>{error}</View>}
    </View>
  )
}
