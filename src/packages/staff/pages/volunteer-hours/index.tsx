import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { monthLabel, recentMonths } from '@contract/months'
import { ChipPicker } from '@/components/chip-picker'
import { PageState } from '@/components/page-state'
import { exportHours } from '@/features/activities/api'
import { HoursTable } from '@/features/activities/components/hours-table'
import { useHoursTable } from '@/features/activities/hooks/use-hours-table'
import { getMe } from '@/features/people/api/me'
import { listVillages } from '@/features/staff/api/people'
import { StaffPage } from '@/features/staff/components/staff-page'
import { saveSpreadsheet } from '@/lib/files'
import { useRemote } from '@/lib/use-remote'
import { useTask } from '@/lib/use-task'

/** 志愿时长统计: a village's hours and participants in a month, exported as Excel. */
export default function VolunteerHoursPage() {
  const months = useMemo(() => recentMonths(Date.now()), [])
  const [month, setMonth] = useState(months[0] as string)
  const [picked, setPicked] = useState('')
  const villages = useRemote('staff:hours:villages', async () => {
    const [all, me] = await Promise.all([listVillages(), getMe()])
    return me.user?.role === 'gridWorker' ? me.user.gridVillages : all
  })
  const villageId = picked || villages.data?.[0]?.id || ''
  const hours = useHoursTable(month, villageId)
  const task = useTask()
  const download = () =>
    void task.run(
      'export',
      async () => {
        const file = await exportHours(month, villageId)
        await saveSpreadsheet(file.fileName, file.content)
      },
      '已导出',
    )
  return (
    <StaffPage>
      <ChipPicker
        label='月份'
        options={months.map((m) => ({ value: m, label: monthLabel(m) }))}
        value={month}
        onChange={setMonth}
      />
      <ChipPicker
        label='村'
        options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        value={villageId}
        onChange={setPicked}
      />
      <PageState
        loading={(hours.loading || villages.loading) && !hours.table}
        error={hours.error ?? villages.error}
        empty={!hours.table}
        emptyText='没有可查看的村'
        onRetry={() => void hours.reload()}
      >
        {hours.table && (
          <>
            <HoursTable table={hours.table} />
            <View className='staff-card'>
              <View className='staff-actions'>
                {hours.table.nextCursor && (
                  <Button loading={hours.loading} onClick={() => void hours.more()}>
                    加载更多
                  </Button>
                )}
                <Button type='primary' loading={task.busy === 'export'} onClick={download}>
                  {task.busy === 'export' ? '正在生成…' : '导出 Excel'}
                </Button>
              </View>
            </View>
          </>
        )}
      </PageState>
    </StaffPage>
  )
}
