import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { StaffUser } from '@contract/people'
import { ChipPicker } from '@/components/chip-picker'
import { assignGridWorker, removeGridWorker } from '../api/places'
import type { Task } from '@/lib/use-task'
import { ConfirmBar } from './confirm-bar'
import './grid-workers.scss'

interface Props {
  grid: { id: string; name: string; workers: { id: string; nickname: string }[] }
  /** Every appointed grid worker, to pick from. */
  gridWorkers: StaffUser[]
  task: Task
  onChanged: () => void
}

/** The grid workers in charge of a grid: remove one, or assign another (inline). */
export function GridWorkers({ grid, gridWorkers, task, onChanged }: Props) {
  const [removing, setRemoving] = useState('')
  const [assigning, setAssigning] = useState(false)
  const [picked, setPicked] = useState('')
  const [pickError, setPickError] = useState('')
  const assigned = new Set(grid.workers.map((w) => w.id))
  const options = gridWorkers
    .filter((u) => !assigned.has(u.id))
    .map((u) => ({ value: u.id, label: u.nickname }))

  const remove = async (userId: string) => {
    if (await task.run(`remove:${grid.id}`, () => removeGridWorker(grid.id, userId), '已移除')) {
      setRemoving('')
      onChanged()
    }
  }
  const assign = async () => {
    if (!picked) return setPickError('请先选择一位网格员')
    if (await task.run(`assign:${grid.id}`, () => assignGridWorker(grid.id, picked), '已指派')) {
      setAssigning(false)
      setPicked('')
      onChanged()
    }
  }

  return (
    <View className='grid-workers'>
      {grid.workers.length === 0 && <View className='grid-workers__none'>还没有网格员</View>}
      {grid.workers.map((w) =>
        removing === w.id ? (
          <ConfirmBar
            key={w.id}
            text={`把「${w.nickname}」从「${grid.name}」移除？`}
            confirmText='确认移除'
            danger
            busy={task.busy === `remove:${grid.id}`}
            onConfirm={() => void remove(w.id)}
            onCancel={() => setRemoving('')}
          />
        ) : (
          <View key={w.id} className='grid-workers__worker'>
            网格员 · {w.nickname}
            <Button fill='none' disabled={task.busy !== ''} onClick={() => setRemoving(w.id)}>
              移除
            </Button>
          </View>
        ),
      )}
      {assigning ? (
        <ConfirmBar
          text={
            options.length
              ? `为「${grid.name}」选择网格员：`
              : '没有可指派的网格员，请先在「人员与角色」里任命。'
          }
          confirmText='确认指派'
          busy={task.busy === `assign:${grid.id}`}
          onConfirm={() => void assign()}
          onCancel={() => setAssigning(false)}
        >
          {options.length > 0 && (
            <ChipPicker
              options={options}
              value={picked}
              onChange={(v) => {
                setPicked(v)
                setPickError('')
              }}
              label='选择网格员'
            />
          )}
          {pickError && <View className='staff-error'>{pickError}</View>}
        </ConfirmBar>
      ) : (
        <Button fill='outline' disabled={task.busy !== ''} onClick={() => setAssigning(true)}>
          指派网格员
        </Button>
      )}
    </View>
  )
}
