// The walk list on the phone (DESIGN.md, "Weak network"): while online, the current round's
// households of the grid worker's grids are kept in local storage with the round's rubric, so
// that out in a village without signal the list still opens (filtered and paged here, as the
// server would) and any household on it can be scored into the outbox. Plain functions over a
// key-value storage, so that they run (and are tested) without Taro.
import type { Inspectable } from '@contract/board'
import type { ActionInput, ActionOutput } from '@contract/index'
import { createOfflineCache, type KeyValueStorage, type Saved } from '@/lib/offline-cache'

type Page = ActionOutput<'board.inspectables'>
export type RoundWithRubric = ActionOutput<'board.round'>
export type RoundList = ActionOutput<'board.rounds'>

/** Everything the walk list and the form need for one round, as saved. */
export interface WalkSnapshot {
  round: RoundWithRubric
  items: Inspectable[]
  groups: Page['groups']
  total: number
  doneCount: number
}

/** How many households one snapshot holds at most (50 a page): a township's worth. */
export const MAX_PAGES = 60

export interface WalkCache {
  save(snapshot: WalkSnapshot, now?: Date): void
  read(roundId: string): Saved<WalkSnapshot> | null
  saveRounds(rounds: RoundList, now?: Date): void
  readRounds(): Saved<RoundList> | null
}

export function createWalkCache(storage: KeyValueStorage): WalkCache {
  // Open rounds and the ones in 公示: rarely more than two at a time.
  const walks = createOfflineCache<WalkSnapshot>(storage, { name: 'hemei.offline.walk', limit: 3 })
  const rounds = createOfflineCache<RoundList>(storage, { name: 'hemei.offline.rounds', limit: 1 })
  return {
    save: (snapshot, now) => walks.save(snapshot.round.id, snapshot, now),
    read: (roundId) => walks.read(roundId),
    saveRounds: (list, now) => rounds.save('staff', list, now),
    readRounds: () => rounds.read('staff'),
  }
}

/** Loads a round's whole walk list (every page, no filter) and its rubric, for saving. */
export async function fetchWalk(
  roundId: string,
  listPage: (input: ActionInput<'board.inspectables'>) => Promise<Page>,
  getRound: (id: string) => Promise<RoundWithRubric>,
): Promise<WalkSnapshot> {
  const round = await getRound(roundId)
  const items: Inspectable[] = []
  let cursor: string | undefined
  let first: Page | null = null
  for (let n = 0; n < MAX_PAGES; n++) {
    const page = await listPage({ roundId, cursor, limit: 50 })
    first ??= page
    items.push(...page.items)
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  return {
    round,
    items,
    groups: first?.groups ?? [],
    total: first?.total ?? items.length,
    doneCount: first?.doneCount ?? items.filter((i) => i.done).length,
  }
}

/**
 * One page of the saved list as `board.inspectables` would answer it: the same filters
 * (户主 or 门牌号 containing the keyword, group, done) in the saved order; the cursor is
 * the offset into the filtered list.
 */
export function walkPage(snapshot: WalkSnapshot, input: ActionInput<'board.inspectables'>): Page {
  const keyword = input.keyword?.trim() ?? ''
  const matching = snapshot.items.filter(
    (i) =>
      (!keyword || i.headName.includes(keyword) || i.houseNo.includes(keyword)) &&
      (!input.groupId || i.groupId === input.groupId) &&
      (input.done === undefined || i.done === input.done),
  )
  const from = Math.max(0, Number(input.cursor ?? 0) || 0)
  const limit = input.limit ?? 20
  const to = from + limit
  return {
    items: matching.slice(from, to),
    nextCursor: to < matching.length ? String(to) : null,
    groups: snapshot.groups,
    total: snapshot.total,
    doneCount: snapshot.doneCount,
  }
}

/** "3 小时前": how old a saved copy is, for the offline banner. */
export function savedAge(savedAt: string, now: number): string {
  const minutes = Math.floor((now - Date.parse(savedAt)) / 60_000)
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes} 分钟前`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours} 小时前`
  return `${Math.floor(hours / 24)} 天前`
}

/** The offline banner: 无网络，显示 3 小时前保存的名单. */
export function offlineListText(savedAt: string, now: number): string {
  const age = savedAge(savedAt, now)
  return `无网络，显示${age === '刚刚' ? '' : ' '}${age}保存的名单`
}
