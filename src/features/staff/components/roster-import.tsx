import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { RosterReport as Report } from '@contract/places'
import { showError } from '@/lib/api-client'
import { pickSpreadsheet, type PickedFile } from '@/lib/files'
import { commitRoster, previewRoster } from '../api/roster'
import { useTask } from '@/lib/use-task'
import { RosterReport } from './roster-report'
import { RosterVillages } from './roster-villages'

/** 导入花名册: pick a file, see the dry run, then 确认导入 once no row is bad. */
export function RosterImport({ onImported }: { onImported?: () => void }) {
  const [file, setFile] = useState<PickedFile | null>(null)
  const [report, setReport] = useState<Report | null>(null)
  /** Names the admin confirmed as new villages for this file. */
  const [confirmed, setConfirmed] = useState<string[]>([])
  const task = useTask()
  const pick = async () => {
    let picked: PickedFile | null
    try {
      // Outside the task: the picker may be dismissed without a word on some browsers.
      picked = await pickSpreadsheet()
    } catch (error) {
      return showError(error)
    }
    if (!picked) return
    const chosen = picked
    setFile(chosen)
    setReport(null)
    setConfirmed([])
    await task.run('preview', async () => setReport(await previewRoster(chosen)))
  }
  /** A new confirmation is checked against the file at once: the report shows its effect. */
  const confirm = async (names: string[]) => {
    if (!file) return
    await task.run('preview', async () => {
      setReport(await previewRoster(file, names))
      setConfirmed(names)
    })
  }
  const commit = async () => {
    if (!file) return
    const done = await task.run(
      'commit',
      async () => setReport(await commitRoster(file, confirmed)),
      '导入完成',
    )
    if (done) onImported?.()
  }
  const ready =
    report !== null && !report.committed && report.errors.length === 0 && report.rows > 0
  return (
    <View className='staff-card'>
      <View className='staff-card__title'>导入花名册</View>
      <View className='staff-card__meta'>
        支持 .xlsx 或
        .csv，表头为：村名、村民小组、户主姓名、门牌号、家庭人口、联系电话（可空）。先检查，确认无误后再导入。
      </View>
      <View className='staff-actions'>
        <Button
          type='primary'
          fill='outline'
          block
          loading={task.busy === 'preview'}
          onClick={() => void pick()}
        >
          {task.busy === 'preview' ? '正在检查文件…' : file ? '重新选择文件' : '选择文件'}
        </Button>
      </View>
      {report && <RosterReport report={report} />}
      {report && !report.committed && (
        <RosterVillages
          unknown={report.unknownVillages}
          confirmed={confirmed}
          busy={task.busy !== ''}
          onChange={(names) => void confirm(names)}
        />
      )}
      {report && !report.committed && (
        <View className='staff-actions'>
          <Button
            type='primary'
            block
            disabled={!ready}
            loading={task.busy === 'commit'}
            onClick={() => void commit()}
          >
            {task.busy === 'commit' ? '正在导入…' : '确认导入'}
          </Button>
        </View>
      )}
    </View>
  )
}
