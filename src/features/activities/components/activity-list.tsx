import { View } from '@tarojs/components'
import { useState } from 'react'
import { ChipPicker } from '@/components/chip-picker'
import { PagedList } from '@/components/paged-list'
import { useActivityList } from '../hooks/use-activities'
import { ActivityCard } from './activity-card'

const tabs = [
  { value: 'upcoming', label: '即将开始' },
  { value: 'past', label: '往期活动' },
] as const

function List({ when }: { when: 'upcoming' | 'past' }) {
  const list = useActivityList(when)
  return (
    <PagedList
      list={list}
      emptyText={when === 'upcoming' ? '近期没有活动，过几天再来看看' : '还没有往期活动'}
    >
      {(a) => <ActivityCard key={a.id} activity={a} />}
    </PagedList>
  )
}

/** The 新时代文明实践 activities the viewer may see: upcoming or past, a page at a time. */
export function ActivityList() {
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming')
  return (
    <View>
      <ChipPicker
        label='活动时间'
        options={tabs}
        value={when}
        onChange={(v) => setWhen(v === 'past' ? 'past' : 'upcoming')}
      />
      <List key={when} when={when} />
    </View>
  )
}
