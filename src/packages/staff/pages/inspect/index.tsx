import { useDidShow } from '@tarojs/taro'
import { useCallback, useMemo, useRef, useState } from 'react'
import { ChipPicker } from '@/components/chip-picker'
import { PageState } from '@/components/page-state'
import { InspectWalk } from '@/features/board/components/inspect-walk'
import { OutboxList } from '@/features/board/components/outbox-list'
import { useOutbox } from '@/features/board/hooks/use-outbox'
import { monthLabel } from '@/features/board/labels'
import { loadWalkRounds } from '@/features/board/walk'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useRemote } from '@/lib/use-remote'

/**
 * 入户检查 (grid workers): the round's households with done marks, and what waits to be sent.
 * Without network the rounds and the list come from the copy kept on the phone.
 */
export default function InspectPage() {
  const rounds = useRemote('staff:walk-rounds', loadWalkRounds)
  const [version, setVersion] = useState(0)
  const refresh = useCallback(() => setVersion((v) => v + 1), [])
  const outbox = useOutbox(refresh)
  // Back from scoring a household: its mark changes to 已检查.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) refresh()
    shown.current = true
  })
  // Open rounds, and published ones still in 公示 (re-inspecting a black-listed household).
  const usable = (rounds.data?.data.items ?? []).filter((r) => r.status === 'open' || r.inPublicity)
  const [picked, setPicked] = useState('')
  const roundId = picked || usable[0]?.id || ''
  const waiting = useMemo(
    () => new Set(outbox.entries.filter((e) => e.roundId === roundId).map((e) => e.householdId)),
    [outbox.entries, roundId],
  )
  return (
    <StaffPage>
      <OutboxList
        entries={outbox.entries}
        sending={outbox.sending}
        onSend={() => void outbox.send()}
        onDiscard={outbox.discard}
      />
      <PageState
        loading={rounds.loading}
        error={rounds.error}
        empty={usable.length === 0}
        emptyText='没有进行中的检查，请等镇管理员开启本月检查'
        onRetry={() => void rounds.reload()}
      >
        {usable.length > 1 && (
          <ChipPicker
            label='检查轮次'
            options={usable.map((r) => ({
              value: r.id,
              label:
                r.status === 'open' ? monthLabel(r.month) : `${monthLabel(r.month)}（整改复查）`,
            }))}
            value={roundId}
            onChange={setPicked}
          />
        )}
        {roundId && (
          <InspectWalk key={roundId} roundId={roundId} waiting={waiting} version={version} />
        )}
      </PageState>
    </StaffPage>
  )
}
