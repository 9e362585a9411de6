import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './campaign-page.scss'

/** A row of photos; tapping one opens them full screen. */
export function PhotoRow({ photos }: { photos: string[] }) {
  if (photos.length === 0) return null
  return (
    <View className='campaign-photos'>
      {photos.map((url) => (
        <Image
          key={url}
          className='campaign-photos__photo'
          src={url}
          mode='aspectFill'
          onClick={() => void Taro.previewImage({ current: url, urls: photos })}
        />
      ))}
    </View>
  )
}
