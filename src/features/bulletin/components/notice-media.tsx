import { Image, Video, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './notice-media.scss'

interface Props {
  images: string[]
  video: string | null
}

/** A notice's gallery as a grid of thumbnails (a tap opens them full screen) and its video. */
export function NoticeMedia({ images, video }: Props) {
  if (!images.length && !video) return null
  const preview = (current: string) => void Taro.previewImage({ current, urls: images })
  return (
    <View className='notice-media'>
      {images.length > 0 && (
        <View className='notice-media__grid'>
          {images.map((url, i) => (
            <Image
              key={`${i}-${url}`}
              className='notice-media__thumb'
              src={url}
              mode='aspectFill'
              lazyLoad
              aria-label={`图片 ${i + 1}`}
              onClick={() => preview(url)}
            />
          ))}
        </View>
      )}
      {video && <Video className='notice-media__video' src={video} controls />}
    </View>
  )
}
