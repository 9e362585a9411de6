import { Button, TextArea } from '@nutui/nutui-react-taro'
import { Image, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { activityTypeLabels, activityTypes, type ActivityType } from '@contract/activities.labels'
import { ChipPicker } from '@/components/chip-picker'
import { TextField } from '@/features/staff/components/text-field'
import { WhenPicker } from '@/features/staff/components/when-picker'
import { MAX_PICTURES, type ActivityFormState } from '../hooks/use-activity-form'
import '@/features/staff/components/compose-form.scss'

const typeOptions = activityTypes.map((value) => ({ value, label: activityTypeLabels[value] }))
const isType = (v: string): v is ActivityType => (activityTypes as readonly string[]).includes(v)

function Block(props: { label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View className={`compose-form__field${props.error ? ' compose-form__field--invalid' : ''}`}>
      <View className='compose-form__label'>{props.label}</View>
      {props.hint && <View className='compose-form__hint'>{props.hint}</View>}
      {props.children}
      {props.error && (
        <View className='staff-error' role='alert'>
          {props.error}
        </View>
      )}
    </View>
  )
}

interface Props {
  form: ActivityFormState
  villages: { id: string; name: string }[]
}

/** 新建活动 / 编辑活动: kind, station, title, content, pictures, place, times, places, scope. */
export function ActivityForm({ form, villages }: Props) {
  const { draft, errors, change } = form
  const text = (key: 'station' | 'title' | 'place', label: string, max: number, hint: string) => (
    <View className='compose-form__field'>
      <TextField
        label={label}
        value={draft[key]}
        onChange={(v) => change({ [key]: v }, key)}
        placeholder={hint}
        maxLength={max}
        error={errors[key]}
      />
    </View>
  )
  return (
    <View className='compose-form'>
      <Block label='活动类型' error={errors.type}>
        <ChipPicker
          label='活动类型'
          options={typeOptions}
          value={draft.type}
          onChange={(v) => isType(v) && change({ type: v }, 'type')}
        />
      </Block>
      {text('station', '文明实践站', 30, '如：柳家村新时代文明实践站')}
      {text('title', '标题', 30, '2 到 30 个字')}
      <Block label='活动内容' error={errors.description}>
        <TextArea
          className='compose-form__body'
          value={draft.description}
          onChange={(v) => change({ description: v }, 'description')}
          placeholder='做什么、要带什么、注意什么'
          maxLength={2000}
          rows={4}
          autoSize
        />
      </Block>
      <Block label={`图片（${draft.pictures.length}/${MAX_PICTURES}）`} error={errors.pictures}>
        <View className='compose-form__images'>
          {draft.pictures.map((url) => (
            <View key={url} className='compose-form__thumb'>
              <Image className='compose-form__thumb-image' src={url} mode='aspectFill' />
              <View className='compose-form__thumb-action' onClick={() => form.removePicture(url)}>
                删除
              </View>
            </View>
          ))}
        </View>
        {draft.pictures.length < MAX_PICTURES && (
          <Button fill='outline' loading={form.uploading} onClick={() => void form.addPictures()}>
            {form.uploading ? '上传中…' : '添加图片'}
          </Button>
        )}
      </Block>
      {text('place', '地点', 50, '如：村委会门口集合')}
      <Block label='开始' error={errors.startsAt} hint='按北京时间'>
        <WhenPicker
          label='开始'
          date={draft.startDate}
          time={draft.startTime}
          onDate={(v) => change({ startDate: v, endDate: v }, 'startsAt')}
          onTime={(v) => change({ startTime: v }, 'startsAt')}
        />
      </Block>
      <Block label='结束' error={errors.endsAt} hint='志愿时长按活动时长记，以半小时为单位'>
        <WhenPicker
          label='结束'
          date={draft.endDate}
          time={draft.endTime}
          onDate={(v) => change({ endDate: v }, 'endsAt')}
          onTime={(v) => change({ endTime: v }, 'endsAt')}
        />
      </Block>
      <Block label='报名截止' error={errors.signupDeadline}>
        <WhenPicker
          label='报名截止'
          date={draft.deadlineDate}
          time={draft.deadlineTime}
          onDate={(v) => change({ deadlineDate: v }, 'signupDeadline')}
          onTime={(v) => change({ deadlineTime: v }, 'signupDeadline')}
        />
      </Block>
      <View className='compose-form__field'>
        <TextField
          label='名额'
          type='number'
          value={draft.capacity}
          onChange={(v) => change({ capacity: v }, 'capacity')}
          placeholder='1 到 500 人，报满后可以候补'
          error={errors.capacity}
        />
      </View>
      <Block label='面向' error={errors.scope} hint='网格员只能为本人负责的村组织活动'>
        <ChipPicker
          label='面向'
          options={[
            { value: '', label: '全镇' },
            ...villages.map((v) => ({ value: v.id, label: v.name })),
          ]}
          value={draft.villageId}
          onChange={(v) => change({ villageId: v }, 'scope')}
        />
      </Block>
      <View className='compose-form__field'>
        <Button
          type='primary'
          block
          loading={form.saving}
          disabled={form.uploading}
          onClick={() => void form.submit()}
        >
          {form.saving ? '正在保存…' : '保存'}
        </Button>
      </View>
    </View>
  )
}
