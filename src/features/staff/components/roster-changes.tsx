import { Text, View } from '@tarojs/components'
import type { RosterReport } from '@contract/places'

const shown = (value: string) => value || '（空）'

/** The households an import updates: line, 门牌号 and each field from → to. */
export function RosterChanges({ report }: { report: RosterReport }) {
  if (report.changes.length === 0) return null
  const more = report.update - report.changes.length
  return (
    <View className='roster-report__changes'>
      <View className='staff-card__meta'>
        {report.committed ? '已更新' : '将更新'} {report.update} 户：
      </View>
      {report.changes.map((c) => (
        <View key={`${c.line}:${c.houseNo}`} className='roster-report__error'>
          <Text className='roster-report__line'>第 {c.line} 行</Text>
          <Text>
            {c.villageName} {c.houseNo}：
            {c.fields.map((f) => `${f.field} ${shown(f.from)} → ${shown(f.to)}`).join('；')}
          </Text>
        </View>
      ))}
      {more > 0 && <View className='staff-card__meta'>另有 {more} 户未逐一列出</View>}
    </View>
  )
}
