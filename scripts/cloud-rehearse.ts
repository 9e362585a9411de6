// `npm run cloud:rehearse`: the step before uploading the `api` function. Builds the bundle,
// starts the local CloudBase emulator (tests/emulator), creates the collections and indexes of
// server/store/cloud/collections.ts in it, imports the demo township through the real
// wx-server-sdk, and walks a villager's, a grid worker's and the admin's day through the
// bundle's main(event, context), caller in WX_OPENID as the platform sets it. Prints each step
// with its time, and the SDK actions the walk used. Exit code 1 at the first step that fails.
// The emulator is our reading of the platform: see DEPLOY.md for what it cannot prove.
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import type { Envelope } from '../contract/envelope'
import { buildDemoTownship } from '../server/seed/build-township'
import { createCloudStore } from '../server/store/cloud/cloud-store'
import { cloudCollections } from '../server/store/cloud/collections'
import { type RealSdk, platformEnv, setCaller } from '../tests/emulator/sdk'
import { startEmulator } from '../tests/emulator/server'
import { bundlePath, buildFunction } from './build-functions'
import { indexRequests } from './cloud-indexes'

type Main = (event: unknown, context: unknown) => Promise<Envelope<unknown> | 'success'>

const ENV = 'rehearsal'
let stepNo = 0

async function step<T>(label: string, run: () => Promise<T>, detail?: (v: T) => string) {
  const started = performance.now()
  try {
    const value = await run()
    const ms = performance.now() - started
    const extra = detail ? `  ${detail(value)}` : ''
    console.log(`${String(++stepNo).padStart(2)}. ✓ ${label}  ${ms.toFixed(0)} ms${extra}`)
    return value
  } catch (error) {
    console.log(`${String(++stepNo).padStart(2)}. ✗ ${label}`)
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}

async function main() {
  console.log('云函数上线前演练：真实的 wx-server-sdk 4.0.2 + 本地云开发模拟器\n')
  await step(
    '构建云函数 cloudfunctions/api/index.js 和 lazy-*.js',
    buildFunction,
    (r) =>
      `${(r.bytes / 1024).toFixed(0)} KB` +
      `（另有用到时才加载的 ${Object.keys(r.files).length - 1} 个文件，` +
      `${((Object.values(r.files).reduce((x, y) => x + y, 0) - r.bytes) / 1024).toFixed(0)} KB）`,
  )
  const emulator = await step(
    '启动本地云开发模拟器',
    () => startEmulator(),
    (e) => e.url,
  )
  Object.assign(process.env, platformEnv(emulator.url, ENV), {
    ADMIN_OPENIDS: 'demo-admin',
    NOTIFY_TEMPLATES: '{}',
  })
  const requireBundle = createRequire(bundlePath)
  const sdk = requireBundle('wx-server-sdk') as RealSdk
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
  const db = sdk.database({ throwOnNotFound: false })

  await step(`建 ${cloudCollections.length} 个集合（db.createCollection）`, async () => {
    for (const c of cloudCollections) await db.createCollection(c.name)
  })
  const indexes = await step(
    '建索引（tcb/updateindex，与 cloudfunctions/database-indexes.json 相同）',
    async () => {
      let n = 0
      for (const request of indexRequests()) {
        const res = await fetch(`${emulator.url}/tcb/updateindex`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ env: ENV, ...request }),
        })
        if (!res.ok) throw new Error(`索引 ${request.collection_name}: ${await res.text()}`)
        n += request.create_indexes.length
      }
      return n
    },
    (n) => `${n} 个`,
  )
  void indexes
  const town = buildDemoTownship(Date.now())
  await step(
    '导入演示乡镇（经 wx-server-sdk 逐条写入）',
    () => createCloudStore(db).importSnapshot(town),
    () => `${town.households.length} 户`,
  )
  const { main: handler } = await step(
    '加载云函数 main',
    async () => requireBundle(bundlePath) as { main: Main },
  )

  let keys = 0
  /** One call as WeChat makes it: the caller in the context, the client's key for a write. */
  const call = async <T>(openid: string, action: string, input: unknown = {}): Promise<T> => {
    setCaller({ OPENID: openid, SOURCE: 'wx_client' })
    const answer = await handler(
      { action, input, requestKey: `rehearsal-${++keys}-${Date.now()}` },
      { request_id: `req-rehearsal-${keys}`, function_name: 'api' },
    )
    if (answer === 'success' || !answer.ok) throw new Error(`${action}: ${JSON.stringify(answer)}`)
    return answer.data as T
  }
  const resident = 'demo-resident-1'
  const visitor = 'demo-visitor'
  const grid = 'demo-grid-1'
  const admin = 'demo-admin'

  console.log('\n村民的一天（demo-resident-1）')
  const notices = await step(
    '读公告列表 notices.list',
    () => call<{ items: { id: string; title: string }[] }>(resident, 'notices.list', {}),
    (r) => `${r.items.length} 条`,
  )
  const first = notices.items[0]
  if (first)
    await step(`打开公告「${first.title}」notices.open`, () =>
      call(resident, 'notices.open', { id: first.id }),
    )

  console.log('\n游客绑定家庭（demo-visitor，网格员审核）')
  interface HouseholdRow {
    id: string
    village: { id: string }
    headName: string
    houseNo: string
    members: unknown[]
  }
  const households = await step('网格员负责的户 households.list', () =>
    call<{ items: HouseholdRow[] }>(grid, 'households.list', { limit: 50 }),
  )
  const unbound = households.items.find((h) => h.members.length === 0) ?? households.items[0]!
  await step(`申请绑定 ${unbound.headName} ${unbound.houseNo} bindings.request`, () =>
    call(visitor, 'bindings.request', {
      by: 'roster',
      villageId: unbound.village.id,
      relation: 'member',
      headName: unbound.headName,
      houseNo: unbound.houseNo,
    }),
  )

  console.log('\n网格员的一天（demo-grid-1）')
  const pending = await step(
    '待审核的绑定 bindings.pending',
    () => call<{ items: { id: string }[] }>(grid, 'bindings.pending', {}),
    (r) => `${r.items.length} 条`,
  )
  if (pending.items[0])
    await step('通过绑定 bindings.approve', () =>
      call(grid, 'bindings.approve', { id: pending.items[0]!.id }),
    )
  const rounds = await step('检查轮次 board.rounds', () =>
    call<{ items: { id: string; status: string; title: string }[] }>(grid, 'board.rounds', {}),
  )
  const open = rounds.items.find((r) => r.status === 'open')
  if (!open) throw new Error('演示数据里没有进行中的检查轮次')
  const walk = await step(
    `入户名单 board.inspectables（${open.title}）`,
    () =>
      call<{ items: { householdId: string; done: boolean }[] }>(grid, 'board.inspectables', {
        roundId: open.id,
        done: false,
      }),
    (r) => `${r.items.length} 户待查`,
  )
  const rubric = await step('评分标准 rubrics.current', () =>
    call<{ criteria: { id: string; maxPoints: number }[] }>(grid, 'rubrics.current', {}),
  )
  const target = walk.items[0]
  if (target)
    await step('入户检查并打分 board.inspect', () =>
      call(grid, 'board.inspect', {
        roundId: open.id,
        householdId: target.householdId,
        items: rubric.criteria.map((c) => ({ criterionId: c.id, points: c.maxPoints })),
        photos: [],
        clientId: `rehearsal-inspection-${Date.now()}`,
      }),
    )
  const preview = await step('发布前预览 board.publishPreview', () =>
    call<{ expect: { inspected: number; red: number; black: number } }>(
      admin,
      'board.publishPreview',
      { roundId: open.id },
    ),
  )
  await step('管理员确认发布红黑榜 board.publish', () =>
    call(admin, 'board.publish', { roundId: open.id, expect: preview.expect }),
  )

  console.log('\n用到时才加载的模块（lazy-*.js：二维码、表格、富文本）')
  await step(
    `家庭邀请二维码 households.invite（${unbound.headName}）`,
    () => call<{ qr: string[] }>(grid, 'households.invite', { householdId: unbound.id }),
    (r) => `${r.qr.length}×${r.qr.length} 模块`,
  )
  const roster = await step(
    '导出花名册 roster.export',
    () => call<{ fileName: string; content: string }>(admin, 'roster.export', {}),
    (r) => `${r.fileName} ${(r.content.length / 1024).toFixed(0)} KB（base64）`,
  )
  await step(
    '把导出的花名册预检一遍 roster.preview（读 zip 和 XML）',
    () =>
      call<{ rows: number; unchanged: number; errors: unknown[] }>(admin, 'roster.preview', roster),
    (r) => `${r.rows} 行，${r.unchanged} 行不变，${r.errors.length} 个错误`,
  )
  if (first)
    await step(`公告的广播稿 broadcast.script（${first.title}）`, () =>
      call(admin, 'broadcast.script', { noticeId: first.id }),
    )

  console.log('\n评选（demo-resident-1）')
  const campaigns = await step('评选列表 campaigns.list', () =>
    call<{ items: { id: string; title: string; phase: string }[] }>(resident, 'campaigns.list', {}),
  )
  const nominating = campaigns.items.find((c) => c.phase === 'nomination')
  if (nominating) {
    // A neighbour not yet nominated (the demo town has nominated some): found by name, as the page does.
    let nominated = false
    for (const h of households.items.slice(0, 10)) {
      const name = h.headName.slice(0, 2)
      const found = await step(`按户主姓名找户 campaigns.nominees「${name}」`, () =>
        call<{ items: { id: string }[] }>(resident, 'campaigns.nominees', {
          campaignId: nominating.id,
          name,
        }),
      )
      const target = found.items.find((f) => f.id === h.id)
      if (!target) continue
      const made = await step(
        `提名 ${h.headName} campaigns.nominate（${nominating.title}）`,
        async () => {
          try {
            return await call(resident, 'campaigns.nominate', {
              campaignId: nominating.id,
              householdId: target.id,
              story: '常年义务打扫村道，邻里有事总是第一个到。',
            })
          } catch (error) {
            if (String(error).includes('"CONFLICT"')) return null
            throw error
          }
        },
        (v) => (v ? '' : '这户已被提名，换下一户'),
      )
      if (made) {
        nominated = true
        break
      }
    }
    if (!nominated) throw new Error('前 10 户都已被提名，演练无法提名')
  }
  const voting = campaigns.items.find((c) => c.phase === 'voting')
  if (voting) {
    const candidates = await step('候选名单 campaigns.candidates', () =>
      call<{ items: { id: string }[] }>(resident, 'campaigns.candidates', {
        campaignId: voting.id,
      }),
    )
    if (candidates.items[0])
      await step(`投票 campaigns.vote（${voting.title}）`, () =>
        call(resident, 'campaigns.vote', {
          campaignId: voting.id,
          candidateId: candidates.items[0]!.id,
        }),
      )
  }

  console.log('\n演练中 SDK 发出的请求（按 action 计数）')
  const counts = [...emulator.actionCounts()].sort((a, b) => b[1] - a[1])
  for (const [action, n] of counts) console.log(`  ${action.padEnd(48)} ${n}`)
  console.log(
    '\n演练通过。模拟器只是我们对平台的理解：上线前仍须在体验版里完整走一遍（见 DEPLOY.md）。',
  )
  await emulator.close()
}

void main()
