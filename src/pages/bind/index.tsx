import { View } from '@tarojs/components'
import { BindForm } from '@/features/people/components/bind-form'

/** 绑定家庭: the form a villager fills once to nominate, vote and appeal. */
export default function BindPage() {
  return (
    <View className='page'>
      <BindForm />
    </View>
  )
}
