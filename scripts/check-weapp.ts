// `npm run check:weapp`: builds the mini-program, then checks dist/ the way WeChat's upload would
// refuse it: every page listed in app.json (main package and subpackages) must have its .js and
// .wxml (WeChat's own requirement) and the .json Taro always emits with its usingComponents. A
// .wxss is optional: a page whose styles all live in app.wxss or a shared chunk gets none. The
// main package must stay within its budget, 593,000 B: 1.5 times the floor app (bare Taro 4.2.1
// React + NutUI Button/Cell/Tabs + dayjs, 395,600 B; TOOLCHAIN.md), so the first download on a
// cheap phone stays small (issue 15; WeChat's own limit is 2 MB). Each subpackage stays within
// 2 MB. Prints each package beside its budget; `npm run size:weapp` shows what the main
// package is made of.
// With lazyCodeLoading ("requiredComponents", 按需注入) WeChat loads only the custom components
// a page's JSON declares, so every page (and comp.json) must declare each custom component that
// Taro's shared templates (base.wxml, comp.wxml, custom-wrapper.wxml) render, at a path that
// exists. Then WeChat's own 代码质量 checks run offline (scripts/weapp-quality.ts); any failed
// item fails the check.
// Run alone on an existing build: `tsx scripts/check-weapp.ts [distDir]`.
import fs from 'node:fs'
import path from 'node:path'
import { judgeQuality, runCodeQuality } from './weapp-quality'

const MB = 1024 * 1024
/** The floor app's main package, built by the same toolchain (TOOLCHAIN.md). */
export const FLOOR_MAIN_PACKAGE = 395_600
/** The main package's budget: 1.5 times the floor, rounded down (issue 15). */
export const MAIN_PACKAGE_BUDGET = 593_000
/** WeChat's limit for one subpackage. */
export const SUBPACKAGE_LIMIT = 2 * MB
export const PAGE_FILES = ['.js', '.json', '.wxml'] as const

export interface AppJson {
  pages?: string[]
  subPackages?: { root: string; pages?: string[] }[]
  /** app.json accepts either spelling. */
  subpackages?: { root: string; pages?: string[] }[]
  tabBar?: { list?: { iconPath?: string; selectedIconPath?: string }[] }
  lazyCodeLoading?: string
}

interface ComponentJson {
  usingComponents?: Record<string, string>
}

/** Taro's shared templates that every Taro-rendered page imports or renders through. */
export const SHARED_TEMPLATES = ['base', 'comp', 'custom-wrapper'] as const

export interface PackageSize {
  /** '主包' or the subpackage root. */
  name: string
  bytes: number
  limit: number
}

export interface WeappReport {
  packages: PackageSize[]
  problems: string[]
}

export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const bytesText = (bytes: number) => `${bytes.toLocaleString('en-US')} B`

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined
}

/**
 * Problems that would blank a page under lazyCodeLoading: a custom component that Taro's shared
 * templates render but that a page (or comp.json) does not declare, or declares at a path
 * where the component is missing.
 */
export function checkDeclaredComponents(dist: string, pages: string[]): string[] {
  const templates = SHARED_TEMPLATES.map((name) => path.join(dist, `${name}.wxml`))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n')
  // Taro's own custom components are the ones its template components declare.
  const custom = new Set(
    SHARED_TEMPLATES.flatMap((name) =>
      Object.keys(readJson<ComponentJson>(path.join(dist, `${name}.json`))?.usingComponents ?? {}),
    ),
  )
  const rendered = [...custom].filter((tag) => new RegExp(`<${tag}[\\s/>]`).test(templates))
  if (!rendered.length) return []
  const problems: string[] = []
  const owners = [
    ...SHARED_TEMPLATES.filter((name) => fs.existsSync(path.join(dist, `${name}.json`))),
    ...pages,
  ]
  for (const owner of owners) {
    let json: ComponentJson | undefined
    try {
      json = readJson<ComponentJson>(path.join(dist, `${owner}.json`))
    } catch {
      problems.push(`${owner}.json 不是合法的 JSON`)
      continue
    }
    if (!json) continue // a missing page .json is reported by the page-file check
    for (const tag of rendered) {
      const declared = json.usingComponents?.[tag]
      if (!declared) {
        problems.push(`${owner}.json 没有声明 Taro 模板用到的组件 ${tag}（按需注入时页面会空白）`)
        continue
      }
      const target = declared.startsWith('/')
        ? path.join(dist, declared)
        : path.join(dist, path.dirname(owner), declared)
      for (const ext of ['.js', '.json', '.wxml'])
        if (!fs.existsSync(target + ext))
          problems.push(`${owner}.json 声明的组件 ${tag}（${declared}）缺少 ${ext}`)
    }
  }
  return problems
}

/** app.json's subpackages, roots without a trailing slash. */
export function subpackagesOf(app: AppJson): { root: string; pages?: string[] }[] {
  return (app.subPackages ?? app.subpackages ?? []).map((s) => ({
    ...s,
    root: s.root.replace(/\/+$/, ''),
  }))
}

/** Checks a built dist/ directory; pure apart from reading it. */
export function checkWeapp(dist: string): WeappReport {
  const appJsonFile = path.join(dist, 'app.json')
  if (!fs.existsSync(appJsonFile))
    return { packages: [], problems: [`缺少 ${appJsonFile}：请先运行 npm run build:weapp`] }
  const app = JSON.parse(fs.readFileSync(appJsonFile, 'utf8')) as AppJson
  const subpackages = subpackagesOf(app)
  const problems: string[] = []

  for (const file of ['app.js', 'app.json', 'app.wxss'])
    if (!fs.existsSync(path.join(dist, file))) problems.push(`缺少 ${file}`)
  const pages = [
    ...(app.pages ?? []),
    ...subpackages.flatMap((s) => (s.pages ?? []).map((p) => `${s.root}/${p}`)),
  ]
  for (const page of pages)
    for (const ext of PAGE_FILES)
      if (!fs.existsSync(path.join(dist, page + ext))) problems.push(`页面 ${page} 缺少 ${ext}`)
  problems.push(...checkDeclaredComponents(dist, pages))
  for (const tab of app.tabBar?.list ?? [])
    for (const icon of [tab.iconPath, tab.selectedIconPath])
      if (icon && !fs.existsSync(path.join(dist, icon))) problems.push(`缺少 tabBar 图标 ${icon}`)

  const sizes = new Map<string, number>([['', 0], ...subpackages.map((s) => [s.root, 0] as const)])
  for (const file of filesUnder(dist)) {
    const rel = path.relative(dist, file).split(path.sep).join('/')
    const root = subpackages.find((s) => rel.startsWith(`${s.root}/`))?.root ?? ''
    sizes.set(root, (sizes.get(root) ?? 0) + fs.statSync(file).size)
  }
  const packages: PackageSize[] = [...sizes].map(([root, bytes]) => ({
    name: root || '主包',
    bytes,
    limit: root ? SUBPACKAGE_LIMIT : MAIN_PACKAGE_BUDGET,
  }))
  for (const p of packages)
    if (p.bytes > p.limit)
      problems.push(
        `${p.name} ${bytesText(p.bytes)}，超过${p.name === '主包' ? '预算' : '上限'} ` +
          `${bytesText(p.limit)} ${bytesText(p.bytes - p.limit)}` +
          (p.name === '主包' ? '（npm run size:weapp 列出主包里最大的模块）' : ''),
      )
  return { packages, problems }
}

/** Prints the sizes and any problems; answers the exit code. */
export function runWeappCheck(dist: string, print: (line: string) => void): number {
  const report = checkWeapp(dist)
  for (const p of report.packages) {
    const left = p.limit - p.bytes
    print(
      `${p.name.padEnd(16)} ${kb(p.bytes).padStart(10)} / ${kb(p.limit)}` +
        `（${bytesText(p.bytes)}，预算 ${bytesText(p.limit)}，` +
        `${left >= 0 ? `余 ${bytesText(left)}` : `超出 ${bytesText(-left)}`}）`,
    )
  }
  const main = report.packages.find((p) => p.name === '主包')
  if (main)
    print(
      `（主包预算：空白 Taro + NutUI + dayjs 应用主包 ${bytesText(FLOOR_MAIN_PACKAGE)} 的 1.5 倍；` +
        `现为它的 ${(main.bytes / FLOOR_MAIN_PACKAGE).toFixed(2)} 倍）`,
    )
  const total = report.packages.reduce((sum, p) => sum + p.bytes, 0)
  if (report.packages.length) print(`${'合计'.padEnd(16)} ${kb(total).padStart(10)}`)
  for (const problem of report.problems) print(`✗ ${problem}`)
  print(
    report.problems.length
      ? `小程序构建检查未通过（${report.problems.length} 项）`
      : '小程序构建检查通过',
  )
  return report.problems.length ? 1 : 0
}

/**
 * The build check, then WeChat's code-quality checks on the same directory (Taro writes
 * project.config.json into dist/). Answers the exit code: 0 only when both pass.
 */
export async function runAllWeappChecks(
  dist: string,
  print: (line: string) => void,
): Promise<number> {
  const buildCode = runWeappCheck(dist, print)
  if (!fs.existsSync(path.join(dist, 'project.config.json'))) {
    print(`✗ 缺少 ${path.join(dist, 'project.config.json')}：无法运行微信代码质量检查`)
    return 1
  }
  print('')
  const verdict = judgeQuality(await runCodeQuality(dist))
  for (const line of verdict.lines) print(line)
  return buildCode || (verdict.problems.length ? 1 : 0)
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'))
  runAllWeappChecks(dist, (line) => console.log(line)).then(
    // miniprogram-ci leaves a file watcher running: leave explicitly.
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('✗ 检查没有完成：', error)
      process.exit(1)
    },
  )
}
