import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './confirm-bar.scss'

interface Props {
  text: ReactNode
  confirmText: string
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
  /** Something is taken away (archive, dismiss, remove): the confirm button is red. */
  danger?: boolean
  children?: ReactNode
}

/** An inline confirmation in place of a pop-up (DESIGN.md: no pop-ups). */
export function ConfirmBar({
  text,
  confirmText,
  busy,
  onConfirm,
  onCancel,
  danger,
  children,
}: Props) {
  return (
    <View className='confirm-bar'>
      <View className='confirm-bar__text'>{text}</View>
      {children}
      <View className='staff-actions'>
        <Button type={danger ? 'danger' : 'primary'} loading={busy} onClick={onConfirm}>
          {confirmText}
        </Button>
        <Button fill='outline' disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
