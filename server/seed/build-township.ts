// Builds the demo township as a Snapshot: a pure, deterministic function of `now`, so the
// same demo accounts, households and ids come out on every machine.
import { inShanghai, shanghaiMonth } from '../../contract/time'
import { scoreItems } from '../board/inspection.rules'
import type {
  BindingRecord,
  HouseholdRecord,
  InspectionRecord,
  RoundRecord,
  Snapshot,
  UserRecord,
} from '../store/store'
import { paragraphsToHtml } from '../bulletin/paragraphs'
import { frozenEntries } from './board-snapshot'
import { addCampaignDemo } from './campaign-snapshot'
import { DEMO_ACCOUNTS } from './demo-accounts'
import {
  DEMO_COLUMNS,
  DEMO_NOTICES,
  DEMO_RUBRIC,
  DEMO_VILLAGES,
  GIVEN_NAMES,
  INSPECTION_NOTES,
  SURNAMES,
} from './demo-content'
import { mulberry32 } from '../shared/random'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** mulberry32: a tiny seeded PRNG, so the demo data is the same on every run. */
function rng(seed: number) {
  const next = mulberry32(seed)
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T
  return { next, int, pick }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** Midnight in Asia/Shanghai, `days` from the day of `now`, plus `hours`. */
const shanghaiAt = (now: number, days: number, hours: number) =>
  inShanghai(now).startOf('day').add(days, 'day').valueOf() + hours * HOUR

export function buildDemoTownship(now: number): Snapshot {
  const r = rng(20261126)
  const s: Snapshot = {
    users: [],
    villages: [],
    groups: [],
    grids: [],
    gridWorkers: [],
    households: [],
    bindings: [],
    columns: [],
    notices: [],
    rubrics: [],
    criteria: [],
    rounds: [],
    inspections: [],
    campaigns: [],
    nominations: [],
    votes: [],
  }
  const createdAt = now - 120 * DAY
  const addUser = (openid: string, nickname: string, staffRole: UserRecord['staffRole']) => {
    const user: UserRecord = { id: `usr-${openid}`, openid, nickname, staffRole, createdAt }
    s.users.push(user)
    return user
  }
  const bind = (
    user: UserRecord,
    household: HouseholdRecord,
    relation: BindingRecord['relation'],
  ) =>
    s.bindings.push({
      id: `bnd-${user.openid}`,
      userId: user.id,
      householdId: household.id,
      relation,
      status: 'approved',
      createdAt,
      decidedBy: null,
      decidedAt: createdAt,
      reason: null,
    })
  const personName = () => `${r.pick(SURNAMES)}${r.pick(GIVEN_NAMES)}`

  // Places: villages, their groups, two grids each, and 50–64 households per village.
  const householdsByVillage: HouseholdRecord[][] = []
  DEMO_VILLAGES.forEach((v, vi) => {
    const villageId = `vil-${pad(vi + 1)}`
    s.villages.push({ id: villageId, name: v.name, code: v.code, sort: vi, archivedAt: null })
    const groupIds = v.groups.map((name, gi) => {
      const id = `${villageId}-g${gi + 1}`
      s.groups.push({ id, villageId, name, sort: gi })
      return id
    })
    const gridIds = ['东片', '西片'].map((side, i) => {
      const id = `${villageId}-grid${i + 1}`
      s.grids.push({ id, villageId, name: `${v.name}${side}网格` })
      return id
    })
    const households: HouseholdRecord[] = []
    const count = r.int(50, 64)
    for (let i = 0; i < count; i++) {
      const street = v.streets[i % v.streets.length] ?? '村'
      const groupIndex = Math.floor((i * groupIds.length) / count)
      households.push({
        id: `hh-${pad(vi + 1)}-${pad(i + 1, 3)}`,
        villageId,
        groupId: groupIds[groupIndex] ?? (groupIds[0] as string),
        gridId: gridIds[groupIndex < groupIds.length / 2 ? 0 : 1] as string,
        headName: personName(),
        houseNo: `${street}${Math.floor(i / v.streets.length) + 1}号`,
        size: r.int(1, 6),
        phone:
          r.next() < 0.7
            ? `1${r.pick(['35', '38', '39', '52', '58', '87'])}${r.int(10_000_000, 99_999_999)}`
            : null,
        showNameOnRed: r.next() < 0.4,
        createdAt,
      })
    }
    s.households.push(...households)
    householdsByVillage.push(households)
  })
  const village = (vi: number) => s.villages[vi] as Snapshot['villages'][number]
  const households = (vi: number) => householdsByVillage[vi] as HouseholdRecord[]

  // People: the demo accounts, a grid worker for every other village, bound residents.
  const gridWorkerOf: UserRecord[] = []
  let admin: UserRecord | undefined
  DEMO_ACCOUNTS.forEach((account, ai) => {
    const staffRole =
      account.role === 'admin' || account.role === 'gridWorker' ? account.role : null
    const user = addUser(account.openid, account.nickname, staffRole)
    if (account.role === 'admin') admin = user
    if (account.role === 'gridWorker' && account.village !== undefined) {
      gridWorkerOf[account.village] = user
    }
    if (account.role === 'resident' && account.village !== undefined) {
      const headsBinding = s.bindings.find((b) => b.id === `bnd-${account.memberOf}`)
      const household =
        s.households.find((h) => h.id === headsBinding?.householdId) ??
        (households(account.village)[ai * 3] as HouseholdRecord)
      // A head's household carries their own name, so that 我是户主本人 is true of it.
      if (account.relation === 'head' && account.headName) household.headName = account.headName
      bind(user, household, account.relation ?? 'member')
    }
  })
  if (!admin) throw new Error('the demo accounts need an admin')
  const voters: { user: UserRecord; household: HouseholdRecord }[] = []
  DEMO_VILLAGES.forEach((v, vi) => {
    const worker =
      gridWorkerOf[vi] ?? addUser(`seed-grid-${vi + 1}`, `网格员 ${personName()}`, 'gridWorker')
    gridWorkerOf[vi] = worker
    s.grids
      .filter((g) => g.villageId === village(vi).id)
      .forEach((g) => s.gridWorkers.push({ gridId: g.id, userId: worker.id }))
    for (let k = 0; k < 8; k++) {
      const household = households(vi)[10 + k * 5] as HouseholdRecord
      const user = addUser(`seed-resident-${vi + 1}-${k + 1}`, `${v.name}村民`, null)
      bind(user, household, k % 3 ? 'member' : 'head')
      voters.push({ user, household })
    }
  })

  // Bulletin: the standard columns and the demo notices.
  DEMO_COLUMNS.forEach((c, i) =>
    s.columns.push({ id: `col-${c.key}`, name: c.name, sort: i, hidden: false }),
  )
  DEMO_NOTICES.forEach((n, i) => {
    const publishAt = now - n.daysAgo * DAY - r.int(1, 8) * HOUR - r.int(0, 59) * 60_000
    const author = n.village === undefined ? admin : gridWorkerOf[n.village]
    s.notices.push({
      id: `ntc-demo-${pad(i + 1, 3)}`,
      columnId: `col-${n.column}`,
      title: n.title,
      summary: n.summary,
      body: paragraphsToHtml(n.paragraphs),
      villageIds: n.village === undefined ? [] : [village(n.village).id],
      pinned: n.pinned ?? false,
      status: 'published',
      authorId: (author as UserRecord).id,
      publishAt,
      expireAt: null,
      createdAt: publishAt,
      updatedAt: publishAt,
      viewCount: r.int(12, 480),
    })
  })

  // Board: rubric v1; the two previous months published, this month still being inspected.
  s.rubrics.push({ id: 'rub-1', version: 1, name: '人居环境入户检查标准（2026版）', createdAt })
  const criteria = DEMO_RUBRIC.map(({ key, ...c }, i) => ({
    id: `crit-1-${key}`,
    rubricId: 'rub-1',
    sort: i,
    ...c,
  }))
  s.criteria.push(...criteria)
  const notesOf = (c: { id: string }) => INSPECTION_NOTES[c.id.replace('crit-1-', '')] ?? []
  const thisMonth = inShanghai(now).startOf('month')
  // 柳家村 (demo-grid-1's village): demo-resident-1's household and two neighbours had a
  // bad day last month, so the published black list there is never empty.
  const lastMonthBlack = [9, 15, 21].map((i) => (households(0)[i] as HouseholdRecord).id)
  for (let back = 2; back >= 0; back--) {
    const start = thisMonth.subtract(back, 'month')
    const published = back > 0
    // Last month's lists went up two days ago, so the demo is inside its 公示 window.
    const publishedAt = !published
      ? null
      : back === 1
        ? Math.max(thisMonth.valueOf(), now - 2 * DAY)
        : start.add(1, 'month').add(3, 'day').add(10, 'hour').valueOf()
    const round: RoundRecord = {
      id: `rnd-${start.format('YYYY-MM')}`,
      month: shanghaiMonth(start.valueOf()),
      title: `${start.format('YYYY年M月')}人居环境红黑榜`,
      rubricId: 'rub-1',
      status: published ? 'published' : 'open',
      windowStart: start.valueOf(),
      windowEnd: start.endOf('month').valueOf(),
      scope: 'village',
      redThreshold: 90,
      redTopN: null,
      blackThreshold: 60,
      blackBottomN: null,
      publicityDays: 7,
      rectificationDays: 15,
      publishedAt,
      publicityEndsAt: publishedAt === null ? null : publishedAt + 7 * DAY,
      createdAt: start.valueOf(),
    }
    s.rounds.push(round)
    const inspectedShare = published ? 1 : 0.6
    s.households.forEach((h, hi) => {
      if (r.next() > inspectedShare) return
      const inspector = gridWorkerOf[Number(h.villageId.slice(4)) - 1] as UserRecord
      // Most households keep tidy; about one in fifteen has several problems at once.
      const messy = r.next() < 0.07
      // Forced households draw the same random numbers as the others, so the rest of the
      // demo stays as it was.
      const forced = back === 1 && lastMonthBlack.includes(h.id)
      // Every demo criterion counts problems: what is stored is the problems found, with a
      // remark of that criterion whenever there is one.
      const items = criteria.map((c) => {
        const found = messy ? r.int(1, 3) : r.next() < 0.18 ? 1 : 0
        const notes = notesOf(c)
        const note = found ? r.pick(notes) : ''
        const shown = forced ? Math.max(found, 2) : found
        return {
          criterionId: c.id,
          points: null,
          deductions: shown,
          note: note || (shown ? (notes[0] ?? '') : ''),
        }
      })
      const inspection: InspectionRecord = {
        id: `ins-${round.month}-${h.id}`,
        roundId: round.id,
        householdId: h.id,
        inspectorId: inspector.id,
        version: 1,
        total: scoreItems(criteria, items).total,
        createdAt: Math.min(now, round.windowStart + (hi % 20) * DAY + 9 * HOUR),
        items,
      }
      s.inspections.push(inspection)
    })
  }

  addBoardDemo(s, now, lastMonthBlack, gridWorkerOf[0] as UserRecord)

  addCampaignDemo(s, {
    now,
    at: (days, hours) => shanghaiAt(now, days, hours),
    village: village(0).id,
    villageHouseholds: households(0),
    voters,
    reviewer: gridWorkerOf[0] as UserRecord,
    random: r.next,
  })
  return s
}

/**
 * The published rounds' frozen lists, and on last month's 柳家村 black list: one household
 * re-inspected and marked 已整改, and demo-resident-1's appeal waiting for demo-grid-1.
 */
function addBoardDemo(s: Snapshot, now: number, black: string[], worker: UserRecord) {
  const published = s.rounds
    .filter((r) => r.status === 'published')
    .sort((a, b) => a.windowStart - b.windowStart)
  const last = published[published.length - 1]
  if (!last || last.publishedAt === null) return
  const publishedAt = last.publishedAt
  const [appealed, , rectified] = black
  const latestOf = (householdId: string | undefined) =>
    s.inspections.find((i) => i.roundId === last.id && i.householdId === householdId)
  const before = latestOf(rectified)
  let rectifiedAt: number | null = null
  if (before) {
    rectifiedAt = publishedAt + Math.floor((now - publishedAt) / 2)
    const criteria = s.criteria.filter((c) => c.rubricId === last.rubricId)
    const items = criteria.map((c, i) => ({
      criterionId: c.id,
      points: null,
      deductions: i === 0 ? 1 : 0,
      note: i === 0 ? '院内已清理，还有一处农具未归置' : '',
    }))
    s.inspections.push({
      ...before,
      id: `${before.id}-v2`,
      version: 2,
      total: scoreItems(criteria, items).total,
      createdAt: rectifiedAt,
      inspectorId: worker.id,
      items,
    })
  }

  // Frozen as published: the rectification came after, so it only marks the line.
  s.boardEntries = published.flatMap((round) =>
    frozenEntries(
      { ...s, inspections: s.inspections.filter((i) => i.createdAt <= (round.publishedAt ?? 0)) },
      round.id,
    ),
  )
  for (const e of s.boardEntries) {
    if (e.roundId === last.id && e.list === 'black' && e.householdId === rectified) {
      e.rectifiedAt = rectifiedAt
    }
  }

  const appellant = s.bindings.find((b) => b.householdId === appealed)
  const score = latestOf(appealed)
  if (appellant && score) {
    s.appeals = [
      {
        id: 'apl-demo-1',
        roundId: last.id,
        householdId: score.householdId,
        userId: appellant.userId,
        text: '检查那天家里正在翻修猪圈，东西临时堆在院里，第二天就清走了，请网格员再来看看。',
        photos: [],
        status: 'pending',
        scoreBefore: score.total,
        scoreAfter: null,
        inspectionId: null,
        reason: null,
        decidedBy: null,
        decidedAt: null,
        createdAt: Math.min(now - HOUR, publishedAt + DAY),
      },
    ]
  }
}
