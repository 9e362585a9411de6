import { View } from '@tarojs/components'
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
