import Taro from '@tarojs/taro'
import { useState } from 'react'
import { PagedList } from '@/components/paged-list'
import { listRounds } from '@/features/board/api/board'
import { OpenRoundForm } from '@/features/board/components/open-round-form'
import { RoundCard } from '@/features/board/components/round-card'
import { StaffPage } from '@/features/staff/components/staff-page'
import { usePaged } from '@/lib/use-paged'

/** 红黑榜轮次与发布 (admins): open a month's round, review and publish, export and print. */
export default function RoundsPage() {
  const [version, setVersion] = useState(0)
  const rounds = usePaged(`staff:rounds:${version}`, listRounds)
  const changed = () => setVersion((v) => v + 1)
  return (
    <StaffPage>
      <OpenRoundForm
        onOpened={() => {
          void Taro.showToast({ title: '已开启', icon: 'success' })
          changed()
        }}
      />
      <PagedList list={rounds} emptyText='还没有检查轮次'>
        {(round) => <RoundCard key={round.id} round={round} onChanged={changed} />}
      </PagedList>
    </StaffPage>
  )
}
