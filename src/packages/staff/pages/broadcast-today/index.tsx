import { View } from '@tarojs/components'
import { useState } from 'react'
import type { Play } from '@contract/broadcast'
import { shanghaiDay } from '@contract/time'
import { ChipPicker } from '@/components/chip-picker'
import { PagedList } from '@/components/paged-list'
import { listPlays } from '@/features/broadcast/api'
import { PlayRow } from '@/features/broadcast/components/play-row'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useStaffMe } from '@/features/staff/hooks/use-people'
import { usePaged } from '@/lib/use-paged'
import { useTask } from '@/lib/use-task'

/** 今天的广播: what the village loudspeaker plays today, for the grid worker who runs it. */
export default function BroadcastTodayPage() {
  const me = useStaffMe()
  const villages = me.data?.user?.gridVillages ?? []
  const [picked, setPicked] = useState('')
  const villageId = picked || villages[0]?.id || ''
  const today = shanghaiDay(Date.now())
  const [marked, setMarked] = useState<Record<string, Play>>({})
  const plays = usePaged(`staff:today:${villageId}:${today}`, (cursor) =>
    villageId
      ? listPlays(villageId, cursor, today)
      : Promise.resolve({ items: [] as Play[], nextCursor: null }),
  )
  const task = useTask()
  return (
    <StaffPage>
      {villages.length > 1 && (
        <ChipPicker
          label='选择村'
          options={villages.map((v) => ({ value: v.id, label: v.name }))}
          value={villageId}
          onChange={setPicked}
        />
      )}
      <View className='staff-hint'>
        今天（{today}）村里大喇叭要播的内容。播完可以标记一下，不标也没关系。
      </View>
      <PagedList list={plays} emptyText='今天没有安排广播'>
        {(p) => (
          <PlayRow
            key={p.id}
            play={marked[p.id] ?? p}
            task={task}
            onChanged={(next) => setMarked((m) => ({ ...m, [next.id]: next }))}
          />
        )}
      </PagedList>
    </StaffPage>
  )
}
