import { Button } from '@nutui/nutui-react-taro'
import { Canvas, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ListFooter } from '@/components/list-footer'
import { PageState } from '@/components/page-state'
import { printPlates } from '@/features/doorplate/api'
import { PlateSheet, PLATES_PER_PAGE } from '@/features/doorplate/components/plate-sheet'
import { drawPlatePage, sharePicture, SHEET } from '@/features/doorplate/plate-picture'
import { StaffPage } from '@/features/staff/components/staff-page'
import { usePageEvents } from '@/lib/use-page-events'
import { usePaged } from '@/lib/use-paged'
import { useTask } from '@/lib/use-task'

const weapp = process.env.TARO_ENV === 'weapp'
const offscreen = { position: 'fixed', left: '-9999px', width: `${SHEET.width}px` } as const

/** 打印户码 (?groupId): a village group's doorplates, 8 to an A4 page, to cut and stick by doors. */
export default function DoorplatesPage() {
  const groupId = useRouter().params.groupId ?? ''
  const [names, setNames] = useState({ village: '', group: '' })
  const plates = usePaged(`staff:plates:${groupId}`, async (cursor) => {
    const page = await printPlates(groupId, cursor)
    setNames({ village: page.village.name, group: page.group.name })
    return page
  })
  usePageEvents(plates.refresh, plates.loadMore)
  const task = useTask()
  const place = `${names.village} ${names.group}`
  const saveAll = () =>
    task.run('save', async () => {
      for (let i = 0; i < plates.items.length; i += PLATES_PER_PAGE) {
        const page = plates.items.slice(i, i + PLATES_PER_PAGE)
        await sharePicture(await drawPlatePage('plates', place, page))
      }
    })
  return (
    <StaffPage>
      <View className='staff-card'>
        <View className='staff-hint'>
          {place} 已列出 {plates.items.length} 户{plates.done ? '' : '（还有更多）'}，每页 8 张。
        </View>
        {weapp ? (
          <Button
            type='primary'
            block
            loading={task.busy === 'save'}
            disabled={plates.items.length === 0}
            onClick={() => void saveAll()}
          >
            保存为图片（A4）
          </Button>
        ) : (
          <Button
            type='primary'
            block
            disabled={plates.items.length === 0}
            onClick={() => window.print()}
          >
            打印（A4）
          </Button>
        )}
      </View>
      <PageState
        loading={plates.loading}
        error={plates.error}
        empty={plates.items.length === 0}
        emptyText='这个组没有您负责的户'
        onRetry={() => void plates.refresh()}
      >
        <PlateSheet village={names.village} group={names.group} plates={plates.items} />
        <ListFooter
          loadingMore={plates.loadingMore}
          done={plates.done}
          error={plates.error}
          onMore={() => void plates.loadMore()}
        />
      </PageState>
      {weapp && <Canvas canvasId='plates' style={{ ...offscreen, height: `${SHEET.height}px` }} />}
    </StaffPage>
  )
}
