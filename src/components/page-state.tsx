import { Button, Skeleton } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { ApiError, errorMessage } from '@/lib/api-client'
import { BlankState } from './blank-state'
import './page-state.scss'

interface Props {
  loading: boolean
  error: unknown
  /** True when loaded and there is nothing to show. */
  empty: boolean
  emptyText: string
  onRetry: () => void
  children: ReactNode
}

/** Draws the loading, error and empty states of a block, or its content. */
export function PageState({ loading, error, empty, emptyText, onRetry, children }: Props) {
  if (error && empty) {
    const offline = error instanceof ApiError && error.code === 'NETWORK'
    return (
      <View className='page-state'>
        <BlankState
          tone='error'
          title={offline ? '网络连接不上' : '没有加载成功'}
          description={errorMessage(error)}
        />
        <Button type='primary' size='large' block className='page-state__retry' onClick={onRetry}>
          重试
        </Button>
      </View>
    )
  }
  if (loading && empty) {
    return (
      <View className='page-state page-state--loading' aria-busy='true'>
        <Skeleton rows={3} animated />
        <Skeleton rows={3} animated />
      </View>
    )
  }
  if (empty) {
    return (
      <View className='page-state'>
        <BlankState title={emptyText} />
      </View>
    )
  }
  return <>{children}</>
}
