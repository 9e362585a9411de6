import { Button } from '@nutui/nutui-react-taro'
import { Image, View } from '@tarojs/components'
import { MAX_PHOTOS, photoSrc, type Photos } from '../hooks/use-photos'
import './photo-field.scss'

interface Props {
  photos: Photos
  label: string
  disabled?: boolean
}

/** The photos of a form: thumbnails with 删除, and a large button to take more. */
export function PhotoField({ photos, label, disabled }: Props) {
  return (
    <View className='photo-field'>
      <View className='photo-field__label'>
        {label}（{photos.photos.length}/{MAX_PHOTOS}）
      </View>
      <View className='photo-field__thumbs'>
        {photos.photos.map((p, index) => (
          <View key={p.fileName} className='photo-field__thumb'>
            <Image className='photo-field__image' src={photoSrc(p)} mode='aspectFill' />
            <View className='photo-field__remove' onClick={() => photos.remove(index)}>
              删除
            </View>
          </View>
        ))}
      </View>
      {photos.photos.length < MAX_PHOTOS && (
        <Button
          fill='outline'
          block
          loading={photos.picking}
          disabled={disabled}
          onClick={() => void photos.add()}
        >
          {photos.picking ? '正在压缩…' : '拍照'}
        </Button>
      )}
      {photos.error && (
        <View className='photo-field__error' role='alert'>
          {photos.error}
        </View>
      )}
    </View>
  )
}
