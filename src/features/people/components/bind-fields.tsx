import { Button, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { ChipPicker } from '@/components/chip-picker'
import { errorMessage } from '@/lib/api-client'
import { INVITE_CODE_LENGTH } from '../bind-form'
import type { BindFormState } from '../hooks/use-bind-form'
import { useVillages } from '../hooks/use-villages'
import { FormField } from './form-field'

/** 按户主信息: village, head of household and 门牌号, checked by the grid worker. */
export function RosterFields({ form }: { form: BindFormState }) {
  const villages = useVillages()
  const { draft, errors, change } = form
  return (
    <View>
      <View className='bind-form__hint'>填写户主姓名和门牌号，提交后由本村网格员核对通过。</View>
      <FormField label='所在村' error={errors.villageId}>
        {villages.error && !villages.data ? (
          <View className='bind-form__villages-state'>
            {errorMessage(villages.error)}
            <Button size='small' fill='outline' onClick={() => void villages.reload()}>
              重试
            </Button>
          </View>
        ) : !villages.data ? (
          <View className='bind-form__villages-state'>正在加载村名单…</View>
        ) : (
          <View className='bind-form__villages'>
            <ChipPicker
              label='选择所在的村'
              options={villages.data.map((v) => ({ value: v.id, label: v.name }))}
              value={draft.villageId}
              onChange={(id) => change('villageId', id)}
            />
          </View>
        )}
      </FormField>
      <FormField label='户主姓名' error={errors.headName}>
        <Input
          value={draft.headName}
          placeholder='例如：张建国'
          maxLength={20}
          clearable
          onChange={(v) => change('headName', v)}
        />
      </FormField>
      <FormField label='门牌号' error={errors.houseNo}>
        <Input
          value={draft.houseNo}
          placeholder='例如：东街12号'
          maxLength={30}
          clearable
          onChange={(v) => change('houseNo', v)}
        />
      </FormField>
    </View>
  )
}

/** 邀请码: the code a grid worker shows; it binds at once, no review needed. */
export function InviteFields({ form }: { form: BindFormState }) {
  const { draft, errors, change, scan } = form
  const canScan = process.env.TARO_ENV === 'weapp'
  return (
    <View>
      <View className='bind-form__hint'>
        请网格员出示邀请码，{canScan ? '扫码或' : ''}输入后立即绑定，不用等待审核。
      </View>
      <FormField label='邀请码' error={errors.code}>
        <View className='bind-form__code'>
          <Input
            className='bind-form__code-input'
            value={draft.code}
            placeholder={`${INVITE_CODE_LENGTH} 位字母或数字`}
            maxLength={INVITE_CODE_LENGTH}
            clearable
            onChange={(v) => change('code', v.replace(/\s/g, '').toUpperCase())}
          />
          {canScan && (
            <Button type='primary' fill='outline' size='large' onClick={() => void scan()}>
              扫码
            </Button>
          )}
        </View>
      </FormField>
    </View>
  )
}
