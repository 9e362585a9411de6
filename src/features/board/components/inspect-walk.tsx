import { SearchBar } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { ActionOutput } from '@contract/index'
import { ChipPicker } from '@/components/chip-picker'
import { PagedList } from '@/components/paged-list'
import { usePaged } from '@/lib/use-paged'
import { boardStaffUrl } from '../labels'
import { keepWalk, loadWalkPage } from '../walk'
import { InspectableRow } from './inspectable-row'
import { WalkOfflineBar } from './walk-offline-bar'
import './inspect-list.scss'

type Page = ActionOutput<'board.inspectables'>
type Meta = Pick<Page, 'groups' | 'total' | 'doneCount'>

interface Props {
  roundId: string
  /** Households with an inspection waiting on this phone. */
  waiting: Set<string>
  /** Changes after the outbox sent something: the marks are loaded again. */
  version: number
}

const doneOptions = [
  { value: '', label: '全部' },
  { value: 'todo', label: '未检查' },
  { value: 'done', label: '已检查' },
]

/** The households of my grids for a round: search, or walk a group with done/not-done marks. */
export function InspectWalk({ roundId, waiting, version }: Props) {
  const [keyword, setKeyword] = useState('')
  const [groupId, setGroupId] = useState('')
  const [done, setDone] = useState('')
  const [meta, setMeta] = useState<Meta | null>(null)
  const [savedAt, setSavedAt] = useState<string | null>(null)
  const kept = useRef('')
  const key = `${roundId}:${keyword}:${groupId}:${done}:${version}`
  const list = usePaged(key, async (cursor) => {
    const { page, savedAt: at } = await loadWalkPage({
      roundId,
      keyword: keyword || undefined,
      groupId: groupId || undefined,
      done: done === '' ? undefined : done === 'done',
      cursor,
      limit: 30,
    })
    setMeta({ groups: page.groups, total: page.total, doneCount: page.doneCount })
    setSavedAt(at)
    // Online: the whole list goes on the phone for the walk without signal (once per load).
    if (at) kept.current = ''
    else if (kept.current !== `${roundId}:${version}`) {
      kept.current = `${roundId}:${version}`
      void keepWalk(roundId)
    }
    return page
  })
  const open = (item: Page['items'][number]) =>
    void Taro.navigateTo({
      url: boardStaffUrl('inspect-form', {
        roundId,
        householdId: item.householdId,
        name: `${item.houseNo} ${item.headName}`,
      }),
    })
  return (
    <View>
      {savedAt && <WalkOfflineBar savedAt={savedAt} onRetry={() => void list.refresh()} />}
      <SearchBar
        placeholder='搜索户主姓名或门牌号'
        onSearch={setKeyword}
        onClear={() => setKeyword('')}
      />
      {meta && (
        <View className='staff-hint'>
          已检查 {meta.doneCount} / {meta.total} 户
        </View>
      )}
      {meta && meta.groups.length > 1 && (
        <ChipPicker
          label='村民小组'
          options={[
            { value: '', label: '全部小组' },
            ...meta.groups.map((g) => ({ value: g.id, label: `${g.villageName}${g.name}` })),
          ]}
          value={groupId}
          onChange={setGroupId}
        />
      )}
      <ChipPicker label='检查情况' options={doneOptions} value={done} onChange={setDone} />
      <View className='inspect-list'>
        <PagedList list={list} emptyText={keyword ? '没有找到这户' : '这里没有要检查的家庭'}>
          {(item) => (
            <InspectableRow
              key={item.householdId}
              item={item}
              waiting={waiting.has(item.householdId)}
              onOpen={open}
            />
          )}
        </PagedList>
      </View>
    </View>
  )
}
