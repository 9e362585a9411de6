// `npm run check:weapp`: builds the mini-program, then checks dist/ the way WeChat's upload would
// refuse it: every page listed in app.json (main package and subpackages) must have its .js and
// .wxml (WeChat's own requirement) and the .json Taro always emits with its usingComponents. A
// .wxss is optional: a page whose styles all live in app.wxss or a shared chunk gets none. The main package must stay under 1.5 MB (our
// budget; WeChat's own limit is 2 MB) and each subpackage under 2 MB. Prints the sizes.
// Run alone on an existing build: `tsx scripts/check-weapp.ts [distDir]`.
import fs from 'node:fs'
import path from 'node:path'

const MB = 1024 * 1024
export const MAIN_PACKAGE_LIMIT = 1.5 * MB
export const SUBPACKAGE_LIMIT = 2 * MB
export const PAGE_FILES = ['.js', '.json', '.wxml'] as const

interface AppJson {
  pages?: string[]
  subPackages?: { root: string; pages?: string[] }[]
  /** app.json accepts either spelling. */
  subpackages?: { root: string; pages?: string[] }[]
  tabBar?: { list?: { iconPath?: string; selectedIconPath?: string }[] }
}

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

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** Checks a built dist/ directory; pure apart from reading it. */
export function checkWeapp(dist: string): WeappReport {
  const appJsonFile = path.join(dist, 'app.json')
  if (!fs.existsSync(appJsonFile))
    return { packages: [], problems: [`缺少 ${appJsonFile}：请先运行 npm run build:weapp`] }
  const app = JSON.parse(fs.readFileSync(appJsonFile, 'utf8')) as AppJson
  const subpackages = (app.subPackages ?? app.subpackages ?? []).map((s) => ({
    ...s,
    root: s.root.replace(/\/+$/, ''),
  }))
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
    limit: root ? SUBPACKAGE_LIMIT : MAIN_PACKAGE_LIMIT,
  }))
  for (const p of packages)
    if (p.bytes >= p.limit) problems.push(`${p.name} ${kb(p.bytes)}，超过上限 ${kb(p.limit)}`)
  return { packages, problems }
}

/** Prints the sizes and any problems; answers the exit code. */
export function runWeappCheck(dist: string, print: (line: string) => void): number {
  const report = checkWeapp(dist)
  for (const p of report.packages)
    print(`${p.name.padEnd(16)} ${kb(p.bytes).padStart(10)} / ${kb(p.limit)}`)
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

if (path.resolve(process.argv[1] ?? '') === __filename) {
  const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'))
  process.exitCode = runWeappCheck(dist, (line) => console.log(line))
}
