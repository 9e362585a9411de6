import { Button, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ManagedColumn } from '@contract/bulletin'
import { renameColumn, setColumnHidden } from '../api/columns'
import type { Task } from '@/lib/use-task'
import { ColumnForm } from './column-form'
import { ConfirmBar } from './confirm-bar'
import './column-row.scss'

interface Props {
  column: ManagedColumn
  first: boolean
  last: boolean
  task: Task
  onMove: (delta: -1 | 1) => void
  onChanged: () => void
}

/** A column with 上移 / 下移, 改名 and 隐藏 / 显示, the last two confirmed inline. */
export function ColumnRow({ column, first, last, task, onMove, onChanged }: Props) {
  const [mode, setMode] = useState<'rename' | 'hide' | null>(null)
  const { id, name, hidden, noticeCount } = column
  const idle = task.busy === ''
  const rename = async (next: string) => {
    if (await task.run(`rename:${id}`, () => renameColumn(id, next), '已改名')) {
      setMode(null)
      onChanged()
    }
  }
  const toggle = async () => {
    const done = hidden ? '已显示' : '已隐藏'
    if (await task.run(`hide:${id}`, () => setColumnHidden(id, !hidden), done)) {
      setMode(null)
      onChanged()
    }
  }
  return (
    <View className='column-row'>
      <View className={`column-row__name${hidden ? ' column-row__name--hidden' : ''}`}>
        {name} {hidden && <Tag type='default'>已隐藏</Tag>}
      </View>
      <View className='column-row__meta'>{noticeCount} 条公告</View>
      <View className='staff-actions'>
        <Button
          fill='outline'
          disabled={first || !idle}
          loading={task.busy === `move:${id}:-1`}
          onClick={() => onMove(-1)}
        >
          上移
        </Button>
        <Button
          fill='outline'
          disabled={last || !idle}
          loading={task.busy === `move:${id}:1`}
          onClick={() => onMove(1)}
        >
          下移
        </Button>
        <Button fill='none' disabled={!idle} onClick={() => setMode('rename')}>
          改名
        </Button>
        <Button fill='none' disabled={!idle} onClick={() => setMode('hide')}>
          {hidden ? '显示' : '隐藏'}
        </Button>
      </View>
      {mode === 'rename' && (
        <ColumnForm
          initial={name}
          submitText='保存'
          busy={task.busy === `rename:${id}`}
          onSubmit={(next) => void rename(next)}
          onCancel={() => setMode(null)}
        />
      )}
      {mode === 'hide' && (
        <ConfirmBar
          text={
            hidden
              ? `重新显示「${name}」？首页将再次显示这个栏目和其中的公告。`
              : `隐藏「${name}」？隐藏后首页不再显示这个栏目，其中的 ${noticeCount} 条公告也不再出现在列表中；可随时重新显示。`
          }
          confirmText={hidden ? '确认显示' : '确认隐藏'}
          danger={!hidden}
          busy={task.busy === `hide:${id}`}
          onConfirm={() => void toggle()}
          onCancel={() => setMode(null)}
        />
      )}
    </View>
  )
}
