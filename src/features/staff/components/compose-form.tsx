import { Button, Switch, TextArea } from '@nutui/nutui-react-taro'
import { Image, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { ChipPicker } from '@/components/chip-picker'
import { MAX_IMAGES, type PublishMode } from '../compose'
import type { ComposeSetup, ComposeState } from '../hooks/use-compose'
import { TextField } from './text-field'
import { WhenPicker } from './when-picker'
import './compose-form.scss'

interface FieldProps {
  label: string
  error?: string
  hint?: string
  children: ReactNode
}

/** One labelled block of the form with its hint and its error right under it. */
function Field({ label, error, hint, children }: FieldProps) {
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

const publishOptions: { value: PublishMode; label: string }[] = [
  { value: 'now', label: '立即发布' },
  { value: 'schedule', label: '定时发布' },
  { value: 'draft', label: '存为草稿' },
]

const submitText: Record<PublishMode, [string, string]> = {
  now: ['立即发布', '正在发布…'],
  schedule: ['定时发布', '正在保存…'],
  draft: ['存为草稿', '正在保存…'],
}

interface Props {
  form: ComposeState
  setup: ComposeSetup
}

/** 发布公告 / 编辑公告: title, column, scope, body, photos, pin, when to publish, expiry. */
export function ComposeForm({ form, setup }: Props) {
  const { draft, errors, upload, submitting } = form
  const { isAdmin, columns, villages, notice } = setup
  const published = notice?.status === 'published'
  const [label, busyLabel] = published ? ['保存修改', '正在保存…'] : submitText[draft.publish]
  const showVillages = !isAdmin || draft.scopeKind === 'villages'
  return (
    <View className='compose-form'>
      {form.restored && <View className='staff-hint'>已恢复上次没有提交的内容。</View>}
      <View className='compose-form__field'>
        <TextField
          label='标题'
          value={draft.title}
          onChange={(v) => form.change('title', v, 'title')}
          placeholder='2 到 30 个字'
          maxLength={30}
          error={errors.title}
        />
      </View>
      <Field label='栏目' error={errors.columnId}>
        <ChipPicker
          label='栏目'
          options={columns.map((c) => ({ value: c.id, label: c.name }))}
          value={draft.columnId}
          onChange={(v) => form.change('columnId', v, 'columnId')}
        />
      </Field>
      <Field
        label='发布范围'
        error={errors.scope}
        hint={isAdmin ? undefined : '只能发布到您负责的村'}
      >
        {isAdmin && (
          <ChipPicker
            label='发布范围'
            options={[
              { value: 'township', label: '全镇' },
              { value: 'villages', label: '指定村' },
            ]}
            value={draft.scopeKind}
            onChange={(v) =>
              form.change('scopeKind', v === 'township' ? 'township' : 'villages', 'scope')
            }
          />
        )}
        {showVillages && (
          <View className='compose-form__chips' role='listbox' aria-label='选择村'>
            {villages.length === 0 && (
              <View className='compose-form__hint'>尚未分配网格，请联系镇管理员</View>
            )}
            {villages.map((v) => {
              const on = draft.scopeKind === 'villages' && draft.villageIds.includes(v.id)
              return (
                <View
                  key={v.id}
                  role='option'
                  aria-selected={on}
                  className={`chip-picker__chip${on ? ' chip-picker__chip--active' : ''}`}
                  onClick={() => form.toggleVillage(v.id)}
                >
                  {v.name}
                </View>
              )
            })}
          </View>
        )}
      </Field>
      <Field label='正文' error={errors.body} hint='空一行另起一段；一行以「## 」开头就是小标题。'>
        <TextArea
          className='compose-form__body'
          value={draft.body}
          onChange={(v) => form.change('body', v, 'body')}
          placeholder='请输入正文，至少 10 个字'
          maxLength={20000}
          rows={10}
          autoSize
          status={errors.body ? 'error' : 'default'}
        />
      </Field>
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
            loading={upload !== null}
            disabled={submitting}
            onClick={() => void form.addImages()}
          >
            {upload ? `上传中 ${upload.current}/${upload.total}` : '添加图片'}
          </Button>
        )}
      </Field>
      {isAdmin && (
        <Field label='置顶'>
          <View className='compose-form__switch'>
            <Switch
              checked={draft.pinned}
              onChange={(v) => form.change('pinned', v)}
              ariaLabel='置顶'
            />
            <View>{draft.pinned ? '置顶，显示在首页最前' : '不置顶'}</View>
          </View>
        </Field>
      )}
      {!published && (
        <Field label='发布方式' error={errors.publishAt}>
          <ChipPicker
            label='发布方式'
            options={publishOptions}
            value={draft.publish}
            onChange={(v) =>
              form.change('publish', v === 'schedule' || v === 'draft' ? v : 'now', 'publishAt')
            }
          />
          {draft.publish === 'schedule' && (
            <WhenPicker
              label='定时发布时间'
              date={draft.publishDate}
              time={draft.publishTime}
              onDate={(v) => form.change('publishDate', v, 'publishAt')}
              onTime={(v) => form.change('publishTime', v, 'publishAt')}
            />
          )}
        </Field>
      )}
      <Field label='到期时间' error={errors.expireAt} hint='到期后公告不再出现在列表里，可不设。'>
        <View className='compose-form__switch'>
          <Switch
            checked={draft.hasExpiry}
            onChange={(v) => form.change('hasExpiry', v, 'expireAt')}
            ariaLabel='设置到期时间'
          />
          <View>{draft.hasExpiry ? '到期自动下架' : '不设到期'}</View>
        </View>
        {draft.hasExpiry && (
          <WhenPicker
            label='到期时间'
            date={draft.expireDate}
            time={draft.expireTime}
            onDate={(v) => form.change('expireDate', v, 'expireAt')}
            onTime={(v) => form.change('expireTime', v, 'expireAt')}
          />
        )}
      </Field>
      <View className='compose-form__actions'>
        <Button
          type='primary'
          size='xlarge'
          block
          loading={submitting}
          disabled={upload !== null}
          onClick={() => void form.submit()}
        >
          {submitting ? busyLabel : label}
        </Button>
      </View>
    </View>
  )
}
