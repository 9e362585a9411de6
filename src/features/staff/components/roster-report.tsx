import { Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { RosterReport as Report } from '@contract/places'
import { RosterChanges } from './roster-changes'
import './roster-report.scss'

/** What an import would do (or did): counts, places to create, and every bad row by line. */
export function RosterReport({ report }: { report: Report }) {
  const stats = [
    { label: '数据行', value: report.rows },
    { label: '新增', value: report.create },
    { label: '更新', value: report.update },
    { label: '不变', value: report.unchanged },
  ]
  return (
    <View className='roster-report'>
      <View className='staff-card__head'>
        <View className='staff-card__line'>{report.fileName}</View>
        {report.committed ? (
          <Tag type='success'>已导入</Tag>
        ) : report.errors.length > 0 ? (
          <Tag type='danger'>{report.errors.length} 处错误</Tag>
        ) : (
          <Tag type='primary'>检查通过</Tag>
        )}
      </View>
      <View className='roster-report__stats'>
        {stats.map((s) => (
          <View key={s.label} className='roster-report__stat'>
            <View className='roster-report__number'>{s.value}</View>
            <View className='roster-report__label'>{s.label}</View>
          </View>
        ))}
      </View>
      {report.villagesToCreate.length > 0 && (
        <View className='staff-card__line'>将新建的村：{report.villagesToCreate.join('、')}</View>
      )}
      {report.groupsToCreate.length > 0 && (
        <View className='staff-card__line'>将新建的小组：{report.groupsToCreate.join('、')}</View>
      )}
      <RosterChanges report={report} />
      {report.errors.length > 0 && (
        <View className='roster-report__errors'>
          <View className='staff-card__meta'>请在表格中改正以下各行，再重新选择文件：</View>
          {report.errors.map((e, i) => (
            <View key={`${e.line}:${i}`} className='roster-report__error'>
              <Text className='roster-report__line'>第 {e.line} 行</Text>
              <Text>{e.message}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
