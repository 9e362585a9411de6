import { View } from '@tarojs/components'
import type { FilingTable as Table } from '@contract/filing'
import './filing-table.scss'

interface Props {
  table: Table
  /** The village whose notices are open below, '' for none. */
  openVillageId: string
  onOpen: (villageId: string) => void
}

/** 信息报送考核's monthly table: villages by score, those below the minimum highlighted. */
export function FilingTable({ table, openVillageId, onOpen }: Props) {
  return (
    <View className='staff-card filing-table'>
      <View className='staff-card__title'>各村报送情况</View>
      <View className='staff-card__meta'>
        每村每月至少 {table.minimum} 篇；每篇 {table.countWeight} 分，被上级采用每篇另加{' '}
        {table.adoptedWeight} 分。点一个村查看并标记被采用的信息。
      </View>
      <View className='filing-table__row filing-table__row--head'>
        <View className='filing-table__village'>村</View>
        <View className='filing-table__num'>发布数</View>
        <View className='filing-table__num'>被采用</View>
        <View className='filing-table__num'>得分</View>
      </View>
      {table.rows.map((row) => (
        <View
          key={row.village.id}
          className={[
            'filing-table__row',
            row.belowMinimum ? 'filing-table__row--below' : '',
            row.village.id === openVillageId ? 'filing-table__row--open' : '',
          ].join(' ')}
          onClick={() => onOpen(row.village.id === openVillageId ? '' : row.village.id)}
        >
          <View className='filing-table__village'>
            {row.village.name}
            {row.belowMinimum && <View className='filing-table__flag'>未达标</View>}
          </View>
          <View className='filing-table__num'>{row.count}</View>
          <View className='filing-table__num'>{row.adopted}</View>
          <View className='filing-table__num'>{row.score}</View>
        </View>
      ))}
    </View>
  )
}
