import { View } from '@tarojs/components'
import './qr-code.scss'

interface Props {
  /** Rows of modules, '1' dark and '0' light, as households.invite sends them. */
  rows: readonly string[]
  /** Size of one module in px. */
  module?: number
  label: string
}

/** Runs of equal modules in a row: [dark, length]. One View per run keeps the node count low. */
function runsOf(row: string): [boolean, number][] {
  const runs: [boolean, number][] = []
  for (const ch of row) {
    const dark = ch === '1'
    const last = runs[runs.length - 1]
    if (last && last[0] === dark) last[1] += 1
    else runs.push([dark, 1])
  }
  return runs
}

/** A QR code drawn with Views (no canvas, no library on the phone) and a 4-module quiet zone. */
export function QrCode({ rows, module = 5, label }: Props) {
  return (
    <View className='qr-code' style={{ padding: `${module * 4}px` }} role='img' aria-label={label}>
      {rows.map((row, y) => (
        <View key={y} className='qr-code__row' style={{ height: `${module}px` }}>
          {runsOf(row).map(([dark, length], x) => (
            <View
              key={x}
              className={dark ? 'qr-code__dark' : 'qr-code__light'}
              style={{ width: `${length * module}px`, height: `${module}px` }}
            />
          ))}
        </View>
      ))}
    </View>
  )
}
