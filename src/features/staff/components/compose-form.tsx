import { Button, Switch, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { ChipPicker } from '@/components/chip-picker'
import type { PublishMode } from '../compose'
import type { ComposeSetup, ComposeState } from '../hooks/use-compose'
import { Field } from './compose-field'
import { ComposeImages, ComposeVideo } from './compose-media'
import { TextField } from './text-field'
import { WhenPicker } from './when-picker'
import './compose-form.scss'

const publishOptions: { value: PublishMode; label: string }[] = [
  { value: 'now', label: '立即发布' },
  { value: 'schedule', label: '定时发布' },
  { value: 'draft', label: '存为草稿' },
]

/**
 * What the button does, in words of its own (the choice above reads 立即发布 / 定时发布 /
 * 存为草稿; the button says the act, and for 定时 the time it was set to).
 */
export function submitLabel(
  mode: PublishMode,
  when: { date: string; time: string },
): [string, string] {
  if (mode === 'draft') return ['保存草稿', '正在保存…']
  if (mode === 'now') return ['发布', '正在发布…']
  const [, month, day] = /^\d{4}-(\d{2})-(\d{2})$/.exec(when.date) ?? []
  const at = month && day && when.time ? `（${Number(month)}月${Number(day)}日 ${when.time}）` : ''
  return [`定时发布${at}`, '正在保存…']
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
  const [label, busyLabel] = published
    ? ['保存修改', '正在保存…']
    : submitLabel(draft.publish, { date: draft.publishDate, time: draft.publishTime })
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
      <ComposeImages form={form} />
      <ComposeVideo form={form} />
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
