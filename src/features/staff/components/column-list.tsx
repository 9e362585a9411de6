import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ManagedColumn } from '@contract/bulletin'
import { createColumn, reorderColumns } from '../api/columns'
import { useTask } from '@/lib/use-task'
import { ColumnForm } from './column-form'
import { ColumnRow } from './column-row'

interface Props {
  columns: ManagedColumn[]
  onChanged: () => void
}

/** The bulletin's columns in 首页 order, hidden ones too; 新增栏目 at the top. */
export function ColumnList({ columns, onChanged }: Props) {
  const task = useTask()
  const [adding, setAdding] = useState(false)
  const add = async (name: string) => {
    if (await task.run('create', () => createColumn(name), '已新增')) {
      setAdding(false)
      onChanged()
    }
  }
  const move = async (index: number, delta: -1 | 1) => {
    const ids = columns.map((c) => c.id)
    const [id] = ids.splice(index, 1)
    if (!id) return
    ids.splice(index + delta, 0, id)
    if (await task.run(`move:${id}:${delta}`, () => reorderColumns(ids), '已调整顺序')) {
      onChanged()
    }
  }
  return (
    <View className='column-list'>
      <View className='staff-card'>
        {adding ? (
          <ColumnForm
            submitText='新增栏目'
            busy={task.busy === 'create'}
            onSubmit={(name) => void add(name)}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <Button type='primary' block onClick={() => setAdding(true)}>
            新增栏目
          </Button>
        )}
      </View>
      <View className='staff-hint'>
        栏目按下面的顺序显示在首页；隐藏的栏目和其中的公告对所有人都不再显示，可随时恢复。
      </View>
      <View className='staff-card'>
        {columns.map((c, i) => (
          <ColumnRow
            key={c.id}
            column={c}
            first={i === 0}
            last={i === columns.length - 1}
            task={task}
            onMove={(delta) => void move(i, delta)}
            onChanged={onChanged}
          />
        ))}
      </View>
    </View>
  )
}
