import { Image, View } from '@tarojs/components'
import type { Plate } from '@contract/doorplates'
import { QrCode } from '@/features/staff/components/qr-code'
import './plate-sheet.scss'

/** Plates per A4 page: 2 columns × 4 rows. */
export const PLATES_PER_PAGE = 8

/** The one line on every plate, in large text. */
export const PLATE_HINT = '微信扫一扫，查看本户信息'

interface Props {
  village: string
  group: string
  plates: Plate[]
}

/** A group's doorplates as A4 pages (the H5 build prints them with the browser). */
export function PlateSheet({ village, group, plates }: Props) {
  const pages: Plate[][] = []
  for (let i = 0; i < plates.length; i += PLATES_PER_PAGE)
    pages.push(plates.slice(i, i + PLATES_PER_PAGE))
  return (
    <View className='plate-sheet'>
      {pages.map((page, n) => (
        <View key={n} className='plate-sheet__page'>
          {page.map((p) => (
            <View key={p.householdId} className='plate-sheet__plate'>
              <View className='plate-sheet__place'>
                {village} {group}
              </View>
              <View className='plate-sheet__house'>{p.houseNo}</View>
              {p.image ? (
                <Image className='plate-sheet__image' src={p.image} mode='aspectFit' />
              ) : (
                <QrCode rows={p.qr ?? []} module={3} label={`${p.houseNo}的户码`} />
              )}
              <View className='plate-sheet__hint'>{PLATE_HINT}</View>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
