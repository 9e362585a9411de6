import { Button, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { Criterion } from '@contract/board'
import { itemScore, type InspectForm as Form } from '../hooks/use-inspect-form'
import { PhotoField } from './photo-field'
import { Stepper } from './stepper'
import './board-form.scss'
import './inspect-form.scss'

interface ItemProps {
  criterion: Criterion
  form: Form
}

function ItemField({ criterion: c, form }: ItemProps) {
  const d = form.items[c.id] ?? { points: null, deductions: 0, note: '' }
  const error = form.errors[c.id]
  return (
    <View className={`inspect-form__item${error ? ' inspect-form__item--invalid' : ''}`}>
      <View className='board-form__row'>
        <View>
          <View className='inspect-form__name'>
            {c.category} · {c.name}
          </View>
          <View className='inspect-form__hint'>
            满分 {c.maxPoints}
            {c.deductionPerItem > 0 ? `，每处问题扣 ${c.deductionPerItem} 分` : ''}
            {c.hint ? `；${c.hint}` : ''}
          </View>
        </View>
        <View className='inspect-form__score'>{itemScore(c, d)}分</View>
      </View>
      {c.deductionPerItem > 0 ? (
        <Stepper
          label={`${c.name}发现问题`}
          unit='处'
          value={d.deductions}
          min={0}
          max={50}
          onChange={(v) => form.change(c.id, { deductions: v })}
        />
      ) : (
        <Stepper
          label={`${c.name}得分`}
          unit='分'
          value={d.points ?? 0}
          min={0}
          max={c.maxPoints}
          onChange={(v) => form.change(c.id, { points: v })}
        />
      )}
      <Input
        className='inspect-form__note'
        value={d.note}
        onChange={(v) => form.change(c.id, { note: v })}
        placeholder={`${c.name}备注（可不填）`}
        maxLength={100}
      />
      {error && (
        <View className='board-form__error' role='alert'>
          {error}
        </View>
      )}
    </View>
  )
}

interface Props {
  form: Form
  criteria: Criterion[]
  onSave: () => void
}

/** Scoring a household, one-handed: items top to bottom, photos, and 保存 at the bottom. */
export function InspectForm({ form, criteria, onSave }: Props) {
  const busy = Boolean(form.progress)
  return (
    <View className='inspect-form'>
      <View className='board-form'>
        {criteria.map((c) => (
          <ItemField key={c.id} criterion={c} form={form} />
        ))}
        <PhotoField photos={form.photos} label='现场照片' disabled={busy} />
        {form.errors.photos && (
          <View className='board-form__error' role='alert'>
            {form.errors.photos}
          </View>
        )}
      </View>
      <View className='inspect-form__bar'>
        {form.errors.form && (
          <View className='board-form__error' role='alert'>
            {form.errors.form}
          </View>
        )}
        <Button
          type='primary'
          size='xlarge'
          block
          loading={busy}
          disabled={form.photos.picking}
          onClick={onSave}
        >
          {form.progress || `保存检查（合计 ${form.total} 分）`}
        </Button>
      </View>
    </View>
  )
}
