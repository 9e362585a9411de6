import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { Image, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { MAX_PHOTOS, MAX_STORY, type NominateForm } from '../hooks/use-nominate'
import './campaign-page.scss'

function Field(props: { label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View className='campaign-block'>
      <View className='campaign-block__heading'>{props.label}</View>
      {props.hint && <View className='campaign-block__meta'>{props.hint}</View>}
      {props.children}
      {props.error && (
        <View className='campaign-error' role='alert'>
          {props.error}
        </View>
      )}
    </View>
  )
}

/** 提名: whom (found in the roster by name), why (事迹 ≤ 500 字), photos (≤ 6). */
export function NominateFormView({ form }: { form: NominateForm }) {
  const { draft, errors, upload, found } = form
  const storyLength = draft.story.trim().length
  return (
    <View>
      <Field
        label='被提名的家庭'
        error={errors.household}
        hint='输入户主姓名（至少两个字）在花名册里查找，再点选一户。'
      >
        {draft.household && (
          <View className='campaign-choice campaign-choice--active'>
            已选：{draft.household.name}家（{draft.household.villageName}
            {draft.household.groupName}）
          </View>
        )}
        <View className='nominate-search'>
          <Input
            className='nominate-search__input'
            value={form.query}
            onChange={form.setQuery}
            placeholder='输入户主姓名'
            clearable
          />
          <Button type='primary' loading={form.searching} onClick={() => void form.search()}>
            查找
          </Button>
        </View>
        {found && found.length === 0 && (
          <View className='campaign-block__meta'>没有找到这个名字的家庭，请换个写法试试。</View>
        )}
        {found?.map((h) => (
          <View
            key={h.id}
            className='campaign-choice'
            role='option'
            aria-selected={draft.household?.id === h.id}
            onClick={() => form.choose(h)}
          >
            {h.name}家 · {h.villageName}
            {h.groupName}
          </View>
        ))}
      </Field>
      <Field label='事迹' error={errors.story} hint='写一写这户人家的好事，10 到 500 个字。'>
        <TextArea
          className='campaign-textarea'
          value={draft.story}
          onChange={form.setStory}
          placeholder='请写下推荐理由和具体事迹'
          maxLength={MAX_STORY}
          rows={6}
          autoSize
          status={errors.story ? 'error' : 'default'}
        />
        <View className={`campaign-counter${storyLength > MAX_STORY ? ' campaign-error' : ''}`}>
          {storyLength}/{MAX_STORY}
        </View>
      </Field>
      <Field
        label={`照片（${draft.photos.length}/${MAX_PHOTOS}）`}
        error={errors.photos}
        hint='可不加；每张不超过 2 MB，会先在手机上压缩。'
      >
        <View className='campaign-photos'>
          {draft.photos.map((url) => (
            <View key={url} className='nominate-thumb'>
              <Image className='campaign-photos__photo' src={url} mode='aspectFill' />
              <View className='nominate-thumb__remove' onClick={() => form.removePhoto(url)}>
                删除
              </View>
            </View>
          ))}
        </View>
        {draft.photos.length < MAX_PHOTOS && (
          <View className='campaign-block__actions'>
            <Button
              fill='outline'
              block
              loading={upload !== null}
              onClick={() => void form.addPhotos()}
            >
              {upload ? `正在上传 ${upload.current}/${upload.total}` : '添加照片'}
            </Button>
          </View>
        )}
      </Field>
      <View className='campaign-block__actions nominate-submit'>
        <Button
          type='primary'
          size='xlarge'
          block
          loading={form.submitting}
          disabled={upload !== null}
          onClick={() => void form.submit()}
        >
          {form.submitting ? '正在提交…' : '提交提名'}
        </Button>
      </View>
    </View>
  )
}
