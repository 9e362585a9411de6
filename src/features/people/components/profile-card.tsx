import { Avatar, Cell, CellGroup, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { MeUser } from '@contract/people'
import { roleNames } from '../labels'
import './profile-card.scss'

/** Who I am: name, role and village (the household has its own section below). */
export function ProfileCard({ user }: { user: MeUser | null }) {
  if (!user) {
    return (
      <View className='profile-card'>
        <Avatar size='large'>访</Avatar>
        <View className='profile-card__who'>
          <View className='profile-card__name'>未登录</View>
          <View className='profile-card__hint'>可以浏览全镇公开的公告、红榜与评选</View>
        </View>
      </View>
    )
  }
  return (
    <View>
      <View className='profile-card'>
        <Avatar size='large'>{Array.from(user.nickname).pop()}</Avatar>
        <View className='profile-card__who'>
          <View className='profile-card__name'>{user.nickname}</View>
          <Tag type='primary'>{roleNames[user.role]}</Tag>
        </View>
      </View>
      <CellGroup>
        <Cell title='身份' extra={roleNames[user.role]} />
        <Cell title='所在村' extra={user.village?.name ?? '未绑定'} />
        {user.gridVillages.length > 0 && (
          <Cell title='负责网格' extra={user.gridVillages.map((v) => v.name).join('、')} />
        )}
      </CellGroup>
    </View>
  )
}
