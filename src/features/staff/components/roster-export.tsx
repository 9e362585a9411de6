import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { ChipPicker } from '@/components/chip-picker'
import { saveSpreadsheet } from '@/lib/files'
import { exportRoster } from '../api/roster'
import { useVillages } from '../hooks/use-people'
import { useTask } from '@/lib/use-task'

/** 导出花名册: the whole township or one village as an .xlsx file. */
export function RosterExport() {
  const villages = useVillages(true)
  const [villageId, setVillageId] = useState('')
  const task = useTask()
  const options = [
    { value: '', label: '全镇' },
    ...(villages.data ?? []).map((v) => ({ value: v.id, label: v.name })),
  ]
  const download = () =>
    task.run(
      'export',
      async () => {
        const file = await exportRoster(villageId || undefined)
        await saveSpreadsheet(file.fileName, file.content)
      },
      '已导出',
    )
  return (
    <View className='staff-card'>
      <View className='staff-card__title'>导出花名册</View>
      <ChipPicker options={options} value={villageId} onChange={setVillageId} label='导出范围' />
      <View className='staff-actions'>
        <Button
          type='primary'
          block
          loading={task.busy === 'export'}
          onClick={() => void download()}
        >
          {task.busy === 'export' ? '正在生成…' : '导出花名册'}
        </Button>
      </View>
    </View>
  )
}
