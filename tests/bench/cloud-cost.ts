// `npm run bench:cloud-cost -- --households 300,60000 --out FILE`: what each call costs on WeChat
// cloud's database at each town size, counted at the SDK boundary. For each size the town is
// built in a fresh environment of the local CloudBase emulator (tests/emulator; documents
// written straight into its database), then every call of issue 20's budget table runs through
// the Router on the real wx-server-sdk as a villager, a grid worker or the admin, and its cost is
// the number of HTTP requests the SDK sent (tests/helpers/county-town.ts). A roster commit of
// 1,000 rows, an inspection and a notice are measured too, for the month.
//
// `month` applies the counts measured at the largest size to the county profile below and sets
// them beside the platform's published quotas (DEPLOY.md「县域规模」cites them).
//
// `publish` comes from tests/bench/cloud-cost-publish.ts when that module exists (its
// measurePublish(households) runs the board's publish job); without it the JSON says null.
import fs from 'node:fs'
import path from 'node:path'
import type { ActionName } from '../../contract'
import {
  COUNTY_CALLERS,
  type Caller,
  countyCalls,
  type CountyTown,
  measure,
  openCountyTown,
  warm,
} from '../helpers/county-town'
import { csvOf } from '../helpers/roster-files'

/** The bench's fixed moment (the test suite's default TEST_NOW): the demo's calendar. */
const NOW = Date.parse('2026-12-04T22:30:00+08:00')

/**
 * The county of issue 20, for a month of 30 days: what people do, as calls.
 * Peak: on the last evening of a vote, PEAK_HOUR_SHARE of that day's requests in one hour.
 */
export const COUNTY_PROFILE = {
  households: 60_000,
  days: 30,
  /** Villager sessions a day: the feed, one notice and 我的. */
  villagerSessionsPerDay: 30_000,
  /** 公示 days a month: each session also opens the ranking of its own village. */
  publicityDays: 7,
  /** A vote window of 10 days: each session also opens the campaign page and votes 3 times. */
  voteDays: 10,
  votesPerSession: 3,
  gridWorkers: 400,
  /** Grid workers' working days in the month: 20 walk-list views and 20 inspections a day. */
  gridWorkerDays: 10,
  walkListViewsPerDay: 20,
  inspectionsPerDay: 20,
  publishes: 1,
  rosterCommitsOf1000Rows: 1,
  noticesPerMonth: 40,
  peakHourShare: 0.15,
} as const

/**
 * The platform's figures, as published: WeChat's「资源配额」page for cloud development
 * (DEPLOY.md「县域规模」cites it). The basic quota of one environment; higher plans raise these,
 * and no official price list was found, so the month is set beside the quotas, not a price.
 */
export const PLATFORM = {
  source: 'https://developers.weixin.qq.com/minigame/en/dev/wxcloud/basis/concepts/quota.html',
  basicQuota: {
    databaseReadsPerDay: 50_000,
    databaseWritesPerDay: 30_000,
    databaseQps: 30,
    databaseConnections: 20,
    functionConcurrency: 20,
    functionCallsPerMonth: 200_000,
  },
  note: '价格未查到官方来源：套餐与价格以云开发控制台「资源包 / 套餐」页为准',
}

interface ActionCost {
  requests: number
  ms: number
  as: Caller
  ok: boolean
}

interface Scale {
  households: number
  seedMs: number
  actions: Record<string, ActionCost>
}

function parseArgs(argv: readonly string[]) {
  let households = [300, 60_000]
  let out = 'cloud-cost.json'
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = argv[i + 1]
    if (arg === '--households' && value) {
      households = value.split(',').map((n) => Number(n.replace(/_/g, '')))
      i++
    } else if (arg === '--out' && value) {
      out = value
      i++
    }
  }
  if (households.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--households 须为逗号分隔的户数，如 300,60000')
  return { households, out }
}

/** The writes the month counts besides the budget table: one of each, measured. */
async function writes(town: CountyTown): Promise<Record<string, ActionCost>> {
  const s = town.snapshot
  const out: Record<string, ActionCost> = {}
  const run = async (label: string, action: ActionName, input: unknown, as: Caller) => {
    const key = `bench-${action.replace('.', '-')}-${Date.now()}`
    const c = await measure(town, action, input, COUNTY_CALLERS[as], key)
    out[label] = { requests: c.requests, ms: c.ms, as, ok: c.ok }
    if (!c.ok) console.error(`  ${label}: ${JSON.stringify(c.envelope)}`)
  }
  // An inspection by the grid worker, in the open round, of a household of their grid.
  const open = s.rounds.find((r) => r.status === 'open')
  const worker = s.users.find((u) => u.openid === COUNTY_CALLERS.gridWorker)
  const grid = s.gridWorkers.find((w) => w.userId === worker?.id)
  const household = s.households.find((h) => h.gridId === grid?.gridId)
  if (open && household) {
    const items = s.criteria
      .filter((c) => c.rubricId === open.rubricId)
      .map((c) =>
        c.deductionPerItem > 0
          ? { criterionId: c.id, deductions: 0 }
          : { criterionId: c.id, points: c.maxPoints },
      )
    await run(
      'board.inspect',
      'board.inspect',
      {
        roundId: open.id,
        householdId: household.id,
        items,
        photos: [],
        clientId: `bench-${Date.now()}`,
      },
      'gridWorker',
    )
  }
  const column = s.columns[0]
  if (column)
    await run(
      'notices.create',
      'notices.create',
      {
        columnId: column.id,
        title: '县域规模测试公告',
        body: '<p>这是一条测量请求数的公告。</p>',
        scope: { kind: 'township' },
        publish: 'now',
      },
      'admin',
    )
  // The roster last: a roster commit changes places, so this instance's next call reads them
  // again (a cold read, DEPLOY.md「县域规模」), which is not what an inspection or a notice costs.
  // A roster of 1,000 new households in the demo's villages (their first groups).
  const header = ['村名', '村民小组', '户主姓名', '门牌号', '家庭人口', '联系电话']
  const demoVillages = s.villages.filter((v) => !v.id.startsWith('vil-x'))
  const rows = Array.from({ length: 1_000 }, (_, i) => {
    const village = demoVillages[i % demoVillages.length]
    const group = s.groups.find((g) => g.villageId === village?.id)
    return [village?.name ?? '', group?.name ?? '', `新户${i}`, `新村路${i}号`, '3', '']
  })
  await run(
    'roster.commit (1,000 rows)',
    'roster.commit',
    { fileName: 'county.csv', content: csvOf([header, ...rows]).toString('base64') },
    'admin',
  )
  return out
}

/** The month of the county profile from one scale's measured counts. */
export function month(
  actions: Record<string, { requests: number }>,
  publishRequests: number | null,
) {
  const p = COUNTY_PROFILE
  const r = (name: string) => actions[name]?.requests ?? NaN
  const session = r('notices.list') + r('notices.get') + r('me.get')
  const ranking = r('board.round') + r('board.ranking')
  const campaign =
    r('campaigns.get') + r('campaigns.candidates') + p.votesPerSession * r('campaigns.vote')
  const parts = {
    villagerSessions: p.days * p.villagerSessionsPerDay * session,
    rankingOnPublicityDays: p.publicityDays * p.villagerSessionsPerDay * ranking,
    voteWindow: p.voteDays * p.villagerSessionsPerDay * campaign,
    gridWorkers:
      p.gridWorkers *
      p.gridWorkerDays *
      (p.walkListViewsPerDay * r('households.list') + p.inspectionsPerDay * r('board.inspect')),
    publish: p.publishes * (publishRequests ?? 0),
    roster: p.rosterCommitsOf1000Rows * r('roster.commit (1,000 rows)'),
    notices: p.noticesPerMonth * r('notices.create'),
  }
  const requests = Object.values(parts).reduce((a, b) => a + b, 0)
  // The busiest day: a vote day that is also a 公示 day, grid workers at work.
  const busiestDay =
    p.villagerSessionsPerDay * (session + ranking + campaign) +
    p.gridWorkers *
      (p.walkListViewsPerDay * r('households.list') + p.inspectionsPerDay * r('board.inspect'))
  const peakRps = (busiestDay * p.peakHourShare) / 3_600
  return {
    profile: 'county',
    requests: Math.round(requests),
    peakRps: Math.round(peakRps),
    parts,
    publishIncluded: publishRequests !== null,
    withinBudget: requests <= 30_000_000 && peakRps <= 150,
  }
}

async function publishFigures(households: number): Promise<unknown> {
  const module = path.join(__dirname, 'cloud-cost-publish.ts')
  if (!fs.existsSync(module)) return null
  const { measurePublish } = (await import(module)) as {
    measurePublish: (households: number) => Promise<unknown>
  }
  return measurePublish(households)
}

async function main() {
  const { households, out } = parseArgs(process.argv.slice(2))
  const scales: Scale[] = []
  for (const n of households) {
    console.log(`\n== ${n} 户`)
    const started = Date.now()
    const town = await openCountyTown(n, NOW)
    const seedMs = Date.now() - started
    console.log(
      `  建镇（直接写入模拟器数据库）${seedMs} ms，实际 ${town.snapshot.households.length} 户`,
    )
    const fill = await warm(town)
    const actions: Record<string, ActionCost> = {
      // The first call of a fresh instance: it reads every village, group, grid and grid worker.
      'places.tree (cold instance)': {
        requests: fill.requests,
        ms: fill.ms,
        as: 'admin',
        ok: fill.ok,
      },
    }
    for (const c of await countyCalls(town)) {
      const cost = await measure(town, c.action, c.input, COUNTY_CALLERS[c.as], c.key)
      actions[c.action] = { requests: cost.requests, ms: cost.ms, as: c.as, ok: cost.ok }
      if (!cost.ok) console.error(`  ${c.action}: ${JSON.stringify(cost.envelope)}`)
    }
    Object.assign(actions, await writes(town))
    for (const [name, a] of Object.entries(actions))
      console.log(
        `  ${name.padEnd(28)} ${String(a.requests).padStart(6)} 次请求 ${String(a.ms).padStart(7)} ms  ${a.as}${a.ok ? '' : '  失败'}`,
      )
    scales.push({ households: town.snapshot.households.length, seedMs, actions })
  }
  const largest = Math.max(...households)
  const publish = await publishFigures(largest)
  if (publish === null)
    console.log(
      '\n发布（board.publish）：tests/bench/cloud-cost-publish.ts 不存在，"publish": null，月度估算不含发布',
    )
  const publishRequests =
    publish && typeof publish === 'object' && 'totalRequests' in publish
      ? Number((publish as { totalRequests: unknown }).totalRequests)
      : publish && typeof publish === 'object' && 'invocations' in publish
        ? Number((publish as { invocations: number }).invocations) *
          Number((publish as { maxRequestsPerInvocation?: number }).maxRequestsPerInvocation ?? 0)
        : null
  const top = scales[scales.length - 1]
  const monthFigures = top ? month(top.actions, publishRequests) : null
  const result = {
    scales,
    publish,
    month: monthFigures,
    profile: COUNTY_PROFILE,
    platform: PLATFORM,
  }
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
  if (monthFigures) {
    console.log(
      `\n每月（县域画像，按 ${top?.households} 户实测）：${monthFigures.requests.toLocaleString()} 次请求，峰值约 ${monthFigures.peakRps} 次/秒`,
    )
    console.log(
      '  目标：每月 ≤ 30,000,000 次，峰值 ≤ 150 次/秒：' +
        (monthFigures.withinBudget ? '达到' : '未达到'),
    )
    for (const [k, v] of Object.entries(monthFigures.parts))
      console.log(`  ${k.padEnd(24)} ${Math.round(v).toLocaleString()}`)
    const q = PLATFORM.basicQuota
    const perDay = monthFigures.requests / COUNTY_PROFILE.days
    console.log(
      `  平台基础配额（${PLATFORM.source}）：数据库读 ${q.databaseReadsPerDay.toLocaleString()} 次/天、` +
        `写 ${q.databaseWritesPerDay.toLocaleString()} 次/天、QPS ${q.databaseQps}`,
    )
    console.log(
      `  本画像：平均每天 ${Math.round(perDay).toLocaleString()} 次（读写合计，基础配额的 ` +
        `${(perDay / (q.databaseReadsPerDay + q.databaseWritesPerDay)).toFixed(1)} 倍），峰值 ` +
        `${monthFigures.peakRps} 次/秒（基础配额 QPS 的 ${(monthFigures.peakRps / q.databaseQps).toFixed(1)} 倍）：县域须选更高的套餐`,
    )
    console.log(`  ${PLATFORM.note}`)
  }
  console.log(`\n已写入 ${out}`)
  process.exit(0)
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
