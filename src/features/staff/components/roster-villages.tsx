import { Checkbox } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'

/**
 * Village names in the file the township does not have: each row naming one is an error (with
 * the nearest existing name) until the admin confirms it as a new village here.
 */
export function RosterVillages({
  unknown,
  confirmed,
  busy,
  onChange,
}: {
  /** Names not yet confirmed, as the report lists them. */
  unknown: readonly string[]
  /** Names the admin confirmed (already accepted by the last preview). */
  confirmed: readonly string[]
  busy: boolean
  onChange: (confirmed: string[]) => void
}) {
  const names = [...confirmed, ...unknown.filter((n) => !confirmed.includes(n))]
  if (names.length === 0) return null
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...confirmed, name] : confirmed.filter((n) => n !== name))
  return (
    <View className='roster-report__villages'>
      <View className='staff-card__meta'>
        以下村名本镇没有。若是写错了，请改正表格后重新选择文件；确是要新建的村，请逐个勾选确认：
      </View>
      {names.map((name) => (
        <View key={name} className='roster-report__village'>
          <Checkbox
            checked={confirmed.includes(name)}
            disabled={busy}
            onChange={(on) => toggle(name, on)}
            label={`确认新建“${name}”`}
          />
        </View>
      ))}
    </View>
  )
}
