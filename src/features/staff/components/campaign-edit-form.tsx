import { Button, Switch, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { campaignTypeLabels, type CampaignType } from '@contract/campaigns.labels'
import { ChipPicker } from '@/components/chip-picker'
import {
  countKeys,
  countLabels,
  scheduleKeys,
  scheduleLabels,
  type CampaignDraft,
} from '../campaign-form'
import type { CampaignFormState } from '../hooks/use-campaign-form'
import { TextField } from './text-field'
import { WhenPicker } from './when-picker'
import './compose-form.scss'

const typeOptions = [
  ...Object.entries(campaignTypeLabels).map(([value, label]) => ({ value, label })),
  { value: 'custom', label: '自定义' },
]
const isType = (v: string): v is CampaignType => typeOptions.some((o) => o.value === v)

function Block({
  label,
  error,
  hint,
  children,
}: {
  label: string
  error?: string
  hint?: string
  children: ReactNode
}) {
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

function Toggle(props: {
  on: boolean
  label: string
  text: [string, string]
  onChange: (on: boolean) => void
}) {
  return (
    <View className='compose-form__switch'>
      <Switch checked={props.on} onChange={props.onChange} ariaLabel={props.label} />
      <View>{props.on ? props.text[0] : props.text[1]}</View>
    </View>
  )
}

interface Props {
  form: CampaignFormState
  villages: { id: string; name: string }[]
  /** Voting has begun: the server keeps the rules as they are. */
  rulesLocked: boolean
}

/** 新建评选 / 编辑评选: kind, title, scope, the five phase times, the rules. */
export function CampaignEditForm({ form, villages, rulesLocked }: Props) {
  const { draft, errors, change } = form
  const when = (key: (typeof scheduleKeys)[number], part: 'date' | 'time') => (v: string) =>
    change({ when: { ...draft.when, [key]: { ...draft.when[key], [part]: v } } }, key)
  const count = (key: keyof CampaignDraft['counts']) => (v: string) =>
    change({ counts: { ...draft.counts, [key]: v } }, key)
  return (
    <View className='compose-form'>
      <Block label='评选类型' error={errors.type}>
        <ChipPicker
          label='评选类型'
          options={typeOptions}
          value={draft.type}
          onChange={(v) => isType(v) && change({ type: v }, 'type')}
        />
        {draft.type === 'custom' && (
          <TextField
            label='类型名称'
            value={draft.customTypeName}
            onChange={(v) => change({ customTypeName: v }, 'type')}
            placeholder='如：最美志愿者（最多 12 个字）'
            maxLength={12}
          />
        )}
      </Block>
      <View className='compose-form__field'>
        <TextField
          label='标题'
          value={draft.title}
          onChange={(v) => change({ title: v }, 'title')}
          placeholder='2 到 30 个字'
          maxLength={30}
          error={errors.title}
        />
      </View>
      <Block label='说明' error={errors.description}>
        <TextArea
          className='compose-form__body'
          value={draft.description}
          onChange={(v) => change({ description: v }, 'description')}
          placeholder='评选的目的、条件等，可不填'
          maxLength={500}
          rows={4}
          autoSize
        />
      </Block>
      <Block label='范围'>
        <ChipPicker
          label='范围'
          options={[
            { value: '', label: '全镇' },
            ...villages.map((v) => ({ value: v.id, label: v.name })),
          ]}
          value={draft.villageId}
          onChange={(v) => change({ villageId: v })}
        />
      </Block>
      <Block label='各阶段时间' hint='按北京时间；每个时间不能早于上一个。'>
        {scheduleKeys.map((key) => (
          <View key={key}>
            <View className='compose-form__hint'>{scheduleLabels[key]}</View>
            <WhenPicker
              label={scheduleLabels[key]}
              date={draft.when[key].date}
              time={draft.when[key].time}
              onDate={when(key, 'date')}
              onTime={when(key, 'time')}
              allowPast
            />
            {errors[key] && (
              <View className='staff-error' role='alert'>
                {errors[key]}
              </View>
            )}
          </View>
        ))}
      </Block>
      <Block label='规则' hint={rulesLocked ? '投票已经开始，规则不能再改。' : undefined}>
        <View className='compose-form__hint'>谁可以提名</View>
        <ChipPicker
          label='谁可以提名'
          options={[
            { value: 'residents', label: '村民和网格员' },
            { value: 'gridWorkers', label: '仅网格员' },
          ]}
          value={draft.nominators}
          onChange={(v) =>
            change({ nominators: v === 'gridWorkers' ? 'gridWorkers' : 'residents' })
          }
        />
        <Toggle
          on={draft.selfNomination}
          label='允许自荐'
          text={['允许提名自己家', '不能提名自己家']}
          onChange={(on) => change({ selfNomination: on })}
        />
        <View className='compose-form__hint'>计票方式</View>
        <ChipPicker
          label='计票方式'
          options={[
            { value: 'perPerson', label: '每人计票' },
            { value: 'perHousehold', label: '一户一票' },
          ]}
          value={draft.counting}
          onChange={(v) =>
            change({ counting: v === 'perHousehold' ? 'perHousehold' : 'perPerson' })
          }
        />
        <Toggle
          on={draft.liveCounts}
          label='投票期间公开票数'
          text={['投票期间公开票数', '投票结束后才公布票数']}
          onChange={(on) => change({ liveCounts: on })}
        />
        {countKeys.map((key) => (
          <TextField
            key={key}
            label={countLabels[key]}
            type='number'
            value={draft.counts[key]}
            onChange={count(key)}
            error={errors[key]}
          />
        ))}
      </Block>
      <View className='compose-form__actions'>
        <Button
          type='primary'
          size='xlarge'
          block
          loading={form.saving}
          onClick={() => void form.submit()}
        >
          保存评选
        </Button>
      </View>
    </View>
  )
}
