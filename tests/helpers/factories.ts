// Test data: a small two-village township built as a Snapshot, so each test file loads
// exactly the rows it reasons about into its own fresh database.
import { defaultRules } from '../../server/campaigns/campaigns.rules'
import type {
  InspectionRecord,
  NominationRecord,
  NoticeRecord,
  Snapshot,
  UserRecord,
} from '../../server/store/store'
import { frozenEntries } from '../../server/seed/board-snapshot'

export const HOUR = 3_600_000
export const DAY = 24 * HOUR
/** 2026-11-26 10:00 in Asia/Shanghai. */
export const NOW = Date.parse('2026-11-26T02:00:00Z')

/** Openids of the test town's people. */
export const who = {
  admin: 't-admin',
  gridA: 't-grid-a',
  gridB: 't-grid-b',
  residentA: 't-res-a',
  residentB: 't-res-b',
  visitor: 't-visitor',
} as const

const user = (openid: string, staffRole: UserRecord['staffRole'] = null): UserRecord => ({
  id: `u-${openid}`,
  openid,
  nickname: `昵称-${openid}`,
  staffRole,
  createdAt: NOW - 30 * DAY,
})

export function notice(
  id: string,
  villageIds: string[],
  overrides: Partial<NoticeRecord> = {},
): NoticeRecord {
  return {
    id,
    columnId: 'col-news',
    title: `公告 ${id}`,
    summary: `摘要 ${id}`,
    body: `正文 ${id} 的内容，足够长。`,
    villageIds,
    pinned: false,
    status: 'published',
    authorId: `u-${who.admin}`,
    publishAt: NOW - HOUR,
    expireAt: null,
    createdAt: NOW - HOUR,
    updatedAt: NOW - HOUR,
    viewCount: 0,
    ...overrides,
  }
}

/**
 * The test rubric's entries for a total: 庭院 (crit-a, up to 60) is scored directly, 垃圾
 * (crit-b, 40) loses 5 per problem found: 垃圾 scores the least multiple of 5 that leaves
 * 庭院 at most 60.
 */
export function testItems(total: number, note = '有扣分'): InspectionRecord['items'] {
  const scoreB = Math.min(40, Math.ceil(Math.max(0, total - 60) / 5) * 5)
  const problems = (40 - scoreB) / 5
  return [
    { criterionId: 'crit-a', points: total - scoreB, deductions: 0, note: '' },
    { criterionId: 'crit-b', points: null, deductions: problems, note: problems > 0 ? note : '' },
  ]
}

function inspection(roundId: string, householdId: string, total: number): InspectionRecord {
  return {
    id: `ins-${roundId}-${householdId}`,
    roundId,
    householdId,
    inspectorId: `u-${who.admin}`,
    version: 1,
    total,
    createdAt: NOW - 10 * DAY,
    items: testItems(total),
  }
}

/** Villages A and B, their people, notices of every state, two rounds and two campaigns. */
export function buildTestTown(): Snapshot {
  const town = buildTown()
  return { ...town, boardEntries: frozenEntries(town, 'r-pub') }
}

function buildTown(): Snapshot {
  const household = (id: string, villageId: string, headName: string, houseNo: string) => ({
    id,
    villageId,
    groupId: `${villageId}-g1`,
    gridId: `${villageId}-grid`,
    headName,
    houseNo,
    size: 3,
    phone: '13800000000',
    showNameOnRed: id === 'hh-a1',
    createdAt: NOW - 60 * DAY,
  })
  const users = [
    user(who.admin, 'admin'),
    user(who.gridA, 'gridWorker'),
    user(who.gridB, 'gridWorker'),
    user(who.residentA),
    user(who.residentB),
    user(who.visitor),
  ]
  const binding = (openid: string, householdId: string) => ({
    id: `b-${openid}`,
    userId: `u-${openid}`,
    householdId,
    relation: 'head' as const,
    status: 'approved' as const,
    createdAt: NOW - 20 * DAY,
    decidedBy: null,
    decidedAt: NOW - 20 * DAY,
    reason: null,
  })
  return {
    users,
    villages: [
      { id: 'vil-a', name: '甲村', code: '990101001901', sort: 0, archivedAt: null },
      { id: 'vil-b', name: '乙村', code: '990101001902', sort: 1, archivedAt: null },
    ],
    groups: [
      { id: 'vil-a-g1', villageId: 'vil-a', name: '一组', sort: 0 },
      { id: 'vil-b-g1', villageId: 'vil-b', name: '一组', sort: 0 },
    ],
    grids: [
      { id: 'vil-a-grid', villageId: 'vil-a', name: '甲村网格' },
      { id: 'vil-b-grid', villageId: 'vil-b', name: '乙村网格' },
    ],
    gridWorkers: [
      { gridId: 'vil-a-grid', userId: `u-${who.gridA}` },
      { gridId: 'vil-b-grid', userId: `u-${who.gridB}` },
    ],
    households: [
      household('hh-a1', 'vil-a', '张小明', '东街1号'),
      household('hh-a2', 'vil-a', '李大强', '东街2号'),
      household('hh-a3', 'vil-a', '王芳', '东街3号'),
      household('hh-a4', 'vil-a', '欧阳春花', '东街10号'),
      household('hh-b1', 'vil-b', '赵四', '西街1号'),
      household('hh-b2', 'vil-b', '钱多多', '西街2号'),
    ],
    bindings: [binding(who.residentA, 'hh-a1'), binding(who.residentB, 'hh-b1')],
    columns: [
      { id: 'col-news', name: '通知公告', sort: 0, hidden: false },
      { id: 'col-affairs', name: '村务公开', sort: 1, hidden: false },
      { id: 'col-hidden', name: '旧栏目', sort: 2, hidden: true },
    ],
    notices: [
      notice('n-town', [], { publishAt: NOW - 5 * HOUR }),
      notice('n-a', ['vil-a'], { columnId: 'col-affairs', title: '甲村财务公开' }),
      notice('n-b', ['vil-b'], { columnId: 'col-affairs', title: '乙村财务公开' }),
      notice('n-ab', ['vil-a', 'vil-b'], { publishAt: NOW - 2 * HOUR }),
      notice('n-expired', [], { expireAt: NOW - 1 }),
      notice('n-future', [], { publishAt: NOW + HOUR }),
      notice('n-withdrawn', [], { status: 'withdrawn' }),
      notice('n-hidden-col', [], { columnId: 'col-hidden' }),
    ],
    rubrics: [{ id: 'rub-t', version: 1, name: '测试标准', createdAt: NOW - 90 * DAY }],
    criteria: [
      {
        id: 'crit-a',
        rubricId: 'rub-t',
        category: 'a',
        name: '庭院',
        maxPoints: 60,
        deductionPerItem: 0,
        hint: '',
        sort: 0,
      },
      {
        id: 'crit-b',
        rubricId: 'rub-t',
        category: 'b',
        name: '垃圾',
        maxPoints: 40,
        deductionPerItem: 5,
        hint: '',
        sort: 1,
      },
    ],
    rounds: [
      {
        id: 'r-pub',
        month: '2026-10',
        title: '2026年10月人居环境红黑榜',
        rubricId: 'rub-t',
        status: 'published',
        windowStart: Date.parse('2026-09-30T16:00:00Z'),
        windowEnd: Date.parse('2026-10-31T15:59:59Z'),
        scope: 'township',
        redThreshold: 90,
        redTopN: null,
        blackThreshold: 60,
        blackBottomN: null,
        publicityDays: 7,
        rectificationDays: 15,
        publishedAt: NOW - 20 * DAY,
        publicityEndsAt: NOW - 13 * DAY,
        createdAt: NOW - 50 * DAY,
      },
      {
        id: 'r-open',
        month: '2026-11',
        title: '2026年11月人居环境红黑榜',
        rubricId: 'rub-t',
        status: 'open',
        windowStart: Date.parse('2026-10-31T16:00:00Z'),
        windowEnd: Date.parse('2026-11-30T15:59:59Z'),
        scope: 'township',
        redThreshold: 90,
        redTopN: null,
        blackThreshold: 60,
        blackBottomN: null,
        publicityDays: 7,
        rectificationDays: 15,
        publishedAt: null,
        publicityEndsAt: null,
        createdAt: NOW - 25 * DAY,
      },
    ],
    inspections: [
      inspection('r-pub', 'hh-a1', 95),
      inspection('r-pub', 'hh-a2', 92),
      inspection('r-pub', 'hh-a3', 50),
      inspection('r-pub', 'hh-a4', 40),
      inspection('r-pub', 'hh-b1', 98),
      inspection('r-pub', 'hh-b2', 55),
      inspection('r-open', 'hh-a1', 70),
    ],
    campaigns: [
      {
        id: 'c-town',
        type: 'civilizedFamily',
        title: '全镇文明家庭评选',
        description: '全镇范围',
        villageId: null,
        nominationStartsAt: NOW - 20 * DAY,
        reviewStartsAt: NOW - 10 * DAY,
        votingStartsAt: NOW - 2 * DAY,
        votingEndsAt: NOW + 5 * DAY,
        publicityEndsAt: NOW + 12 * DAY,
        rules: { ...defaultRules },
        customTypeName: null,
        createdAt: NOW - 21 * DAY,
      },
      {
        id: 'c-a',
        type: 'goodNeighbor',
        title: '甲村好邻居评选',
        description: '甲村范围',
        villageId: 'vil-a',
        nominationStartsAt: NOW - DAY,
        reviewStartsAt: NOW + 5 * DAY,
        votingStartsAt: NOW + 8 * DAY,
        votingEndsAt: NOW + 15 * DAY,
        publicityEndsAt: NOW + 22 * DAY,
        rules: { ...defaultRules },
        customTypeName: null,
        createdAt: NOW - 2 * DAY,
      },
    ],
    nominations: [
      nomination('nom-town-1', 'c-town', 'hh-a2', 'approved', 1),
      nomination('nom-town-2', 'c-town', 'hh-b2', 'approved', 2),
      nomination('nom-a-pending', 'c-a', 'hh-a3', 'pending', null),
    ],
    votes: [
      {
        id: 'vote-b-1',
        campaignId: 'c-town',
        nominationId: 'nom-town-1',
        voterId: `u-${who.residentB}`,
        voterHouseholdId: 'hh-b1',
        day: '2026-11-25',
        assistedBy: null,
        createdAt: NOW - DAY,
      },
    ],
  }
}

/** A nomination by resident A (of hh-a1) with a story. */
export function nomination(
  id: string,
  campaignId: string,
  householdId: string,
  status: NominationRecord['status'],
  number: number | null,
): NominationRecord {
  return {
    id,
    campaignId,
    householdId,
    nominatorId: `u-${who.residentA}`,
    nominatorHouseholdId: 'hh-a1',
    story: `${householdId} 家热心助人的事迹，邻里都知道。`,
    photos: [],
    status,
    number,
    createdAt: NOW - 15 * DAY,
  }
}

/**
 * The test town with `voters` more residents of 甲村, each bound to their own household, who
 * may each cast `votesEach` votes today in the township campaign c-town (concurrency tests and
 * the vote bench). Their openids are `${prefix}-0`, `${prefix}-1`, ….
 */
export function townWithVoters(voters: number, votesEach: number, prefix: string): Snapshot {
  const s = buildTestTown()
  const town = s.campaigns.find((c) => c.id === 'c-town')
  if (town)
    town.rules = { ...town.rules, votesPerDay: votesEach, votesPerCandidatePerDay: votesEach }
  for (let i = 0; i < voters; i++) {
    const id = `${prefix}-${i}`
    s.users.push({
      id: `u-${id}`,
      openid: id,
      nickname: `村民${i}`,
      staffRole: null,
      createdAt: NOW - 30 * DAY,
    })
    s.households.push({
      id: `hh-${id}`,
      villageId: 'vil-a',
      groupId: 'vil-a-g1',
      gridId: 'vil-a-grid',
      headName: `户主${i}`,
      houseNo: `北街${i}号`,
      size: 2,
      phone: null,
      showNameOnRed: false,
      createdAt: NOW - 60 * DAY,
    })
    s.bindings.push({
      id: `b-${id}`,
      userId: `u-${id}`,
      householdId: `hh-${id}`,
      relation: 'head',
      status: 'approved',
      createdAt: NOW - 20 * DAY,
      decidedBy: null,
      decidedAt: NOW - 20 * DAY,
      reason: null,
    })
  }
  return s
}
