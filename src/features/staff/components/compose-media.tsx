import { Button } from '@nutui/nutui-react-taro'
import { Image, Video, View } from '@tarojs/components'
import { MAX_IMAGES } from '../compose'
import type { ComposeState } from '../hooks/use-compose'
import { Field } from './compose-field'

interface Props {
  form: ComposeState
}

/** ' 40%' while WeChat reports the upload's progress; nothing where it does not (H5). */
const percentText = (percent: number | undefined) =>
  percent === undefined ? '' : ` ${Math.round(percent)}%`

/** The notice's photos: thumbnails with 设为封面 / 删除, and the button that adds more. */
export function ComposeImages({ form }: Props) {
  const { draft, errors, upload, submitting } = form
  return (
    <Field
      label={`图片（${draft.images.length}/${MAX_IMAGES}）`}
      error={errors.images}
      hint='每张不超过 2 MB，支持 jpg、png、webp；会先在手机上压缩。'
    >
      <View className='compose-form__images'>
        {draft.images.map((url) => (
          <View key={url} className='compose-form__thumb'>
            <Image className='compose-form__thumb-image' src={url} mode='aspectFill' />
            {draft.cover === url && <View className='compose-form__cover-tag'>封面</View>}
            <View className='compose-form__thumb-actions'>
              {draft.cover === url ? (
                <View className='compose-form__thumb-action' onClick={form.clearCover}>
                  取消封面
                </View>
              ) : (
                <View className='compose-form__thumb-action' onClick={() => form.setCover(url)}>
                  设为封面
                </View>
              )}
              <View className='compose-form__thumb-action' onClick={() => form.removeImage(url)}>
                删除
              </View>
            </View>
          </View>
        ))}
      </View>
      {draft.images.length < MAX_IMAGES && (
        <Button
          fill='outline'
          loading={upload?.kind === 'images'}
          disabled={submitting || upload !== null}
          onClick={() => void form.addImages()}
        >
          {upload?.kind === 'images'
            ? `上传中 ${upload.current}/${upload.total}${percentText(upload.percent)}`
            : '添加图片'}
        </Button>
      )}
    </Field>
  )
}

/** The notice's one optional video: a preview with 删除, or the button that adds it. */
export function ComposeVideo({ form }: Props) {
  const { draft, errors, upload, submitting } = form
  const uploading = upload?.kind === 'video'
  return (
    <Field
      label='视频（可选）'
      error={errors.video}
      hint='一个 mp4 视频，不超过 3 MB（约 1 分钟以内）。'
    >
      {draft.video ? (
        <View className='compose-form__video'>
          <Video className='compose-form__video-player' src={draft.video} controls />
          <View className='compose-form__thumb-action' onClick={form.removeVideo}>
            删除视频
          </View>
        </View>
      ) : (
        <Button
          fill='outline'
          loading={uploading}
          disabled={submitting || upload !== null}
          onClick={() => void form.addVideo()}
        >
          {uploading ? `视频上传中${percentText(upload.percent) || '…'}` : '添加视频'}
        </Button>
      )}
    </Field>
  )
}
