import { Button, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import { archivePlace, renamePlace, type PlaceKind } from '../api/places'
import type { Task } from '@/lib/use-task'
import { ConfirmBar } from './confirm-bar'
import { PlaceForm, type PlaceValues } from './place-form'
import './place-row.scss'

export const placeKindNames: Record<PlaceKind, string> = {
  village: '村',
  group: '村民小组',
  grid: '网格',
}

interface Props {
  kind: PlaceKind
  place: { id: string; name: string; archived: boolean; code?: string | null }
  meta: string
  task: Task
  onChanged: () => void
  children?: ReactNode
}

/** A village, group or grid with 改名 and 归档 / 恢复, each confirmed inline. */
export function PlaceRow({ kind, place, meta, task, onChanged, children }: Props) {
  const [mode, setMode] = useState<'rename' | 'archive' | null>(null)
  const { id, name, archived } = place
  const kindName = placeKindNames[kind]
  const rename = async ({ name: next, code }: PlaceValues) => {
    const input = { kind, id, name: next, ...(kind === 'village' ? { code } : {}) }
    if (await task.run(`rename:${id}`, () => renamePlace(input), '已保存')) {
      setMode(null)
      onChanged()
    }
  }
  const archive = async () => {
    const done = archived ? '已恢复' : '已归档'
    if (await task.run(`archive:${id}`, () => archivePlace(kind, id, !archived), done)) {
      setMode(null)
      onChanged()
    }
  }
  const village = kind === 'village'
  return (
    <View className={`place-row${village ? ' place-row--village' : ''}`}>
      <View className='place-row__head'>
        <View
          className={`place-row__name${village ? ' place-row__name--village' : ''}${archived ? ' place-row__name--archived' : ''}`}
        >
          {name} {archived && <Tag type='default'>已归档</Tag>}
          <View className='place-row__meta'>{meta}</View>
        </View>
        <Button fill='none' disabled={task.busy !== ''} onClick={() => setMode('rename')}>
          改名
        </Button>
        <Button fill='none' disabled={task.busy !== ''} onClick={() => setMode('archive')}>
          {archived ? '恢复' : '归档'}
        </Button>
      </View>
      {mode === 'rename' && (
        <PlaceForm
          nameLabel={`${kindName}名称`}
          withCode={village}
          initial={place}
          submitText='保存'
          busy={task.busy === `rename:${id}`}
          onSubmit={(v) => void rename(v)}
          onCancel={() => setMode(null)}
        />
      )}
      {mode === 'archive' && (
        <ConfirmBar
          text={
            archived
              ? `恢复「${name}」？恢复后重新出现在选择列表中。`
              : `归档「${name}」？归档后不再出现在选择列表中，历史记录保留，可随时恢复。`
          }
          confirmText={archived ? '确认恢复' : '确认归档'}
          danger={!archived}
          busy={task.busy === `archive:${id}`}
          onConfirm={() => void archive()}
          onCancel={() => setMode(null)}
        />
      )}
      {children}
    </View>
  )
}
