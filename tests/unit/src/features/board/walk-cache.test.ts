import type { Inspectable } from '@contract/board'
import {
  createWalkCache,
  fetchWalk,
  offlineListText,
  savedAge,
  walkPage,
  type RoundWithRubric,
  type WalkSnapshot,
} from '@/features/board/walk-cache'
import type { KeyValueStorage } from '@/lib/offline-cache'

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return {
    map,
    get: (key) => {
      const raw = map.get(key)
      return raw === undefined ? '' : (JSON.parse(raw) as unknown)
    },
    set: (key, value) => void map.set(key, JSON.stringify(value)),
    remove: (key) => void map.delete(key),
  }
}

const household = (n: number, groupId: string, done: boolean): Inspectable => ({
  householdId: `h${n}`,
  headName: `户主${n}`,
  houseNo: `东街${n}号`,
  villageName: '柳家村',
  groupId,
  groupName: groupId === 'g1' ? '一组' : '二组',
  done,
  score: done ? 80 + n : null,
  version: done ? 1 : null,
})

// 7 households: h1..h4 in 一组, h5..h7 in 二组; h2, h5 done.
const items = [1, 2, 3, 4, 5, 6, 7].map((n) =>
  household(n, n <= 4 ? 'g1' : 'g2', n === 2 || n === 5),
)
const round = { id: 'r1', rubric: { criteria: [] } } as unknown as RoundWithRubric
const snapshot: WalkSnapshot = { round, items, groups: [], total: 7, doneCount: 2 }

describe('the walk list kept on the phone', () => {
  it('pages through the saved list with the server’s filters', () => {
    const first = walkPage(snapshot, { roundId: 'r1', limit: 3 })
    expect(first.items.map((i) => i.householdId)).toEqual(['h1', 'h2', 'h3'])
    expect(first.nextCursor).toBe('3')
    const last = walkPage(snapshot, { roundId: 'r1', limit: 3, cursor: '6' })
    expect(last.items.map((i) => i.householdId)).toEqual(['h7'])
    expect(last.nextCursor).toBeNull()
    // Exactly one page's worth: no next page.
    expect(walkPage(snapshot, { roundId: 'r1', limit: 7 }).nextCursor).toBeNull()
    expect(walkPage(snapshot, { roundId: 'r1', limit: 6 }).nextCursor).toBe('6')

    const todo = (input: Partial<Parameters<typeof walkPage>[1]>) =>
      walkPage(snapshot, { roundId: 'r1', limit: 20, ...input }).items.map((i) => i.householdId)
    expect(todo({ done: false })).toEqual(['h1', 'h3', 'h4', 'h6', 'h7'])
    expect(todo({ done: true })).toEqual(['h2', 'h5'])
    expect(todo({ groupId: 'g2' })).toEqual(['h5', 'h6', 'h7'])
    expect(todo({ groupId: 'g2', done: false })).toEqual(['h6', 'h7'])
    expect(todo({ keyword: '户主3' })).toEqual(['h3'])
    expect(todo({ keyword: '东街6' })).toEqual(['h6'])
    expect(todo({ keyword: '西街' })).toEqual([])
    // The counts are the grid's, whatever the filter (as the server answers).
    expect(walkPage(snapshot, { roundId: 'r1', limit: 1, done: true }).total).toBe(7)
  })

  it('loads every page of the round once and keeps it with its rubric, across a restart', async () => {
    const calls: (string | undefined)[] = []
    const saved = await fetchWalk(
      'r1',
      async (input) => {
        calls.push(input.cursor)
        const from = Number(input.cursor ?? 0)
        const page = walkPage(snapshot, { ...input, limit: 3, cursor: String(from) })
        return page
      },
      async () => round,
    )
    expect(calls).toEqual([undefined, '3', '6'])
    expect(saved.items).toHaveLength(7)
    expect(saved.doneCount).toBe(2)

    const storage = memoryStorage()
    createWalkCache(storage).save(saved, new Date('2026-12-04T08:00:00Z'))
    const reopened = createWalkCache(storage).read('r1')
    expect(reopened?.savedAt).toBe('2026-12-04T08:00:00.000Z')
    expect(reopened?.data.items.map((i) => i.householdId)).toEqual(items.map((i) => i.householdId))
    expect(createWalkCache(storage).read('r2')).toBeNull()
  })

  it('says how old the saved list is', () => {
    const at = '2026-12-04T08:00:00.000Z'
    const after = (ms: number) => Date.parse(at) + ms
    expect(savedAge(at, after(59_999))).toBe('刚刚')
    expect(savedAge(at, after(60_000))).toBe('1 分钟前')
    expect(savedAge(at, after(59 * 60_000 + 59_999))).toBe('59 分钟前')
    expect(savedAge(at, after(3 * 3_600_000))).toBe('3 小时前')
    expect(savedAge(at, after(24 * 3_600_000 - 1))).toBe('23 小时前')
    expect(savedAge(at, after(2 * 86_400_000))).toBe('2 天前')
    expect(offlineListText(at, after(3 * 3_600_000 + 5 * 60_000))).toBe(
      '无网络，显示 3 小时前保存的名单',
    )
    expect(offlineListText(at, after(10_000))).toBe('无网络，显示刚刚保存的名单')
  })
})
