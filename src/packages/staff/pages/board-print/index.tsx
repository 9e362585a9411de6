import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ChipPicker } from '@/components/chip-picker'
import { PageState } from '@/components/page-state'
import { getPrintable } from '@/features/board/api/board'
import { PrintSheet } from '@/features/board/components/print-sheet'
import { useVillages } from '@/features/board/hooks/use-board'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useRemote } from '@/lib/use-remote'

/** 打印红黑榜 (?roundId): a village's lists on an A4 sheet for the bulletin board. */
export default function BoardPrintPage() {
  const roundId = useRouter().params.roundId ?? ''
  const villages = useVillages()
  const [picked, setPicked] = useState('')
  const villageId = picked || villages.data?.[0]?.id || ''
  const sheet = useRemote(`staff:print:${roundId}:${villageId}`, () =>
    villageId ? getPrintable(roundId, villageId) : Promise.resolve(null),
  )
  return (
    <StaffPage>
      <View className='board-print__controls'>
        <ChipPicker
          label='选择村'
          options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
          value={villageId}
          onChange={setPicked}
        />
        {process.env.TARO_ENV === 'h5' ? (
          <View className='staff-card'>
            <Button type='primary' block disabled={!sheet.data} onClick={() => window.print()}>
              打印（A4）
            </Button>
          </View>
        ) : (
          <View className='staff-hint'>请在电脑上打开本页打印，或截图后发到打印机。</View>
        )}
      </View>
      <PageState
        loading={sheet.loading || villages.loading}
        error={sheet.error ?? villages.error}
        empty={!sheet.data}
        emptyText='还没有村'
        onRetry={() => void sheet.reload()}
      >
        {sheet.data && <PrintSheet data={sheet.data} />}
      </PageState>
    </StaffPage>
  )
}
