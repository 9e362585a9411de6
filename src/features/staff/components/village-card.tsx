import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '@contract/index'
import type { StaffUser } from '@contract/people'
import { createPlace } from '../api/places'
import type { Task } from '@/lib/use-task'
import { GridWorkers } from './grid-workers'
import { PlaceForm, type PlaceValues } from './place-form'
import { PlaceRow } from './place-row'
import './village-card.scss'

type Village = ActionOutput<'places.tree'>[number]

interface Props {
  village: Village
  gridWorkers: StaffUser[]
  task: Task
  onChanged: () => void
}

/** A village with its groups and grids; folded until opened, so the page stays short. */
export function VillageCard({ village: v, gridWorkers, task, onChanged }: Props) {
  const [open, setOpen] = useState(false)
  const [adding, setAdding] = useState<'group' | 'grid' | null>(null)
  const add = async (kind: 'group' | 'grid', { name }: PlaceValues) => {
    const created = await task.run(
      `create:${kind}:${v.id}`,
      () => createPlace({ kind, villageId: v.id, name }),
      '已新增',
    )
    if (created) {
      setAdding(null)
      onChanged()
    }
  }
  const addForm = (kind: 'group' | 'grid') =>
    adding === kind && (
      <PlaceForm
        nameLabel={kind === 'group' ? '村民小组名称' : '网格名称'}
        submitText='新增'
        busy={task.busy === `create:${kind}:${v.id}`}
        onSubmit={(values) => void add(kind, values)}
        onCancel={() => setAdding(null)}
      />
    )
  const meta = `代码 ${v.code ?? '未填'} · ${v.householdCount} 户 · ${v.groups.length} 个小组 · ${v.grids.length} 个网格`
  return (
    <View className='staff-card village-card'>
      <PlaceRow kind='village' place={v} meta={meta} task={task} onChanged={onChanged} />
      <Button fill='outline' block onClick={() => setOpen(!open)}>
        {open ? '收起' : '展开小组和网格'}
      </Button>
      {open && (
        <View>
          <View className='village-card__section'>
            村民小组
            <Button fill='none' onClick={() => setAdding('group')}>
              新增小组
            </Button>
          </View>
          {addForm('group')}
          {v.groups.map((g) => (
            <PlaceRow
              key={g.id}
              kind='group'
              place={g}
              meta={`${g.householdCount} 户`}
              task={task}
              onChanged={onChanged}
            />
          ))}
          <View className='village-card__section'>
            网格
            <Button fill='none' onClick={() => setAdding('grid')}>
              新增网格
            </Button>
          </View>
          {addForm('grid')}
          {v.grids.map((g) => (
            <PlaceRow
              key={g.id}
              kind='grid'
              place={g}
              meta={`${g.householdCount} 户`}
              task={task}
              onChanged={onChanged}
            >
              <GridWorkers grid={g} gridWorkers={gridWorkers} task={task} onChanged={onChanged} />
            </PlaceRow>
          ))}
        </View>
      )}
    </View>
  )
}
