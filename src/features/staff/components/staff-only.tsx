import { View } from '@tarojs/components'
import { BlankState } from '@/components/blank-state'

/** What a resident or visitor sees on a staff page (the server refuses them anyway). */
export function StaffOnly({ adminOnly = false }: { adminOnly?: boolean }) {
  return (
    <View className='staff-only'>
      <BlankState
        tone='error'
        title={adminOnly ? '这里仅供镇管理员使用' : '这里仅供网格员和镇管理员使用'}
      />
    </View>
  )
}
