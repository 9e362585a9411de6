import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '@contract/index'
import type { StaffUser } from '@contract/people'
import { createPlace } from '../api/places'
import { useTask } from '@/lib/use-task'
import { PlaceForm, type PlaceValues } from './place-form'
import { VillageCard } from './village-card'

interface Props {
  tree: ActionOutput<'places.tree'>
  staff: StaffUser[]
  onChanged: () => void
}

/** The township's villages, groups and grids; 新增村 at the top. One change at a time. */
export function PlaceTree({ tree, staff, onChanged }: Props) {
  const task = useTask()
  const [adding, setAdding] = useState(false)
  const gridWorkers = staff.filter((u) => u.role === 'gridWorker')
  const addVillage = async ({ name, code }: PlaceValues) => {
    const input = { kind: 'village' as const, name, ...(code ? { code } : {}) }
    if (await task.run('create:village', () => createPlace(input), '已新增')) {
      setAdding(false)
      onChanged()
    }
  }
  return (
    <View className='place-tree'>
      <View className='staff-card'>
        {adding ? (
          <PlaceForm
            nameLabel='村名'
            withCode
            submitText='新增村'
            busy={task.busy === 'create:village'}
            onSubmit={(v) => void addVillage(v)}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <Button type='primary' block onClick={() => setAdding(true)}>
            新增村
          </Button>
        )}
      </View>
      {tree.map((v) => (
        <VillageCard
          key={v.id}
          village={v}
          gridWorkers={gridWorkers}
          task={task}
          onChanged={onChanged}
        />
      ))}
    </View>
  )
}
