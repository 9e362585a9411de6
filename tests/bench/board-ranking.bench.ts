// A round's rankings for 10,000 households × 10 items: the pure rules alone, the store's
// scores plus the rules (what board.publish and an open round's board.ranking do), and
// board.ranking over HTTP; then the bytes of the ranking page's first render data (the
// JSON of the first board.ranking response). Target: rankings under 200 ms.
// Run: npm run bench -- board   (or npx tsx tests/bench/board-ranking.bench.ts)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { computeLists } from '../../server/board/board.rules'
import { scoreInspection, scoreItems } from '../../server/board/inspection.rules'
import { DATABASE_FILE } from '../../server/local/app'
import { createSqliteStore } from '../../server/store/sqlite/sqlite-store'
import type {
  CriterionRecord,
  HouseholdRecord,
  InspectionRecord,
  Snapshot,
} from '../../server/store/store'
import { buildTestTown, DAY, NOW, who } from '../helpers/factories'
import { startTestApi } from '../helpers/http-api'

const HOUSEHOLDS = 10_000
const VILLAGES = 10
const GROUPS = 5
const ITEMS = 10
const RUNS = 15

/** mulberry32, so every run ranks the same town. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function median(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

/** Median wall time, and median CPU time of this process (fairer on a shared machine). */
async function timed(runs: number, fn: () => unknown | Promise<unknown>) {
  await fn() // warm-up
  const times: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const startCpu = process.cpuUsage()
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
    const used = process.cpuUsage(startCpu)
    cpu.push((used.user + used.system) / 1000)
  }
  return { median: median(times), cpu: median(cpu) }
}

/** One call, for what can run only once (publishing). */
async function once(fn: () => Promise<unknown>) {
  const startCpu = process.cpuUsage()
  const start = performance.now()
  await fn()
  const used = process.cpuUsage(startCpu)
  return { median: performance.now() - start, cpu: (used.user + used.system) / 1000 }
}

const ms = (t: number) => `${t.toFixed(1)} ms`
const report = (label: string, t: { median: number; cpu: number }) =>
  console.log(`  ${label.padEnd(52)} ${ms(t.median).padStart(10)} ${ms(t.cpu).padStart(10)}`)

function bigTown(): Snapshot {
  const town = buildTestTown()
  const next = rng(5)
  const criteria: CriterionRecord[] = Array.from({ length: ITEMS }, (_, i) => ({
    id: `bc-${i}`,
    rubricId: 'rub-bench',
    category: `类${i}`,
    name: `检查项${i + 1}`,
    maxPoints: 10,
    deductionPerItem: 2,
    hint: '',
    sort: i,
  }))
  const villages = Array.from({ length: VILLAGES }, (_, v) => ({
    id: `bv-${v}`,
    name: `基准${v + 1}村`,
    code: null,
    sort: 10 + v,
    archivedAt: null,
  }))
  const groups = villages.flatMap((v) =>
    Array.from({ length: GROUPS }, (_, g) => ({
      id: `${v.id}-g${g}`,
      villageId: v.id,
      name: `${g + 1}组`,
      sort: g,
    })),
  )
  const grids = villages.map((v) => ({
    id: `${v.id}-grid`,
    villageId: v.id,
    name: `${v.name}网格`,
  }))
  const households: HouseholdRecord[] = Array.from({ length: HOUSEHOLDS }, (_, i) => {
    const v = i % VILLAGES
    return {
      id: `bh-${i}`,
      villageId: `bv-${v}`,
      groupId: `bv-${v}-g${i % GROUPS}`,
      gridId: `bv-${v}-grid`,
      headName: `户主${i}`,
      houseNo: `大街${Math.floor(i / VILLAGES) + 1}号`,
      size: 3,
      phone: null,
      showNameOnRed: i % 3 === 0,
      createdAt: NOW - 90 * DAY,
    }
  })
  const round = (id: string, month: string, status: 'open' | 'published', start: number) => ({
    id,
    month,
    title: `${month} 基准`,
    rubricId: 'rub-bench',
    status,
    windowStart: start,
    windowEnd: start + 30 * DAY - 1,
    scope: 'village' as const,
    redThreshold: 90,
    redTopN: null,
    blackThreshold: 60,
    blackBottomN: null,
    publicityDays: 7,
    rectificationDays: 15,
    publishedAt: status === 'published' ? start + 33 * DAY : null,
    publicityEndsAt: status === 'published' ? start + 40 * DAY : null,
    createdAt: start,
  })
  const inspections = (roundId: string): InspectionRecord[] =>
    households.map((h) => {
      const messy = next() < 0.08
      const items = criteria.map((c) => {
        const found = messy ? Math.floor(next() * 4) + 1 : next() < 0.2 ? 1 : 0
        return {
          criterionId: c.id,
          points: null,
          deductions: found,
          note: '',
        }
      })
      return {
        id: `bi-${roundId}-${h.id}`,
        roundId,
        householdId: h.id,
        inspectorId: `u-${who.admin}`,
        version: 1,
        total: scoreItems(criteria, items).total,
        createdAt: NOW - DAY,
        items,
      }
    })
  return {
    ...town,
    villages: [...town.villages, ...villages],
    groups: [...town.groups, ...groups],
    grids: [...town.grids, ...grids],
    households: [...town.households, ...households],
    rubrics: [
      ...town.rubrics,
      { id: 'rub-bench', version: 2, name: '基准', createdAt: NOW - 90 * DAY },
    ],
    criteria: [...town.criteria, ...criteria],
    rounds: [
      ...town.rounds,
      round('rb-prev', '2026-08', 'published', Date.parse('2026-07-31T16:00:00Z')),
      round('rb-open', '2026-09', 'open', Date.parse('2026-08-31T16:00:00Z')),
    ],
    inspections: [...town.inspections, ...inspections('rb-prev'), ...inspections('rb-open')],
  }
}

async function main() {
  const town = bigTown()
  const criteria = town.criteria.filter((c) => c.rubricId === 'rub-bench')
  const rounds = Object.fromEntries(town.rounds.map((r) => [r.id, r]))
  const openRound = rounds['rb-open'] as Snapshot['rounds'][number]

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-board-bench-'))
  const loadStart = performance.now()
  const store = createSqliteStore(path.join(dataDir, DATABASE_FILE))
  await store.importSnapshot(town)
  console.log(
    `${HOUSEHOLDS} households × ${ITEMS} items, ${VILLAGES} villages × ${GROUPS} groups; loaded two rounds in ${ms(performance.now() - loadStart)}`,
  )

  const rows = await store.board.scores('rb-open')
  const previous = new Map(
    (await store.board.scores('rb-prev')).map((r) => [r.householdId, r.total]),
  )
  const inputs = town.inspections.filter((i) => i.roundId === 'rb-open').map((i) => i.items)

  console.log(`median of ${RUNS} runs${' '.repeat(36)}      wall   CPU time`)
  report(
    `score ${HOUSEHOLDS} inspections against the rubric`,
    await timed(RUNS, () => inputs.forEach((items) => scoreInspection(criteria, items))),
  )
  for (const scope of ['group', 'village', 'township'] as const) {
    report(
      `rankings (red, black, 进步榜), scope ${scope}`,
      await timed(RUNS, () => computeLists(rows, { ...openRound, scope }, previous)),
    )
  }
  report(
    'store: scores of 2 rounds + rankings (as publish)',
    await timed(RUNS, async () => {
      const latest = await store.board.scores('rb-open')
      const before = await store.board.scores('rb-prev')
      computeLists(latest, openRound, new Map(before.map((r) => [r.householdId, r.total])))
    }),
  )
  await store.close()

  const api = await startTestApi({ clock: () => NOW, dataDir })
  try {
    const admin = await api.login(who.admin)
    const resident = await api.login(who.residentA)
    report(
      'board.ranking over HTTP, open round (live)',
      await timed(RUNS, () =>
        api.data('board.ranking', { roundId: 'rb-open', villageId: 'bv-0' }, admin),
      ),
    )
    report(
      'board.publishPreview + board.publish over HTTP (compute twice + freeze), once',
      await once(async () => {
        const preview = await api.data<{ expect: object }>(
          'board.publishPreview',
          { roundId: 'rb-open' },
          admin,
        )
        return api.data('board.publish', { roundId: 'rb-open', expect: preview.expect }, admin)
      }),
    )
    report(
      'board.ranking over HTTP, published (frozen lists)',
      await timed(RUNS, () =>
        api.data('board.ranking', { roundId: 'rb-open', villageId: 'bv-0' }, resident),
      ),
    )

    console.log('first render data of the ranking page (JSON of the first board.ranking):')
    const bytes = async (label: string, input: object, token?: string) => {
      const { body } = await api.post('board.ranking', input, token)
      const json = JSON.stringify(body)
      console.log(`  ${label.padEnd(40)} ${Buffer.byteLength(json)} bytes (${json.length} chars)`)
    }
    await bytes('visitor, township', { roundId: 'rb-open' })
    await bytes('visitor, one village', { roundId: 'rb-open', villageId: 'bv-0' })
    await bytes('admin, one village', { roundId: 'rb-open', villageId: 'bv-0' }, admin)
  } finally {
    await api.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
