import { View } from '@tarojs/components'
import { ChipPicker } from '@/components/chip-picker'
import type { ActionOutput } from '@contract/index'
import { monthLabel } from '../labels'

interface Props {
  rounds: ActionOutput<'board.rounds'>['items']
  villages: ActionOutput<'villages.list'>
  roundId: string
  villageId: string
  onRound: (id: string) => void
  onVillage: (id: string) => void
}

/** Which month and which village ('' = whole township) the lists are for. */
export function BoardFilters({ rounds, villages, roundId, villageId, onRound, onVillage }: Props) {
  return (
    <View>
      <ChipPicker
        label='选择月份'
        options={rounds.map((r) => ({
          value: r.id,
          label: r.status === 'open' ? `${monthLabel(r.month)}（检查中）` : monthLabel(r.month),
        }))}
        value={roundId}
        onChange={onRound}
      />
      <ChipPicker
        label='选择村'
        options={[
          { value: '', label: '全镇' },
          ...villages.map((v) => ({ value: v.id, label: v.name })),
        ]}
        value={villageId}
        onChange={onVillage}
      />
    </View>
  )
}
