import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './form-field.scss'

interface Props {
  label: string
  /** What is wrong with this field, shown right under it. */
  error?: string
  children: ReactNode
}

/** One labelled field of a form with its error beside it. */
export function FormField({ label, error, children }: Props) {
  return (
    <View className={`form-field${error ? ' form-field--invalid' : ''}`}>
      <View className='form-field__label'>{label}</View>
      {children}
      {error && (
        <View className='form-field__error' role='alert'>
          {error}
        </View>
      )}
    </View>
  )
}
