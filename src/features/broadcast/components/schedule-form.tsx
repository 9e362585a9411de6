import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { shanghaiDay } from '@contract/time'
import { ChipPicker } from '@/components/chip-picker'
import { useTask } from '@/lib/use-task'
import { schedulePlays } from '../api'

const DAY = 86_400_000

/** 安排播放 (admins): which village's loudspeaker plays this script on which of the next 7 days. */
export function ScheduleForm(props: {
  noticeId: string
  villages: { id: string; name: string }[]
}) {
  const [villageId, setVillageId] = useState(props.villages[0]?.id ?? '')
  const days = Array.from({ length: 7 }, (_, i) => shanghaiDay(Date.now() + i * DAY))
  const [picked, setPicked] = useState<string[]>([days[0] as string])
  const task = useTask()
  const toggle = (day: string) =>
    setPicked((p) => (p.includes(day) ? p.filter((d) => d !== day) : [...p, day]))
  return (
    <View className='staff-card'>
      <View className='staff-card__title'>安排村里的大喇叭播放</View>
      <ChipPicker
        label='选择村'
        options={props.villages.map((v) => ({ value: v.id, label: v.name }))}
        value={villageId}
        onChange={setVillageId}
      />
      <View className='staff-card__meta'>点选播放的日子（可多选）：</View>
      <View className='staff-actions'>
        {days.map((d) => (
          <Button
            key={d}
            size='small'
            type='primary'
            fill={picked.includes(d) ? 'solid' : 'outline'}
            onClick={() => toggle(d)}
          >
            {d.slice(5)}
          </Button>
        ))}
      </View>
      <Button
        type='primary'
        block
        disabled={!villageId || picked.length === 0}
        loading={task.busy === 'schedule'}
        onClick={() =>
          void task.run(
            'schedule',
            () => schedulePlays(villageId, props.noticeId, picked),
            '已安排',
          )
        }
      >
        安排播放
      </Button>
    </View>
  )
}
