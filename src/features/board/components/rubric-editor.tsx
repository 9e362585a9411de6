import { Button, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { CriterionRow, RubricForm } from '../hooks/use-rubric-form'
import './board-form.scss'
import './rubric-editor.scss'

interface CellProps {
  form: RubricForm
  row: CriterionRow
  field: Exclude<keyof CriterionRow, 'key'>
  placeholder: string
  type?: 'text' | 'number'
}

function RowInput({ form, row, field, placeholder, type = 'text' }: CellProps) {
  const error = form.errors[`${row.key}.${field}`]
  return (
    <View className='rubric-editor__cell'>
      <Input
        className={`rubric-editor__input${error ? ' rubric-editor__input--invalid' : ''}`}
        value={row[field]}
        onChange={(v) => form.change(row.key, { [field]: v })}
        placeholder={placeholder}
        type={type}
      />
      {error && (
        <View className='board-form__error' role='alert'>
          {error}
        </View>
      )}
    </View>
  )
}

/** 评分标准: categories, items, points and deduction per problem; the total must be 100. */
export function RubricEditor({ form, version }: { form: RubricForm; version: number | null }) {
  return (
    <View className='board-form rubric-editor'>
      <View className='board-form__hint'>
        {version ? `当前第 ${version} 版；` : ''}
        保存后成为新的一版，已开启的检查仍按开启时的版本打分。
      </View>
      <Input value={form.name} onChange={form.setName} placeholder='评分标准名称' />
      {form.errors.name && <View className='board-form__error'>{form.errors.name}</View>}
      {form.rows.map((row, index) => (
        <View key={row.key} className='rubric-editor__row' aria-label={`第 ${index + 1} 项`}>
          <View className='board-form__row'>
            <View className='rubric-editor__index'>第 {index + 1} 项</View>
            <View className='rubric-editor__remove' onClick={() => form.remove(row.key)}>
              删除
            </View>
          </View>
          <RowInput form={form} row={row} field='category' placeholder='类别' />
          <RowInput form={form} row={row} field='name' placeholder='检查项' />
          <View className='rubric-editor__numbers'>
            <RowInput form={form} row={row} field='maxPoints' placeholder='分值' type='number' />
            <RowInput
              form={form}
              row={row}
              field='deductionPerItem'
              placeholder='每处扣分（0 为直接打分）'
              type='number'
            />
          </View>
          <RowInput form={form} row={row} field='hint' placeholder='检查说明（可不填）' />
        </View>
      ))}
      <Button fill='outline' block onClick={form.add}>
        添加检查项
      </Button>
      <View
        className={`rubric-editor__total${form.total === 100 ? '' : ' rubric-editor__total--off'}`}
      >
        合计 {form.total} 分{form.total === 100 ? '' : '（须为 100 分）'}
      </View>
      {(form.errors.total || form.errors.form) && (
        <View className='board-form__error' role='alert'>
          {form.errors.total ?? form.errors.form}
        </View>
      )}
      <Button
        type='primary'
        size='large'
        block
        className='board-form__submit'
        loading={form.saving}
        onClick={() => void form.save()}
      >
        保存为新版本
      </Button>
    </View>
  )
}
