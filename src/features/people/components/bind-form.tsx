import { Button, Checkbox, Radio, RadioGroup, TabPane, Tabs } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useBindForm } from '../hooks/use-bind-form'
import { relationNames, type Relation } from '../labels'
import { InviteFields, RosterFields } from './bind-fields'
import { FormField } from './form-field'
import './bind-form.scss'
import { residentUrl } from '@/lib/routes'

const relations = Object.entries(relationNames) as [Relation, string][]

/** 绑定家庭: by head of household + 门牌号 (reviewed) or by invite code (at once). */
export function BindForm() {
  const form = useBindForm()
  const { draft, errors, consent, submitting } = form
  // In WeChat the same tap also tells the platform that the user agreed to the privacy guide.
  const agreeOnTap =
    process.env.TARO_ENV === 'weapp' && consent
      ? { openType: 'agreePrivacyAuthorization' as const }
      : {}
  return (
    <View className='bind-form'>
      <View className='bind-form__intro'>
        绑定家庭后，才能参加评选的提名、投票，并对红黑榜申诉。
      </View>
      <Tabs
        value={draft.way}
        onChange={(v) => form.setWay(v === 'invite' ? 'invite' : 'roster')}
        activeType='line'
        autoHeight
        className='bind-form__tabs'
      >
        <TabPane title='按户主信息' value='roster'>
          <RosterFields form={form} />
        </TabPane>
        <TabPane title='邀请码' value='invite'>
          <InviteFields form={form} />
        </TabPane>
      </Tabs>
      <FormField label='您与户主的关系' error={errors.relation}>
        <RadioGroup
          shape='button'
          direction='horizontal'
          value={draft.relation}
          onChange={(v) => form.change('relation', v === 'head' ? 'head' : 'member')}
          className='bind-form__relation'
        >
          {relations.map(([value, label]) => (
            <Radio key={value} value={value} shape='button'>
              {label}
            </Radio>
          ))}
        </RadioGroup>
      </FormField>
      <View className='bind-form__consent'>
        <View className='bind-form__consent-row'>
          <Checkbox checked={consent} onChange={form.setConsent} label='我已阅读并同意' />
          <Text
            className='bind-form__link'
            onClick={() => void Taro.navigateTo({ url: residentUrl('privacy') })}
          >
            《隐私保护指引》
          </Text>
        </View>
        {errors.consent && (
          <View className='form-field__error' role='alert'>
            {errors.consent}
          </View>
        )}
      </View>
      <View className='bind-form__actions'>
        <Button
          type='primary'
          size='xlarge'
          block
          loading={submitting}
          {...agreeOnTap}
          onClick={() => void form.submit()}
        >
          {submitting ? '正在提交…' : draft.way === 'invite' ? '立即绑定' : '提交申请'}
        </Button>
      </View>
    </View>
  )
}
