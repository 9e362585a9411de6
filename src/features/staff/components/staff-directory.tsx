import { SearchBar } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { ListFooter } from '@/components/list-footer'
import { PageState } from '@/components/page-state'
import { useDebounced } from '../hooks/use-debounced'
import { usePageEvents } from '@/lib/use-page-events'
import { useStaffList, useUserSearch } from '../hooks/use-people'
import { useTask } from '@/lib/use-task'
import { StaffUserCard } from './staff-user-card'

/** 人员与角色: the appointed staff first, then any user found by name to appoint. */
export function StaffDirectory() {
  const staff = useStaffList()
  const [text, setText] = useState('')
  const keyword = useDebounced(text.trim())
  const users = useUserSearch(keyword)
  const task = useTask()
  const reload = () => Promise.all([staff.reload(), users.refresh()])
  usePageEvents(reload, users.loadMore)
  const changed = () => void reload()
  return (
    <View>
      <View className='staff-section-title'>现任管理员和网格员</View>
      <PageState
        loading={staff.loading}
        error={staff.error}
        empty={(staff.data ?? []).length === 0}
        emptyText='还没有任命任何人'
        onRetry={() => void staff.reload()}
      >
        {(staff.data ?? []).map((u) => (
          <StaffUserCard key={u.id} user={u} task={task} onChanged={changed} />
        ))}
      </PageState>
      <View className='staff-section-title'>查找用户</View>
      <SearchBar
        value={text}
        placeholder='昵称、户主姓名或 openid'
        maxLength={30}
        onChange={(v) => setText(v)}
        onSearch={(v) => setText(v)}
      />
      <PageState
        loading={users.loading}
        error={users.error}
        empty={users.items.length === 0}
        emptyText={keyword ? `没有找到“${keyword}”` : '还没有用户'}
        onRetry={() => void users.refresh()}
      >
        {users.items.map((u) => (
          <StaffUserCard key={u.id} user={u} task={task} onChanged={changed} />
        ))}
        <ListFooter
          loadingMore={users.loadingMore}
          done={users.done}
          error={users.error}
          onMore={() => void users.loadMore()}
        />
      </PageState>
    </View>
  )
}
