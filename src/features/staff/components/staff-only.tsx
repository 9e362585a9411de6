import { Empty } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'

/** What a resident or visitor sees on a staff page (the server refuses them anyway). */
export function StaffOnly({ adminOnly = false }: { adminOnly?: boolean }) {
  return (
    <View className='staff-only'>
      <Empty
        status='error'
        description={adminOnly ? '这里仅供镇管理员使用' : '这里仅供网格员和镇管理员使用'}
      />
    </View>
  )
}
