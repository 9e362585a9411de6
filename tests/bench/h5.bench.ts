// The H5 app on a cheap phone over a weak signal: Chromium (Debian's, via playwright-core)
// under CDP's 4× CPU throttle and 1.6 Mbps down / 150 ms latency loads 首页, 红黑榜 and 评选
// of the built app, served by the local server (compressed, demo data), each in a fresh
// context (nothing cached), and prints FCP, LCP, when the first notice showed (首页) and the
// bytes transferred. The same for a floor app built by the same toolchain in this run
// (tests/bench/floor: bare Taro 4.2.1 React + NutUI Button/Cell/Tabs + dayjs), and, when a
// second build is given, for it too ("before"), served by the same server.
//
//   npm run bench -- h5                        this worktree's dist-h5 (built if stale) vs the floor
//   H5_BEFORE=/path/to/dist-h5 npm run bench -- h5   also a copy of another build (e.g. main's)
//   H5_RUNS=5 …                                 median of 5 loads per page (default 3)
//   H5_FLOOR=/tmp/hemei-floor-…/dist-h5 …       reuse a floor built by an earlier run
//   H5_NO_BUILD=1 …                             measure dist-h5 as it is, even if stale
//   H5_COMPARE=a=/tmp/x,b=/tmp/y …              also these builds, compressed, 首页 only (A/B)
//   H5_HOME_ONLY=1 …                            首页 only, for every app
//   H5_WATERFALL=1 …                            also print the last load's requests and long tasks
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { compressAssets } from '../../scripts/h5-compress'
import { ensureH5Build } from '../../scripts/h5-build'
import { startLocalApp, type LocalApp } from '../../server/local/app'
import { createLogger } from '../../server/logger'
import { CHROMIUM_ARGS, CHROMIUM_PATH, PHONE_CONTEXT } from '../helpers/browser'
import { TEST_NOW } from '../helpers/test-clock'

const root = path.resolve(__dirname, '../..')
const RUNS = Number(process.env.H5_RUNS ?? 3)
const CPU_RATE = 4
const DOWN_BPS = 1.6e6
const UP_BPS = 0.75e6
const LATENCY_MS = 150

/** Temp dirs this run made (copies, data), removed at the end; a floor build is kept for H5_FLOOR. */
const temps: string[] = []

interface Load {
  fcp: number
  lcp: number
  /** When the first notice card was in the page (首页 only), else NaN. */
  firstNotice: number
  bytes: number
  requests: number
  /** What the largest contentful paint was of (tag.class), from the last load. */
  lcpOf: string
  /** The load's requests (start → end, ms) and long tasks, for H5_WATERFALL. */
  waterfall: string[]
}

/** Builds the floor app with the same toolchain into a temp dir; returns its dist-h5. */
function buildFloor(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-floor-'))
  fs.cpSync(path.join(__dirname, 'floor'), dir, { recursive: true })
  for (const file of ['babel.config.js', 'package.json', 'tsconfig.json']) {
    fs.copyFileSync(path.join(root, file), path.join(dir, file))
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'))
  const started = Date.now()
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'taro'),
    ['build', '--type', 'h5'],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NODE_ENV: 'production' },
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  const out = path.join(dir, 'dist-h5')
  if (result.status !== 0 || !fs.existsSync(path.join(out, 'index.html'))) {
    throw new Error(`底线应用构建失败：\n${(result.stdout + result.stderr).slice(-3000)}`)
  }
  console.log(`底线应用构建完成，用时 ${Math.round((Date.now() - started) / 1000)} 秒（${dir}）`)
  return out
}

/** A copy of a build, with fresh .br/.gz copies or with none (served as the old server did). */
function copyOf(dist: string, compressed: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-h5-copy-'))
  temps.push(dir)
  fs.cpSync(dist, dir, { recursive: true })
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (f.endsWith('.br') || f.endsWith('.gz')) fs.rmSync(path.join(dir, f))
  }
  if (compressed) compressAssets(dir)
  return dir
}

async function serve(staticRoot: string): Promise<LocalApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-h5-bench-'))
  temps.push(dataDir)
  return startLocalApp(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      devMode: true,
      adminOpenids: [],
      clockStart: TEST_NOW,
    },
    { staticRoot, logger: createLogger({ silent: true }), ticker: false },
  )
}

async function loadOnce(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext(PHONE_CONTEXT)
  await context.addInitScript(() => {
    const w = window as unknown as {
      __lcp: number
      __lcpOf: string
      __firstNotice: number
      __long: number[][]
    }
    w.__long = []
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push([e.startTime, e.duration])
    }).observe({ type: 'longtask', buffered: true })
    w.__lcp = NaN
    w.__lcpOf = ''
    w.__firstNotice = NaN
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        w.__lcp = entry.startTime
        const element = (entry as PerformanceEntry & { element?: Element | null }).element
        w.__lcpOf = element ? `${element.tagName.toLowerCase()}.${element.className}` : ''
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true })
    // Inline, not a named const: tsx would wrap that in a __name() the page does not have.
    new MutationObserver(() => {
      if (Number.isNaN(w.__firstNotice) && document.querySelector('.notice-card')) {
        w.__firstNotice = performance.now()
      }
    }).observe(document, { childList: true, subtree: true })
  })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE })
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: DOWN_BPS / 8,
    uploadThroughput: UP_BPS / 8,
  })
  let bytes = 0
  let requests = 0
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength
    requests++
  })
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 })
  await page.waitForLoadState('networkidle', { timeout: 120_000 })
  await page.waitForTimeout(1_000)
  const metrics = await page.evaluate(() => {
    const w = window as unknown as { __lcp: number; __lcpOf: string; __firstNotice: number }
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN
    // Math.round inline, not a named helper: tsx would wrap that in __name() (see above).
    const waterfall = [
      ...performance.getEntriesByType('resource').map((e) => {
        const r = e as PerformanceResourceTiming
        const name = r.name.replace(location.origin, '')
        return `${Math.round(r.startTime)}–${Math.round(r.responseEnd)} ms  ${r.transferSize} B  ${name}`
      }),
      ...(w as unknown as { __long: number[][] }).__long.map(
        ([at = 0, d = 0]) => `${Math.round(at)}–${Math.round(at + d)} ms  long task`,
      ),
      `${Math.round(fcp)} ms  FCP`,
      `${Math.round(w.__lcp)} ms  LCP ${w.__lcpOf}`,
      `${Math.round(w.__firstNotice)} ms  first notice`,
    ]
    return { fcp, lcp: w.__lcp, lcpOf: w.__lcpOf, firstNotice: w.__firstNotice, waterfall }
  })
  await context.close()
  return { ...metrics, bytes, requests }
}

const median = (values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
  return sorted.length ? (sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN) : NaN
}

async function measure(browser: Browser, url: string): Promise<Load> {
  const loads: Load[] = []
  // One warm-up load (the server's first answers, Chromium's own start) is not counted.
  await loadOnce(browser, url)
  for (let i = 0; i < RUNS; i++) loads.push(await loadOnce(browser, url))
  return {
    fcp: median(loads.map((l) => l.fcp)),
    lcp: median(loads.map((l) => l.lcp)),
    firstNotice: median(loads.map((l) => l.firstNotice)),
    bytes: median(loads.map((l) => l.bytes)),
    requests: median(loads.map((l) => l.requests)),
    lcpOf: loads.at(-1)?.lcpOf ?? '',
    waterfall: loads.at(-1)?.waterfall ?? [],
  }
}

const pages = [
  { name: '首页', hash: '' },
  { name: '红黑榜', hash: '#/pages/board/index' },
  { name: '评选', hash: '#/pages/campaigns/index' },
]

const s = (ms: number) => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`)
const kb = (bytes: number) => `${Math.round(bytes / 1000).toLocaleString('en')} KB`

function row(app: string, page: string, l: Load) {
  console.log(
    `${app.padEnd(26)} ${page.padEnd(5)} FCP ${s(l.fcp).padStart(7)}  LCP ${s(l.lcp).padStart(7)}  ` +
      `首条公告 ${s(l.firstNotice).padStart(7)}  传输 ${kb(l.bytes).padStart(8)}（${l.requests} 个请求）` +
      `  LCP 元素 ${l.lcpOf.slice(0, 40)}`,
  )
}

async function main() {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`没有找到 ${CHROMIUM_PATH}`)
  if (!process.env.H5_NO_BUILD) ensureH5Build((line) => console.log(line))
  const floorDist = process.env.H5_FLOOR ?? buildFloor()
  const apps: { name: string; dir: string; pages: typeof pages }[] = [
    { name: '底线（Taro+NutUI+dayjs）', dir: copyOf(floorDist, true), pages: [pages[0]!] },
  ]
  const before = process.env.H5_BEFORE
  if (before) {
    apps.push({ name: '之前：旧构建，未压缩', dir: copyOf(before, false), pages })
    apps.push({ name: '之前的构建，压缩', dir: copyOf(before, true), pages })
  }
  apps.push({ name: '现在：本构建，压缩', dir: path.join(root, 'dist-h5'), pages })
  for (const entry of (process.env.H5_COMPARE ?? '').split(',').filter(Boolean)) {
    const [label = entry, dir = ''] = entry.split('=')
    apps.push({ name: label, dir: copyOf(dir, true), pages: [pages[0]!] })
  }
  if (process.env.H5_HOME_ONLY) for (const app of apps) app.pages = [pages[0]!]

  console.log(
    `\nChromium：CPU 降速 ${CPU_RATE} 倍，下行 ${DOWN_BPS / 1e6} Mbps、延迟 ${LATENCY_MS} ms，` +
      `375×740 手机视口，每页新开无缓存上下文，取 ${RUNS} 次的中位数\n`,
  )
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const results = new Map<string, Load>()
  try {
    for (const app of apps) {
      const server = await serve(app.dir)
      try {
        for (const p of app.pages) {
          const load = await measure(browser, `${server.url}/${p.hash}`)
          results.set(`${app.name}|${p.name}`, load)
          row(app.name, p.name, load)
          if (process.env.H5_WATERFALL) {
            const sorted = [...load.waterfall].sort((a, b) => parseInt(a) - parseInt(b))
            for (const line of sorted) console.log(`    ${line}`)
          }
        }
      } finally {
        await server.close()
      }
    }
  } finally {
    await browser.close()
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true })
  }
  const floor = results.get(`${apps[0]!.name}|首页`)!
  console.log('')
  for (const app of apps.slice(1)) {
    const home = results.get(`${app.name}|首页`)!
    console.log(
      `${app.name}：LCP(首页)/LCP(底线) = ${(home.lcp / floor.lcp).toFixed(2)}` +
        `，首条公告/LCP(底线) = ${(home.firstNotice / floor.lcp).toFixed(2)}`,
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
