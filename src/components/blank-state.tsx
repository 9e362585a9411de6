import { View } from '@tarojs/components'
import './blank-state.scss'

interface Props {
  title: string
  description?: string
  tone?: 'empty' | 'error'
}

/**
 * An empty or failed block, drawn with text only: NutUI's Empty fetches its picture from a
 * CDN, which a weak rural network (or offline reading) turns into a broken image.
 */
export function BlankState({ title, description, tone = 'empty' }: Props) {
  return (
    <View className={`blank-state blank-state--${tone}`}>
      <View className='blank-state__mark'>{tone === 'error' ? '!' : '…'}</View>
      <View className='blank-state__title'>{title}</View>
      {description && <View className='blank-state__text'>{description}</View>}
    </View>
  )
}
