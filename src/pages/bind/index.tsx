import { View } from '@tarojs/components'
import { BindForm } from '@/features/people/components/bind-form'
import { usePageClass } from '@/lib/use-elder-mode'

/** 绑定家庭: the form a villager fills once to nominate, vote and appeal. */
export default function BindPage() {
  return (
    <View className={usePageClass()}>
      <BindForm />
    </View>
  )
}
