import { View } from '@tarojs/components'
import { BlankState } from '@/components/blank-state'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import './my-records.scss'

const kinds = {
  appeals: {
    title: '我的申诉',
    when: '镇里公布红黑榜后，如果对结果有意见可以申诉，申诉记录会显示在这里。',
  },
} as const

export type RecordKind = keyof typeof kinds

const isKind = (kind: string): kind is RecordKind =>
  Object.prototype.hasOwnProperty.call(kinds, kind)

/** 我的申诉: nothing recorded yet, and when there will be (campaign records are their own lists). */
export function MyRecords({ kind }: { kind: string }) {
  const shown = isKind(kind) ? kinds[kind] : null
  const title = shown?.title ?? '我的记录'
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title })
  }, [title])
  return (
    <View className='my-records'>
      <View className='my-records__title'>{title}</View>
      <BlankState
        title='还没有记录'
        description={shown?.when ?? '提出申诉后，记录会显示在这里。'}
      />
    </View>
  )
}
