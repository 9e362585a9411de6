import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { monthLabel, recentMonths } from '@contract/months'
import { ChipPicker } from '@/components/chip-picker'
import { BroadcastMonth } from '@/features/broadcast/components/broadcast-month'
import { PageState } from '@/components/page-state'
import { exportFiling, getFilingTable } from '@/features/staff/api/filing'
import { saveSpreadsheet } from '@/lib/files'
import { FilingNotices } from '@/features/staff/components/filing-notices'
import { FilingSettingsForm } from '@/features/staff/components/filing-settings'
import { FilingTable } from '@/features/staff/components/filing-table'
import { StaffPage } from '@/features/staff/components/staff-page'
import { usePageEvents } from '@/lib/use-page-events'
import { useRemote } from '@/lib/use-remote'
import { useTask } from '@/lib/use-task'

/** 信息报送考核 (admins): each village's notices a month, adoption, score and the rule. */
export default function FilingPage() {
  const months = useMemo(() => recentMonths(Date.now()), [])
  const [month, setMonth] = useState(months[0] as string)
  const [villageId, setVillageId] = useState('')
  const table = useRemote(`staff:filing:${month}`, () => getFilingTable(month))
  const task = useTask()
  usePageEvents(table.reload)

  const pickMonth = (next: string) => {
    setMonth(next)
    setVillageId('')
  }
  const download = () =>
    task.run(
      'export',
      async () => {
        const file = await exportFiling(month)
        await saveSpreadsheet(file.fileName, file.content)
      },
      '已导出',
    )
  const open = table.data?.rows.find((r) => r.village.id === villageId)?.village
  return (
    <StaffPage>
      <ChipPicker
        options={months.map((m) => ({ value: m, label: monthLabel(m) }))}
        value={month}
        onChange={pickMonth}
        label='考核月份'
      />
      <PageState
        loading={table.loading && !table.data}
        error={table.error}
        empty={!table.data}
        emptyText='还没有村'
        onRetry={() => void table.reload()}
      >
        {table.data && (
          <>
            <FilingTable table={table.data} openVillageId={villageId} onOpen={setVillageId} />
            <BroadcastMonth month={month} />
            {open && (
              <FilingNotices
                key={`${month}:${open.id}`}
                month={month}
                village={open}
                onChanged={() => void table.reload()}
              />
            )}
            <View className='staff-card'>
              <Button
                type='primary'
                block
                loading={task.busy === 'export'}
                onClick={() => void download()}
              >
                {task.busy === 'export' ? '正在生成…' : '导出 Excel'}
              </Button>
            </View>
            <FilingSettingsForm
              key={`${table.data.minimum}:${table.data.countWeight}:${table.data.adoptedWeight}`}
              initial={table.data}
              onSaved={() => void table.reload()}
            />
          </>
        )}
      </PageState>
    </StaffPage>
  )
}
