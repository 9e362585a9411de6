// A county-sized town for cost tests and benchmarks: `households` households in villages of
// PER_VILLAGE (60,000 → 400 villages), three groups and one grid (with its grid worker) per
// village, and three rounds: September and October published (October's lists frozen, with
// 进步榜 against September), November open with every household inspected. Scores are fixed by
// the household's number, so two builds of one size are the same town.
//
// loadCountyCloud writes it into an emulated cloud environment: the few records a test signs in
// with through Store.importSnapshot (the SDK), the bulk (households, inspections, their current
// documents, October's lines) straight into the emulator's database, as the adapter stores them,
// and not counted as requests. The resident's household has one decided appeal of October.
import { frozenEntries } from '../../server/seed/board-snapshot'
import { scoreItems } from '../../server/board/inspection.rules'
import {
  currentDoc,
  currentKey,
  entryKey,
  householdColumns,
  inspectionDoc,
  SEED_GENERATION,
} from '../../server/store/cloud/board-docs'
import {
  householdDoc,
  householdView,
  inBatches,
  toDoc,
  type Places,
} from '../../server/store/cloud/docs'
import type {
  HouseholdRecord,
  InspectionRecord,
  RoundRecord,
  Snapshot,
  Store,
  UserRecord,
} from '../../server/store/store'
import { encode, type Doc } from '../emulator/ejson'
import { sharedEmulator, type EmulatedEnvironment } from '../emulator/harness'
import { DAY, NOW, testItems } from './factories'

export const PER_VILLAGE = 150

/** Openids of the county's people. */
export const countyWho = {
  admin: 'c-admin',
  /** The grid worker of village 0's grid. */
  grid: 'c-grid-0',
  /** Head of the first household of village 0. */
  resident: 'c-res-0',
} as const

export const countyRounds = { previous: 'rc-prev', published: 'rc-pub', open: 'rc-open' } as const

const user = (openid: string, staffRole: UserRecord['staffRole'] = null): UserRecord => ({
  id: `u-${openid}`,
  openid,
  nickname: `昵称-${openid}`,
  staffRole,
  createdAt: NOW - 30 * DAY,
})

/** A score of 40..100 fixed by the household's number and the round. */
function scoreOf(n: number, round: number): number {
  const x = Math.imul(n + 1, 2654435761) ^ Math.imul(round + 7, 40503)
  return 40 + (Math.abs(x) % 61)
}

function round(id: string, month: string, status: RoundRecord['status'], k: number): RoundRecord {
  const start = Date.parse(`${month}-01T00:00:00+08:00`)
  return {
    id,
    month,
    title: `${month} 人居环境检查`,
    rubricId: 'rub-c',
    status,
    windowStart: start,
    windowEnd: start + 28 * DAY,
    scope: 'village',
    redThreshold: 90,
    redTopN: null,
    blackThreshold: 60,
    blackBottomN: null,
    publicityDays: 7,
    rectificationDays: 15,
    publishedAt: status === 'published' ? NOW - (40 - k * 15) * DAY : null,
    publicityEndsAt: status === 'published' ? NOW - (33 - k * 15) * DAY : null,
    createdAt: start,
  }
}

export function buildCountyTown(households: number): Snapshot {
  const villageCount = Math.max(1, Math.ceil(households / PER_VILLAGE))
  const villages = Array.from({ length: villageCount }, (_, v) => ({
    id: `cv-${v}`,
    name: `第${v + 1}村`,
    code: null,
    sort: v,
    archivedAt: null,
  }))
  const groups = villages.flatMap((v, i) =>
    ['一组', '二组', '三组'].map((name, g) => ({
      id: `cv-${i}-g${g}`,
      villageId: v.id,
      name,
      sort: g,
    })),
  )
  const grids = villages.map((v, i) => ({
    id: `cv-${i}-grid`,
    villageId: v.id,
    name: `${v.name}网格`,
  }))
  const homes: HouseholdRecord[] = Array.from({ length: households }, (_, n) => {
    const v = Math.floor(n / PER_VILLAGE)
    const k = n % PER_VILLAGE
    return {
      id: `ch-${v}-${k}`,
      villageId: `cv-${v}`,
      groupId: `cv-${v}-g${k % 3}`,
      gridId: `cv-${v}-grid`,
      headName: `户主${v}-${k}`,
      houseNo: `东街${k + 1}号`,
      size: 3,
      phone: '13800000000',
      showNameOnRed: k % 4 === 0,
      createdAt: NOW - 60 * DAY,
    }
  })
  const gridUsers = villages.map((_, v) => user(`c-grid-${v}`, 'gridWorker'))
  const rounds = [
    round(countyRounds.previous, '2026-09', 'published', 0),
    round(countyRounds.published, '2026-10', 'published', 1),
    round(countyRounds.open, '2026-11', 'open', 2),
  ]
  const inspections: InspectionRecord[] = rounds.flatMap((r, ri) =>
    homes.map((h, n) => {
      const total = scoreOf(n, ri)
      const items = testItems(total)
      return {
        id: `ins-${r.id}-${h.id}`,
        roundId: r.id,
        householdId: h.id,
        inspectorId: `u-c-grid-${Math.floor(n / PER_VILLAGE)}`,
        version: 1,
        total,
        createdAt: r.windowStart + DAY,
        items,
      }
    }),
  )
  const criteria = [
    {
      id: 'crit-a',
      rubricId: 'rub-c',
      category: 'a',
      name: '庭院',
      maxPoints: 60,
      deductionPerItem: 0,
      hint: '',
      sort: 0,
    },
    {
      id: 'crit-b',
      rubricId: 'rub-c',
      category: 'b',
      name: '垃圾',
      maxPoints: 40,
      deductionPerItem: 5,
      hint: '',
      sort: 1,
    },
  ]
  for (const i of inspections) i.deductedItems = scoreItems(criteria, i.items).deductedItems
  const town: Snapshot = {
    users: [user(countyWho.admin, 'admin'), ...gridUsers, user(countyWho.resident)],
    villages,
    groups,
    grids,
    gridWorkers: grids.map((g, v) => ({ gridId: g.id, userId: `u-c-grid-${v}` })),
    households: homes,
    bindings: [
      {
        id: 'b-c-res-0',
        userId: `u-${countyWho.resident}`,
        householdId: 'ch-0-0',
        relation: 'head',
        status: 'approved',
        createdAt: NOW - 20 * DAY,
        decidedBy: null,
        decidedAt: NOW - 20 * DAY,
        reason: null,
      },
    ],
    columns: [],
    notices: [],
    rubrics: [{ id: 'rub-c', version: 1, name: '县域标准', createdAt: NOW - 90 * DAY }],
    criteria,
    rounds,
    inspections,
    campaigns: [],
    nominations: [],
    votes: [],
  }
  // The resident's household appealed October's score and was refused: its inspection page
  // shows the appeal.
  const appeals = [
    {
      id: 'ap-c-0',
      roundId: countyRounds.published,
      householdId: 'ch-0-0',
      userId: `u-${countyWho.resident}`,
      text: '请复查',
      photos: [],
      status: 'rejected' as const,
      scoreBefore: scoreOf(0, 1),
      scoreAfter: null,
      inspectionId: null,
      reason: '证据不足',
      decidedBy: `u-${countyWho.admin}`,
      decidedAt: NOW - 30 * DAY,
      createdAt: NOW - 32 * DAY,
    },
  ]
  return { ...town, appeals, boardEntries: frozenEntries(town, countyRounds.published) }
}

/** Writes documents straight into the emulated database (no SDK request, nothing counted). */
export async function insertDirect(
  cloud: EmulatedEnvironment,
  collection: string,
  docs: readonly Doc[],
): Promise<void> {
  const database = (await sharedEmulator()).emulator.database(cloud.env)
  for (let i = 0; i < docs.length; i += 1000)
    database.handle('database.insertDocument', {
      collectionName: collection,
      data: docs.slice(i, i + 1000).map((d) => encode(d)),
    })
}

/** Loads the county into a fresh cloud store (see the top of the file). */
export async function loadCountyCloud(
  store: Store,
  cloud: EmulatedEnvironment,
  town: Snapshot,
): Promise<void> {
  const bound = new Set(town.bindings.map((b) => b.householdId))
  await store.importSnapshot({
    ...town,
    households: town.households.filter((h) => bound.has(h.id)),
    inspections: [],
    boardEntries: [],
  })
  for (const r of town.rounds.filter((r) => r.status === 'published'))
    await cloud.db
      .collection('rounds')
      .doc(r.id)
      .update({ data: { generation: SEED_GENERATION } })
  const places: Places = {
    villages: new Map(town.villages.map((v) => [v.id, v])),
    groups: new Map(town.groups.map((g) => [g.id, g])),
    grids: new Map(town.grids.map((g) => [g.id, g])),
  }
  const homes = new Map(town.households.map((h) => [h.id, h]))
  await insertDirect(
    cloud,
    'households',
    town.households.filter((h) => !bound.has(h.id)).map((h) => toDoc(householdDoc(h))),
  )
  // The places' household counts, as importing every household would have kept them.
  const counts = new Map<string, number>()
  for (const h of town.households)
    for (const key of [`villages/${h.villageId}`, `groups/${h.groupId}`, `grids/${h.gridId}`])
      counts.set(key, (counts.get(key) ?? 0) + 1)
  await inBatches([...counts], 50, ([key, n]) => {
    const [collection = '', id = ''] = key.split('/')
    return cloud.db
      .collection(collection)
      .doc(id)
      .update({ data: { householdCount: n } })
  })
  const nickname = new Map(town.users.map((u) => [u.id, u.nickname]))
  const versions: Doc[] = town.inspections.map((i) => ({
    ...inspectionDoc(i, 'first', i.deductedItems ?? 0),
    inspectorName: nickname.get(i.inspectorId) ?? null,
  }))
  await insertDirect(cloud, 'inspections', versions)
  await insertDirect(
    cloud,
    'inspection_current',
    versions.map((v) => ({
      ...currentDoc(v, homes.get(String(v.householdId)) ?? null),
      _id: currentKey(String(v.roundId), String(v.householdId)),
    })),
  )
  await insertDirect(
    cloud,
    'board_entries',
    (town.boardEntries ?? []).map((e) => {
      const h = homes.get(e.householdId) as HouseholdRecord
      return {
        ...toDoc(e),
        ...householdColumns(householdView(toDoc(householdDoc(h)), places), places),
        _id: entryKey(e.roundId, SEED_GENERATION, e.list, e.householdId),
        generation: SEED_GENERATION,
      }
    }),
  )
  // The direct writes above can keep the event loop busy for longer than the emulator's
  // keep-alive timeout (5 s): the SDK's pooled socket is then closed under it and its next
  // request fails with ECONNRESET. One throwaway request takes that failure.
  await cloud.db
    .collection('rounds')
    .limit(1)
    .get()
    .catch(() => undefined)
}
