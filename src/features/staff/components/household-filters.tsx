import { SearchBar } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { ChipPicker } from '@/components/chip-picker'
import { useVillages } from '../hooks/use-people'

interface Props {
  text: string
  onText: (text: string) => void
  /** Admins filter by village too; a grid worker's list is their grids already. */
  showVillages: boolean
  villageId: string
  onVillage: (villageId: string) => void
}

/** The search box (户主姓名 / 门牌号) and, for admins, the village chips. */
export function HouseholdFilters({ text, onText, showVillages, villageId, onVillage }: Props) {
  const villages = useVillages(showVillages)
  const options = [
    { value: '', label: '全部村' },
    ...(villages.data ?? []).map((v) => ({ value: v.id, label: v.name })),
  ]
  return (
    <View className='household-filters'>
      <SearchBar
        value={text}
        placeholder='搜索户主姓名或门牌号'
        maxLength={30}
        onChange={(v) => onText(v)}
        onSearch={(v) => onText(v)}
      />
      {showVillages && (
        <ChipPicker options={options} value={villageId} onChange={onVillage} label='按村筛选' />
      )}
    </View>
  )
}
